"""The privacy notice (informativa, GDPR art. 13) for one person, with consents to sign."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from familydesk.forms.address import postal_address
from familydesk.forms.base import (
    CHECKBOX,
    CONTENT_WIDTH,
    GRID,
    RULE,
    FormLanguage,
    capitalised,
    esc,
    styles,
)
from familydesk.forms.blocks import (
    fields_table,
    heading,
    section,
    signature_boxes,
    table_style,
)
from familydesk.forms.document import build_pdf
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.registry import notice_text as text
from familydesk.registry.centre import CentreDetails
from familydesk.registry.records import (
    CONSENT_KINDS,
    PRIVACY_NOTICE_VERSION,
    FamilyDetail,
    MemberDetail,
)

OPTIONAL_CONSENTS = ("contact_phone", "contact_sms", "contact_email", "photos")
_BLANK = "_" * 34


def privacy_pdf(
    member: MemberDetail,
    family: FamilyDetail,
    centre: CentreDetails,
    language: str,
    today: date | None = None,
) -> bytes:
    """The privacy notice for ``member`` of ``family`` in ``language``, as PDF bytes.

    A minor's notice carries the parent's or guardian's declaration and signature.
    Pure: reads nothing, writes nothing, logs nothing; any thread.
    """
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    title = lang(text.TITLE)
    story: list[Flowable] = [
        Paragraph(esc(title), st.title),
        Paragraph(esc(lang(text.SUBTITLE)), st.subtitle),
        Paragraph(esc(lang(text.INTRO)), st.notice),
    ]
    for head, paragraph in text.SECTIONS:
        body = lang(paragraph).format(controller=_controller(centre, lang))
        story += [*section(lang(head), room=20 * mm), Paragraph(esc(body), st.notice)]
    # What is filled in and signed stays on one page.
    story.append(
        KeepTogether(
            [
                heading(lang(N_("Person concerned"))),
                _person_fields(member, family, lang),
                Spacer(1, 2 * mm),
                *_declaration(member, lang),
                heading(lang(N_("Optional consents"))),
                Paragraph(esc(lang(N_("Tick one box on each line."))), st.small),
                _consents_table(lang),
                Spacer(1, 7 * mm),
                _place_and_date(lang),
                Spacer(1, 5 * mm),
                signature_boxes(_signers(member, lang), height=18 * mm),
            ]
        )
    )
    footer = lang(N_("Privacy notice, version {version} · printed on {date}")).format(
        version=PRIVACY_NOTICE_VERSION, date=lang.date(today)
    )
    return build_pdf(story, centre=centre, lang=lang, title=title, footer=footer)


def _controller(centre: CentreDetails, lang: FormLanguage) -> str:
    """The centre's name, address and contacts, as one phrase."""
    address = postal_address(centre.address, centre.postcode, centre.town)
    where = ", ".join(p for p in (centre.name, address) if p)
    contacts = []
    if centre.phone:
        contacts.append(lang(N_("phone {phone}")).format(phone=centre.phone))
    if centre.email:
        contacts.append(lang(N_("e-mail {email}")).format(email=centre.email))
    return f"{where} ({', '.join(contacts)})" if contacts else where


def _person_fields(member: MemberDetail, family: FamilyDetail, lang: FormLanguage) -> Table:
    residence = postal_address(
        family.address, family.postal_code, family.comune_name, family.province
    )
    tax_code = member.tax_code or lang(N_("no tax code: {reason}")).format(
        reason=member.no_code_reason or lang(N_("reason not given"))
    )
    return fields_table(
        [
            (lang(N_("Surname and given name")), member.full_name),
            (lang(N_("Tax code")), tax_code),
            (lang(N_("Date of birth")), lang.date(member.birth_date)),
            (lang(N_("Place of birth")), member.birth_place),
            (lang(N_("Residence")), residence),
            (lang(N_("Minor")), lang(N_("yes")) if member.is_minor else lang(N_("no"))),
        ]
    )


def _declaration(member: MemberDetail, lang: FormLanguage) -> list[Flowable]:
    st = styles()
    name = f"<b>{esc(member.full_name)}</b>"
    if not member.is_minor:
        sentence = esc(lang(text.ADULT_DECLARATION)).format(name=name)
        return [Paragraph(sentence, st.body)]
    sentence = esc(lang(text.GUARDIAN_DECLARATION)).format(blank=_BLANK, name=name)
    return [
        heading(lang(N_("For a minor: declaration of the parent or guardian"))),
        Paragraph(sentence, st.body),
    ]


def _consents_table(lang: FormLanguage) -> Table:
    st = styles()
    box = f"<font size=13>{CHECKBOX}</font>"
    yes, no = (f"{box} {esc(answer)}" for answer in (lang(N_("yes")), lang(N_("no"))))
    rows = []
    for kind in OPTIONAL_CONSENTS:
        label = capitalised(lang(CONSENT_KINDS[kind]))
        purpose = lang(text.CONSENT_PURPOSES[kind])
        rows.append(
            [
                Paragraph(f"<b>{esc(label)}</b>: {esc(purpose)}", st.body),
                Paragraph(yes, st.body),
                Paragraph(no, st.body),
            ]
        )
    table = Table(rows, colWidths=[CONTENT_WIDTH - 50 * mm, 25 * mm, 25 * mm])
    table.setStyle(
        table_style(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (1, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _place_and_date(lang: FormLanguage) -> Table:
    """ "Place ______  Date ______" lines to fill in by hand."""
    st = styles()
    table = Table(
        [
            [
                Paragraph(esc(lang(N_("Place"))), st.body),
                "",
                Paragraph(esc(lang(N_("Date"))), st.body),
                "",
            ]
        ],
        colWidths=[16 * mm, 80 * mm, 20 * mm, 45 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        table_style(
            [
                ("LINEBELOW", (1, 0), (1, 0), 0.75, RULE),
                ("LINEBELOW", (3, 0), (3, 0), 0.75, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (1, 0), 0),
                ("LEFTPADDING", (2, 0), (3, 0), 8),
            ]
        )
    )
    return table


def _signers(member: MemberDetail, lang: FormLanguage) -> list[str]:
    if member.is_minor:
        first = lang(N_("Signature of the parent or guardian"))
    else:
        first = lang(N_("Signature of the person concerned"))
    return [first, lang(N_("Operator who received the form (name and signature)"))]

"""The family intake sheet (scheda di accoglienza): one family, its members and consents."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from familydesk.forms.address import postal_block
from familydesk.forms.base import (
    CONTENT_WIDTH,
    GRID,
    FormLanguage,
    capitalised,
    esc,
    styles,
)
from familydesk.forms.blocks import (
    fields_table,
    grid_table,
    heading,
    section,
    signature_boxes,
    table_style,
)
from familydesk.forms.document import build_pdf
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.registry.centre import CentreDetails
from familydesk.registry.records import CONSENT_KINDS, RELATIONS, FamilyDetail, MemberDetail

TITLE = N_("Family intake sheet")
OPTIONAL_CONSENTS = ("contact_phone", "contact_sms", "contact_email", "photos")
_MEMBER_WIDTHS = [w * mm for w in (30, 22, 11, 22, 23, 36.5, 29.5)]
_CONSENT_WIDTHS = [w * mm for w in (30, 40, 26, 26, 26, 26)]


def intake_pdf(
    family: FamilyDetail, centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The intake sheet of ``family`` in ``language`` (``it``, ``en``), as PDF bytes.

    Pure: reads nothing, writes nothing, logs nothing; any thread.
    """
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    title = lang(TITLE)
    story: list[Flowable] = [
        Paragraph(esc(title), st.title),
        Paragraph(esc(lang(N_("Printed on {date}")).format(date=lang.date(today))), st.subtitle),
        *section(lang(N_("Family"))),
        _family_fields(family, lang, today),
        *section(lang(N_("Members"))),
        _members_table(family.members, lang, today),
        *section(lang(N_("Consents"))),
        _consents_table(family.members, lang),
        Paragraph(
            esc(
                lang(
                    N_(
                        "“yes” is followed by the date the consent was given; a minor's "
                        "consent is signed by a parent or guardian."
                    )
                )
            ),
            st.small,
        ),
        KeepTogether(
            [
                heading(lang(N_("Notes"))),
                _notes_box(family.notes),
                Spacer(1, 5 * mm),
                signature_boxes(
                    [
                        lang(N_("Date")),
                        lang(N_("Operator (name in block letters)")),
                        lang(N_("Operator's signature")),
                    ],
                    height=17 * mm,
                    widths=[40 * mm, 67 * mm, CONTENT_WIDTH - 107 * mm],
                ),
            ]
        ),
    ]
    footer = lang(N_("{app} · {form} · printed on {date}")).format(
        app="FamilyDesk", form=title, date=lang.date(today)
    )
    return build_pdf(story, centre=centre, lang=lang, title=title, footer=footer)


def _family_fields(family: FamilyDetail, lang: FormLanguage, today: date) -> Table:
    expiry = lang.date(family.isee_expiry)
    if family.isee_expired(today):
        expiry = lang(N_("{date} (expired)")).format(date=expiry)
    markers = ", ".join(lang(label) for label in family.markers.labels())
    pairs = [
        (lang(N_("Family name")), family.name),
        (lang(N_("Registered on")), lang.date(family.created_at.date())),
        (lang(N_("Members")), lang.number(len(family.members))),
        (
            lang(N_("Address")),
            postal_block(family.address, family.postal_code, family.comune_name, family.province),
        ),
        (lang(N_("Phone")), family.phone),
        (lang(N_("E-mail")), family.email),
        (lang(N_("ISEE value")), lang.money(family.isee_value)),
        (lang(N_("ISEE valid until")), expiry),
        (lang(N_("Markers")), markers or lang(N_("none"))),
    ]
    if family.external_key:
        pairs.append((lang(N_("Reference in other records")), family.external_key))
    return fields_table(pairs, columns=3)


def _age(member: MemberDetail, lang: FormLanguage, today: date) -> str:
    """Born on, and the age on the day the sheet says it was printed."""
    born = lang.date(member.birth_date)
    if member.age is None or member.birth_date is None:
        return born
    return f"{born}\n({lang.age(member.birth_date, today)})"


def _tax_code(member: MemberDetail, lang: FormLanguage) -> Paragraph:
    st = styles()
    if member.tax_code:
        return Paragraph(esc(member.tax_code), st.code)
    reason = member.no_code_reason or lang(N_("reason not given"))
    text = lang(N_("no tax code: {reason}")).format(reason=reason)
    return Paragraph(f"<i>{esc(text)}</i>", st.cell)


def _members_table(members: list[MemberDetail], lang: FormLanguage, today: date) -> Table:
    st = styles()
    header = [
        lang(N_("Surname and given name")),
        lang(N_("Relationship")),
        lang(N_("Sex")),
        lang(N_("Date of birth (age)")),
        lang(N_("Place of birth")),
        lang(N_("Tax code")),
        lang(N_("Citizenship, languages spoken")),
    ]
    rows: list[list[object]] = []
    for member in members:
        name = f"<b>{esc(member.last_name)}</b><br/>{esc(member.first_name)}"
        relation = esc(lang(RELATIONS[member.relation]) if member.relation in RELATIONS else "")
        if member.disability:
            relation += "<br/><i>" + esc(lang(N_("disability"))) + "</i>"
        spoken = member.citizenship
        if member.languages:
            spoken = f"{member.citizenship or '–'}\n{member.languages}"
        rows.append(
            [
                Paragraph(name, st.cell),
                Paragraph(relation, st.cell),
                member.sex,
                _age(member, lang, today),
                member.birth_place,
                _tax_code(member, lang),
                spoken,
            ]
        )
    if not rows:
        rows.append([lang(N_("No members recorded.")), "", "", "", "", "", ""])
    table = grid_table(header, rows, _MEMBER_WIDTHS)
    if not members:
        table.setStyle(table_style([("SPAN", (0, 1), (-1, 1))]))
    return table


def _consent_cell(member: MemberDetail, kind: str, lang: FormLanguage) -> str:
    active = [c for c in member.consents if c.kind == kind and c.active]
    if not active:
        return lang(N_("no"))
    latest = max(active, key=lambda c: c.given_on)
    text = lang(N_("yes, {date}")).format(date=lang.date(latest.given_on))
    if latest.signed_by:
        text += "\n" + lang(N_("signed by {name}")).format(name=latest.signed_by)
    return text


def _consents_table(members: list[MemberDetail], lang: FormLanguage) -> Table:
    st = styles()
    kinds = ("privacy", *OPTIONAL_CONSENTS)
    header = [lang(N_("Member")), *(capitalised(lang(CONSENT_KINDS[k])) for k in kinds)]
    rows: list[list[object]] = []
    for member in members:
        rows.append(
            [
                Paragraph(esc(member.full_name), st.cell),
                *(_consent_cell(member, kind, lang) for kind in kinds),
            ]
        )
    if not rows:
        rows.append([lang(N_("No members recorded.")), "", "", "", "", ""])
    table = grid_table(header, rows, _CONSENT_WIDTHS)
    if not members:
        table.setStyle(table_style([("SPAN", (0, 1), (-1, 1))]))
    return table


def _notes_box(notes: str) -> Table:
    """The family's notes, or an empty box to write in."""
    st = styles()
    cell = Paragraph(esc(notes.strip()), st.body)
    table = Table(
        [[cell]], colWidths=[CONTENT_WIDTH], rowHeights=None if notes.strip() else [18 * mm]
    )
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table

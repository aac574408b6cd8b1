"""The enrolment form of a parenting group (modulo di iscrizione), to sign.

The group (what, where, for whom, cost, educators), the dates of all its
sessions, the participant and the family, the sign-up status (enrolled, or
waiting at position n), the privacy consent line and the signature box.
Pure: plain data in, PDF bytes out (any thread).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from familydesk.forms.address import postal_block
from familydesk.forms.base import (
    ACCENT,
    CHECKBOX,
    CONTENT_WIDTH,
    SHADE,
    FormLanguage,
    capitalised,
    esc,
    styles,
)
from familydesk.forms.blocks import fields_table, grid_table, section, signature_boxes, table_style
from familydesk.forms.document import build_pdf
from familydesk.groups.catalog import GroupRow
from familydesk.groups.enrolment import EnrolmentRow
from familydesk.groups.names import KINDS, TARGETS, translated
from familydesk.groups.sessions import SessionRow
from familydesk.groups.sheets import footer_text, venue_text
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.kernel.text import hhmm
from familydesk.registry.centre import CentreDetails

TITLE = N_("Enrolment form")
_DATE_WIDTHS = [w * mm for w in (10, 48, 26, 35)]


@dataclass(frozen=True)
class EnrolmentFormData:
    group: GroupRow
    sessions: tuple[SessionRow, ...]
    enrolment: EnrolmentRow
    tax_code: str
    birth_place: str
    family: str
    address: str
    comune: str
    phone: str
    email: str
    #: CAP and province (sigla) of the family's comune, for the address line.
    postal_code: str = ""
    province: str = ""


def _status(data: EnrolmentFormData, lang: FormLanguage) -> str:
    e = data.enrolment
    if e.status == "waiting":
        return lang(N_("On the waiting list, position {position}")).format(position=e.position)
    if e.status == "withdrawn":
        return lang(N_("Withdrawn on {date}")).format(date=lang.date(e.withdrawn_on))
    return lang(N_("Enrolled on {date}")).format(date=lang.date(e.enrolled_on or e.signed_up_on))


def _group_fields(g: GroupRow, lang: FormLanguage) -> list[tuple[str, str]]:
    whom = lang(translated(TARGETS, g.target))
    if g.age_label:
        whom += " · " + lang(N_("children {ages}")).format(ages=g.age_label)
    places = str(g.capacity) if g.capacity else lang(N_("no limit"))
    if g.capacity and g.capacity_per == "family":
        places = lang.ngettext("{count} family", "{count} families", g.capacity).format(
            count=lang.number(g.capacity)
        )
    cost = g.cost_label
    if g.cost_note:
        cost += f" ({g.cost_note})"
    return [
        (lang(N_("Group")), f"{g.title} ({lang(translated(KINDS, g.kind))})"),
        (lang(N_("Venue")), "\n".join(p for p in (venue_text(g), g.room) if p)),
        (lang(N_("For whom")), whom),
        (lang(N_("Places")), places),
        (lang(N_("Cost")), cost),
        (lang(N_("Educators")), ", ".join(g.educators)),
    ]


def _dates(data: EnrolmentFormData, lang: FormLanguage) -> list[Flowable]:
    st = styles()
    if not data.sessions:
        return [Paragraph(esc(lang(N_("The dates have not been planned yet."))), st.body)]
    rows: list[list[object]] = []
    cancelled: list[int] = []
    for index, s in enumerate(data.sessions, start=1):
        note = s.topic
        if s.cancelled:
            cancelled.append(index)
            note = lang(N_("cancelled")) + (f": {s.cancel_reason}" if s.cancel_reason else "")
        rows.append(
            [
                str(s.number),
                capitalised(lang.weekday_date(s.starts_at.date())),
                f"{hhmm(s.starts_at)}–{hhmm(s.ends_at)}",
                s.room or data.group.room,
                note,
            ]
        )
    header = [
        lang(N_("No.")),
        lang(N_("Date")),
        lang(N_("Time")),
        lang(N_("Room")),
        lang(N_("Topic")),
    ]
    table = grid_table(header, rows, [*_DATE_WIDTHS, CONTENT_WIDTH - sum(_DATE_WIDTHS)])
    table.setStyle(table_style([("TEXTCOLOR", (0, n), (-1, n), "#777777") for n in cancelled]))
    return [table]


def enrolment_pdf(
    data: EnrolmentFormData, centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The enrolment form of one sign-up, in ``language``, as PDF bytes."""
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    g, e = data.group, data.enrolment
    title = lang(TITLE)
    status = Table(
        [[Paragraph(f"<b>{esc(_status(data, lang))}</b>", st.body)]], colWidths=[CONTENT_WIDTH]
    )
    status.setStyle(
        table_style([("BACKGROUND", (0, 0), (-1, -1), SHADE), ("BOX", (0, 0), (-1, -1), 1, ACCENT)])
    )
    person = [
        (lang(N_("Surname and name")), e.name),
        (lang(N_("Adult or minor")), lang(N_("minor")) if e.is_child else lang(N_("adult"))),
        (lang(N_("Born on")), lang.date(e.birth_date)),
        (lang(N_("Born in")), data.birth_place),
        (lang(N_("Tax code")), data.tax_code),
        (lang(N_("Phone")), e.phone),
    ]
    family = [
        (lang(N_("Family")), data.family),
        (
            lang(N_("Address")),
            postal_block(data.address, data.postal_code, data.comune, data.province),
        ),
        (lang(N_("Phone")), data.phone),
        (lang(N_("E-mail")), data.email),
    ]
    consent = lang(
        N_(
            "{box} I have read the privacy notice (art. 13 of Regulation (EU) 2016/679) and I "
            "agree that the centre processes the data above to organise the group and to record "
            "attendance."
        )
    ).format(box=CHECKBOX)
    story: list[Flowable] = [
        Paragraph(esc(title), st.title),
        Paragraph(esc(g.title), st.subtitle),
        status,
        *section(lang(N_("The group"))),
        fields_table(_group_fields(g, lang), columns=2),
        *section(lang(N_("Participant")), 40 * mm),
        fields_table(person, columns=3),
        *section(lang(N_("Family")), 30 * mm),
        fields_table(family, columns=2),
        *section(lang(N_("Privacy")), 55 * mm),
        KeepTogether(
            [
                Paragraph(esc(consent), st.notice),
                Spacer(1, 3 * mm),
                signature_boxes(
                    [
                        lang(N_("Place and date")),
                        lang(N_("Signature (a parent signs for a child)")),
                    ],
                    20 * mm,
                    [CONTENT_WIDTH * 0.35, CONTENT_WIDTH * 0.65],
                ),
            ]
        ),
        *section(lang(N_("Dates of the sessions"))),
        *_dates(data, lang),
    ]
    return build_pdf(
        story,
        centre=centre,
        lang=lang,
        title=f"{title} – {g.title}",
        footer=footer_text(lang, title, today, e.uid),
    )

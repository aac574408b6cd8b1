"""Tomorrow's call list (elenco telefonate): the families to phone to confirm their appointments.

Booked and confirmed appointments of one day, grouped by family, with the
phone numbers, and boxes the operator ticks by hand: "called" once per
family, "confirmed" per appointment (already ticked when it is confirmed).
A family's rows never split across pages; the header repeats on each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from familydesk.appointments.queries import AppointmentRow
from familydesk.forms.base import CHECKBOX, RULE, FormLanguage, esc, styles
from familydesk.forms.blocks import grid_table, table_style
from familydesk.forms.document import day_list_pdf
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.kernel.text import hhmm
from familydesk.registry.centre import CentreDetails

TITLE = N_("Call list")
CHECKED = "\u2611"  # ☑, drawn by DejaVu Sans
_WIDTHS = [w * mm for w in (35, 11, 32, 28, 28, 20, 20)]


@dataclass(frozen=True)
class CallListData:
    day: date
    #: The day's booked and confirmed appointments, in time order.
    appointments: tuple[AppointmentRow, ...]


def families_of(rows: Sequence[AppointmentRow]) -> list[list[AppointmentRow]]:
    """The appointments grouped by family (one group each when there is none), in time order."""
    groups: dict[object, list[AppointmentRow]] = {}
    for row in rows:
        key = ("family", row.family_id) if row.family_id is not None else ("one", row.id)
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def call_list_pdf(
    data: CallListData, centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The call list as PDF bytes (pure: reads, writes and logs nothing; any thread)."""
    lang = FormLanguage.of(language)
    groups = families_of(data.appointments)
    body: list[Flowable] = []
    if groups:
        count = len(groups)
        summary = lang.ngettext(
            "{count} family to call to confirm the appointment of {date}.",
            "{count} families to call to confirm their appointments of {date}.",
            count,
        ).format(count=lang.number(count), date=lang.date(data.day))
        body += [Paragraph(esc(summary), styles().subtitle), _table(groups, lang)]
    else:
        body.append(
            Paragraph(esc(lang(N_("No appointments to confirm on this day."))), styles().body)
        )
    return day_list_pdf(
        body,
        title=lang(TITLE),
        day=data.day,
        centre=centre,
        lang=lang,
        today=today or clock.today(),
    )


def _family_cell(group: list[AppointmentRow], lang: FormLanguage) -> Paragraph:
    st = styles()
    first = group[0]
    name = first.family or first.person or lang(N_("(no family)"))
    phones = list(dict.fromkeys(r.phone for r in group if r.phone))
    lines = [f"<b>{esc(name)}</b>"]
    lines += [f"<b>{esc(phone)}</b>" for phone in phones] or [
        f"<i>{esc(lang(N_('no phone number')))}</i>"
    ]
    return Paragraph("<br/>".join(lines), st.cell)


def _table(groups: list[list[AppointmentRow]], lang: FormLanguage) -> Flowable:
    st = styles()
    box = ParagraphStyle("box", parent=st.cell, fontSize=14, leading=16, alignment=TA_CENTER)
    header = [
        lang(N_("Family and phone")),
        lang(N_("Time")),
        lang(N_("Service")),
        lang(N_("Professional")),
        lang(N_("Place")),
        lang(N_("Called")),
        lang(N_("Confirmed")),
    ]
    body: list[list[object]] = []
    commands: list[tuple[object, ...]] = []
    for group in groups:
        start = len(body) + 1  # row 0 is the header
        for index, r in enumerate(group):
            service = r.service
            if r.person and r.family:
                service += "\n" + lang(N_("for {name}")).format(name=r.person)
            if r.interpreter:
                service += "\n" + lang(N_("interpreter: {name}")).format(name=r.interpreter)
            mark = CHECKED if r.status == "confirmed" else CHECKBOX
            body.append(
                [
                    _family_cell(group, lang) if index == 0 else "",
                    hhmm(r.starts_at),
                    service,
                    r.staff,
                    "\n".join(p for p in (r.place, r.room) if p),
                    Paragraph(CHECKBOX, box) if index == 0 else "",
                    Paragraph(mark, box),
                ]
            )
        end = len(body)
        commands += [
            ("SPAN", (0, start), (0, end)),
            ("SPAN", (5, start), (5, end)),
            ("NOSPLIT", (0, start), (-1, end)),
            ("LINEABOVE", (0, start), (-1, start), 1, RULE),
        ]
    table = grid_table(header, body, _WIDTHS)
    table.setStyle(table_style(commands))
    return table

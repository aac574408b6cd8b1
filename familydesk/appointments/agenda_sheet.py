"""A professional's day agenda (agenda del giorno): one staff member, one date.

Every appointment of the day in time order, cancelled ones struck through,
with who comes, the room, the interpreter and the phone to call; an empty
day says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from familydesk.appointments.names import STATUSES
from familydesk.appointments.queries import AppointmentRow
from familydesk.appointments.slip import where_text
from familydesk.forms.base import (
    CONTENT_WIDTH,
    FONT_BOLD,
    MUTED,
    FormLanguage,
    esc,
    styles,
)
from familydesk.forms.blocks import grid_table, table_style
from familydesk.forms.document import day_list_pdf
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.kernel.text import hhmm
from familydesk.registry.centre import CentreDetails

TITLE = N_("Day agenda")
CANCELLED = colors.HexColor("#f2f2f2")
#: Time, minutes, who, service, room, interpreter, phone; then status (as wide as its longest
#: word in the form's language) and note share what is left.
_WIDTHS = [w * mm for w in (11, 9, 25, 25, 17, 19, 21)]
_WHO, _INTERPRETER = 2, 5


@dataclass(frozen=True)
class AgendaData:
    staff_id: int
    staff: str
    profession: str
    day: date
    #: The day's appointments (also those where the staff member is the interpreter).
    appointments: tuple[AppointmentRow, ...]


def agenda_pdf(
    data: AgendaData, centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The day agenda as PDF bytes (pure: reads, writes and logs nothing; any thread)."""
    lang = FormLanguage.of(language)
    st = styles()
    rows = data.appointments
    places = {where_text(r.place, r.address, r.comune) for r in rows}
    heading = ", ".join(p for p in (data.staff, data.profession) if p)
    body: list[Flowable] = [Paragraph(f"<b>{esc(heading)}</b>", st.body)]
    if len(places) == 1:
        body.append(
            Paragraph(esc(lang(N_("Place: {place}")).format(place=places.pop())), st.subtitle)
        )
    if rows:
        body += [Paragraph(esc(_summary(rows, lang)), st.subtitle), _table(data, lang)]
    else:
        body.append(Paragraph(esc(lang(N_("No appointments on this day."))), st.body))
    return day_list_pdf(
        body,
        title=lang(TITLE),
        day=data.day,
        centre=centre,
        lang=lang,
        today=today or clock.today(),
    )


def _summary(rows: Sequence[AppointmentRow], lang: FormLanguage) -> str:
    held = sum(1 for r in rows if r.status != "cancelled")
    text = lang.ngettext("{count} appointment", "{count} appointments", held).format(
        count=lang.number(held)
    )
    cancelled = len(rows) - held
    if cancelled:
        text += " · " + lang.ngettext("{count} cancelled", "{count} cancelled", cancelled).format(
            count=lang.number(cancelled)
        )
    return text


def _table(data: AgendaData, lang: FormLanguage) -> Flowable:
    st = styles()
    muted = ParagraphStyle("cell_cancelled", parent=st.cell, textColor=MUTED)
    one_place = len({r.place_id for r in data.appointments}) == 1
    # A day without interpreters gives their column to the names and the notes.
    interpreters = any(
        r.interpreter and r.interpreter_id != data.staff_id for r in data.appointments
    )
    header = [
        lang(N_("Time")),
        lang(N_("Min.")),
        lang(N_("Who")),
        lang(N_("Service")),
        lang(N_("Room")),
        lang(N_("Interpreter")),
        lang(N_("Phone")),
        lang(N_("Status")),
        lang(N_("Note")),
    ]
    body: list[list[object]] = []
    struck: list[int] = []
    for number, r in enumerate(data.appointments, start=1):
        cancelled = r.status == "cancelled"
        service = r.service
        if r.staff_id != data.staff_id:  # the staff member interprets for a colleague
            service += "\n" + lang(N_("with {name}")).format(name=r.staff)
        who = r.person or r.family or lang(N_("(no family)"))
        if r.person and r.family:
            who = f"{r.person}\n({r.family})"
        room = r.room if one_place else "\n".join(p for p in (r.room, r.place) if p)
        interpreter = "" if r.interpreter_id == data.staff_id else r.interpreter
        note = "\n".join(p for p in (r.cancel_reason if cancelled else "", r.note) if p)
        status = lang(STATUSES.get(r.status, r.status))
        cells: list[object] = [
            hhmm(r.starts_at),
            str(r.minutes),
            who,
            service,
            room,
            interpreter,
            r.phone,
            status,
            note,
        ]
        if cancelled:
            struck.append(number)
            cells = [Paragraph(f"<strike>{esc(c)}</strike>", muted) for c in cells[:7]] + [
                Paragraph(f"<b>{esc(status)}</b>", muted),
                Paragraph(esc(note), muted),
            ]
        body.append(cells)
    status_width = 6 + max(stringWidth(lang(word), FONT_BOLD, 8) for word in STATUSES.values())
    widths = [*_WIDTHS, status_width, CONTENT_WIDTH - sum(_WIDTHS) - status_width]
    if not interpreters:
        spare = widths.pop(_INTERPRETER)
        widths[_WHO] += spare / 3
        widths[-1] += spare * 2 / 3
        header.pop(_INTERPRETER)
        body = [row[:_INTERPRETER] + row[_INTERPRETER + 1 :] for row in body]
    table = grid_table(header, body, widths)
    table.setStyle(table_style([("BACKGROUND", (0, n), (-1, n), CANCELLED) for n in struck]))
    return table

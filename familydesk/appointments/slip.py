"""The appointment slip (promemoria appuntamento) handed to the family.

When, where, with whom, what to bring, whom to call if they cannot come and,
for a series, the dates still to come. Written in the family's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from familydesk.appointments.queries import AppointmentRow
from familydesk.forms.base import (
    ACCENT,
    CONTENT_WIDTH,
    FONT_BOLD,
    SHADE,
    FormLanguage,
    capitalised,
    esc,
    styles,
)
from familydesk.forms.blocks import fields_table, grid_table, section, table_style
from familydesk.forms.document import build_pdf
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.kernel.text import hhmm
from familydesk.registry.centre import CentreDetails

TITLE = N_("Appointment reminder")
_SERIES_WIDTHS = [w * mm for w in (12, 52, 30, 80)]


@dataclass(frozen=True)
class SeriesDate:
    """A later meeting of the same series."""

    index: int | None
    starts_at: datetime
    ends_at: datetime
    place: str
    room: str


@dataclass(frozen=True)
class SlipData:
    appointment: AppointmentRow
    #: The service's name and what to bring, in the slip's language.
    service: str
    what_to_bring: str
    #: The series' later meetings still booked (empty: not a series, or the last one).
    next_dates: tuple[SeriesDate, ...] = ()


def where_text(place: str, address: str, comune: str) -> str:
    """``Centro per le Famiglie, Via Roma 1, Gonzaga`` (empty parts left out)."""
    return ", ".join(part for part in (place, address, comune) if part)


def slip_pdf(
    data: SlipData, centre: CentreDetails, language: str, today: date | None = None
) -> bytes:
    """The slip of ``data.appointment`` in ``language``, as PDF bytes.

    Pure: reads nothing, writes nothing, logs nothing; any thread.
    """
    lang = FormLanguage.of(language)
    today = today or clock.today()
    st = styles()
    a = data.appointment
    title = lang(TITLE)
    story: list[Flowable] = [Paragraph(esc(title), st.title)]
    if a.person and a.family:
        story.append(
            Paragraph(
                esc(
                    lang(N_("For {person} (family {family})")).format(
                        person=a.person, family=a.family
                    )
                ),
                st.subtitle,
            )
        )
    elif a.person or a.family:
        story.append(
            Paragraph(esc(lang(N_("For {name}")).format(name=a.person or a.family)), st.subtitle)
        )
    story += [
        _when_box(a, lang),
        Spacer(1, 4 * mm),
        fields_table(_fields(data, lang), columns=2),
        *section(lang(N_("What to bring"))),
        Paragraph(esc(data.what_to_bring or lang(N_("Nothing in particular."))), st.body),
    ]
    if a.series_id is not None:
        story += _series(data, lang)
    story += [Spacer(1, 6 * mm), _cannot_come(centre, lang)]
    footer = lang(N_("{app} · {form} · printed on {date} · code {code}")).format(
        app="FamilyDesk", form=title, date=lang.date(today), code=a.uid
    )
    return build_pdf(story, centre=centre, lang=lang, title=title, footer=footer)


def _when_box(a: AppointmentRow, lang: FormLanguage) -> Table:
    st = styles()
    big = ParagraphStyle(
        "when",
        parent=st.body,
        fontName=FONT_BOLD,
        fontSize=17,
        leading=22,
        textColor=ACCENT,
        spaceAfter=2,
    )
    hours = ParagraphStyle("hours", parent=st.body, fontSize=12.5, leading=16, spaceAfter=0)
    length = lang.ngettext("{count} minute", "{count} minutes", a.minutes).format(
        count=lang.number(a.minutes)
    )
    time_line = lang(N_("from {start} to {end} ({length})")).format(
        start=hhmm(a.starts_at), end=hhmm(a.ends_at), length=length
    )
    cell = [
        Paragraph(esc(capitalised(lang.weekday_date(a.starts_at.date()))), big),
        Paragraph(esc(time_line), hours),
    ]
    table = Table([[cell]], colWidths=[CONTENT_WIDTH])
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("BOX", (0, 0), (-1, -1), 1, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _fields(data: SlipData, lang: FormLanguage) -> list[tuple[str, str]]:
    a = data.appointment
    place = a.place
    if a.address or a.comune:
        place = f"{a.place}\n{', '.join(p for p in (a.address, a.comune) if p)}"
    pairs = [
        (lang(N_("Service")), data.service),
        (lang(N_("With")), a.staff),
        (lang(N_("Place")), place),
        (lang(N_("Room")), a.room or lang(N_("you will be shown at the reception"))),
    ]
    if a.interpreter:
        pairs.append((lang(N_("Interpreter or cultural mediator")), a.interpreter))
    return pairs


def _series(data: SlipData, lang: FormLanguage) -> list[Flowable]:
    st = styles()
    a = data.appointment
    if not data.next_dates:
        return [
            Spacer(1, 3 * mm),
            Paragraph(esc(lang(N_("This is the last meeting of the series."))), st.notice),
        ]
    count = len(data.next_dates)
    rows = []
    for item in data.next_dates:
        where = item.place if item.place != a.place else ""
        if item.room and (item.room != a.room or where):
            where = f"{where}, {item.room}" if where else item.room
        rows.append(
            [
                str(item.index or ""),
                capitalised(lang.weekday_date(item.starts_at.date())),
                f"{hhmm(item.starts_at)}–{hhmm(item.ends_at)}",
                where or lang(N_("same place")),
            ]
        )
    header = [lang(N_("No.")), lang(N_("Date")), lang(N_("Time")), lang(N_("Place and room"))]
    note = lang.ngettext(
        "This appointment is part of a series: {count} more meeting is booked.",
        "This appointment is part of a series: {count} more meetings are booked.",
        count,
    ).format(count=lang.number(count))
    return [
        *section(lang(N_("Next dates of the series"))),
        Paragraph(esc(note), st.notice),
        grid_table(header, rows, _SERIES_WIDTHS),
    ]


def _cannot_come(centre: CentreDetails, lang: FormLanguage) -> Flowable:
    st = styles()
    if centre.phone:
        text = lang(
            N_(
                "If you cannot come, please call {phone} as soon as you can: "
                "the time will be given to another family."
            )
        ).format(phone=centre.phone)
    else:
        text = lang(
            N_(
                "If you cannot come, please tell the centre as soon as you can: "
                "the time will be given to another family."
            )
        )
    style = ParagraphStyle(
        "cannot_come", parent=st.body, fontName=FONT_BOLD, fontSize=10.5, leading=14
    )
    return KeepTogether([Paragraph(esc(text), style)])

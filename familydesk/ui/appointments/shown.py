"""What the calendar shows: which days and hours, and the free times offered after a
refused move (``familydesk.ui.appointments.page``)."""

from __future__ import annotations

from datetime import date

from familydesk.appointments.booking import BookingConflict
from familydesk.appointments.calendar_view import CalendarSpan
from familydesk.appointments.queries import AppointmentRow
from familydesk.appointments.slots import FreeSlot
from familydesk.i18n import _, format_date
from familydesk.kernel.text import hhmm

#: The grid shows at least these hours; it grows to the opening hours and appointments.
FIRST_HOUR, LAST_HOUR = 8, 19


def shown_days(span: CalendarSpan, days: list[date]) -> list[date]:
    """Saturday and Sunday only when something is open or booked on them."""
    booked = {r.starts_at.date() for r in span.appointments}
    return [
        d
        for d in days
        if d.weekday() < 5 or len(days) == 1 or d in booked or span.closed_all_day(d) is None
    ]


def shown_minutes(span: CalendarSpan) -> tuple[int, int]:
    """The first and last minute of the day the grid shows, on whole hours."""
    first, last = FIRST_HOUR * 60, LAST_HOUR * 60
    if span.opens is not None and span.closes is not None:
        first = min(first, span.opens.hour * 60)
        last = max(last, span.closes.hour * 60 + (60 if span.closes.minute else 0))
    for row in span.appointments:
        first = min(first, row.starts_at.hour * 60)
        end = (
            row.ends_at.hour * 60 + row.ends_at.minute
            if row.ends_at.date() == row.starts_at.date()
            else 24 * 60
        )
        last = max(last, -(-end // 60) * 60)
    return first, min(last, 24 * 60)


def slot_label(row: AppointmentRow, slot: FreeSlot) -> str:
    """A free slot said briefly: its day and time, and what differs from ``row``."""
    text = f"{format_date(slot.starts_at.date())} {hhmm(slot.starts_at)}"
    differs = [
        name
        for name, same in (
            (slot.staff, slot.staff_id == row.staff_id),
            (slot.place, slot.place_id == row.place_id),
            (slot.room, slot.room_id == row.room_id),
        )
        if name and not same
    ]
    return f"{text} ({', '.join(differs)})" if differs else text


def alternatives(
    row: AppointmentRow, conflict: BookingConflict
) -> tuple[dict[str, tuple[AppointmentRow, FreeSlot]], list[tuple[str, str]]]:
    """The free times a refused move of ``row`` may go to instead: the banner's links
    (``alternative:N`` and its words) and what each link moves ``row`` to."""
    offered: dict[str, tuple[AppointmentRow, FreeSlot]] = {}
    links = []
    for index, slot in enumerate(a for a in conflict.alternatives if isinstance(a, FreeSlot)):
        if (slot.starts_at, slot.staff_id, slot.place_id, slot.room_id) == (
            row.starts_at,
            row.staff_id,
            row.place_id,
            row.room_id,
        ):
            continue  # where it already is
        key = f"alternative:{index}"
        offered[key] = (row, slot)
        links.append((key, _("Move to {slot}").format(slot=slot_label(row, slot))))
    return offered, links

"""What the calendar page draws for some days of one professional, room or place.

One call returns the appointments of the span and the times that cannot be
booked: the whole days when the place is closed (holidays with their name,
patron days, closures) or the professional is away, and the hours outside
the opening hours. A professional works in every active place, so for them a
time is closed only when no place is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.appointments.queries import AppointmentRow, appointments_between
from familydesk.appointments.resources import (
    PlaceRow,
    ServiceRow,
    StaffRow,
    list_places,
    list_services,
    list_staff,
)
from familydesk.db.models.appointments import Place, Room, Staff
from familydesk.i18n import _, current_language
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.scheduling.calendar_rules import Rules, national_holidays
from familydesk.trust import permissions

#: What a calendar can show: one professional, one room, or one place.
RESOURCE_KINDS = ("staff", "room", "place")
#: The longest span one call draws (a week view is 7 days).
MAX_DAYS = 31


@dataclass(frozen=True)
class ClosedSpan:
    """A time that cannot be booked, to shade in grey."""

    starts_at: datetime
    ends_at: datetime
    #: Short text to print on the shading ("Ferragosto", "Away: training"); empty
    #: for the hours outside the opening hours.
    label: str
    #: The full sentence (tooltip), as a refused booking would say it.
    reason: str
    #: True for a whole day (holiday, closure, absence, day the place does not open).
    all_day: bool


@dataclass(frozen=True)
class CalendarSpan:
    first_day: date
    days: int
    kind: str
    resource_id: int
    appointments: tuple[AppointmentRow, ...]
    closed: tuple[ClosedSpan, ...]
    #: Earliest opening and latest closing over the span (None when all is closed).
    opens: time | None
    closes: time | None

    def closed_on(self, day: date) -> list[ClosedSpan]:
        return [c for c in self.closed if c.starts_at.date() == day]

    def closed_all_day(self, day: date) -> ClosedSpan | None:
        return next((c for c in self.closed_on(day) if c.all_day), None)


def _places_of(session: Session, kind: str, resource_id: int) -> tuple[set[int], set[int]]:
    """The places whose hours count and the staff whose absences count."""
    if kind == "staff":
        if session.get(Staff, resource_id) is None:
            raise NotFoundError(_("This professional no longer exists."))
        places = set(session.scalars(select(Place.id).where(Place.active.is_(True))))
        return places, {resource_id}
    if kind == "room":
        room = session.get(Room, resource_id)
        if room is None:
            raise NotFoundError(_("This room no longer exists."))
        return {room.place_id}, set()
    if session.get(Place, resource_id) is None:
        raise NotFoundError(_("This place no longer exists."))
    return {resource_id}, set()


def _day_label(rules: Rules, place_ids: set[int], day: date) -> str:
    """A short name for a closed day: the holiday, the saint, the closure's reason."""
    holiday = national_holidays(day.year, current_language()).get(day)
    if holiday:
        return holiday
    for place_id in sorted(place_ids):
        place = rules.places.get(place_id)
        if place is not None and place[4] == day.strftime("%m-%d"):
            return place[5] or _("Patron saint's day")
        for key in ((place_id, day), (None, day)):
            if key in rules.closures:
                return rules.closures[key] or _("Closed")
    return _("Closed")


def _closed_day(rules: Rules, place_ids: set[int], day: date) -> ClosedSpan | None:
    """The whole day when no place opens, with the reason."""
    if any(rules.opening_intervals(p, day) for p in place_ids):
        return None
    reasons = list(
        dict.fromkeys(r for p in sorted(place_ids) if (r := rules.closed_reason(p, day)))
    )
    reason = reasons[0] if len(reasons) == 1 else _("every place is closed")
    start = datetime.combine(day, time())
    return ClosedSpan(
        start, start + timedelta(days=1), _day_label(rules, place_ids, day), reason, True
    )


def _absence(rules: Rules, staff_id: int, day: date) -> ClosedSpan | None:
    reason = rules.staff_refusal(staff_id, day)
    if reason is None:
        return None
    away = next(
        (a for a in rules.absences.get(staff_id, ()) if a.first_day <= day <= a.last_day), None
    )
    label = _("Away: {reason}").format(reason=away.reason) if away and away.reason else _("Away")
    start = datetime.combine(day, time())
    return ClosedSpan(start, start + timedelta(days=1), label, reason, True)


def _outside_hours(rules: Rules, place_ids: set[int], day: date) -> list[ClosedSpan]:
    """The gaps between the union of the places' opening intervals on ``day``."""
    intervals = sorted(i for p in place_ids for i in rules.opening_intervals(p, day))
    merged: list[list[datetime]] = []
    for opens, closes in intervals:
        if merged and opens <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], closes)
        else:
            merged.append([opens, closes])
    reason = _("outside the opening hours")
    spans, cursor = [], datetime.combine(day, time())
    for opens, closes in merged:
        if opens > cursor:
            spans.append(ClosedSpan(cursor, opens, "", reason, False))
        cursor = closes
    end = datetime.combine(day + timedelta(days=1), time())
    if cursor < end:
        spans.append(ClosedSpan(cursor, end, "", reason, False))
    return spans


def calendar_span(
    session: Session, kind: str, resource_id: int, first_day: date, days: int = 7
) -> CalendarSpan:
    """The appointments (cancelled ones included) and closed times of ``days`` days from
    ``first_day`` for a professional (``kind="staff"``, also as interpreter), a room or a place.

    Refuses an unknown kind or more than ``MAX_DAYS`` days; ``NotFoundError`` for a
    resource that no longer exists.
    """
    permissions.require(session, permissions.APPOINTMENTS)
    if kind not in RESOURCE_KINDS:
        raise ValidationError("kind", _("Show: a professional, a room or a place."))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError("days", _("Days: between 1 and {most}.").format(most=MAX_DAYS))
    place_ids, staff_ids = _places_of(session, kind, resource_id)
    last_day = first_day + timedelta(days=days - 1)
    rules = Rules(session, first_day, last_day, place_ids, staff_ids)
    closed: list[ClosedSpan] = []
    opens: time | None = None
    closes: time | None = None
    for n in range(days):
        day = first_day + timedelta(days=n)
        whole = next(
            (
                s
                for s in (
                    *(_absence(rules, s, day) for s in staff_ids),
                    _closed_day(rules, place_ids, day),
                )
                if s
            ),
            None,
        )
        if whole is not None:
            closed.append(whole)
            continue
        for place_id in place_ids:
            for start, end in rules.opening_intervals(place_id, day):
                opens = min(opens or start.time(), start.time())
                closes = max(closes or end.time(), end.time())
        closed.extend(_outside_hours(rules, place_ids, day))
    start = datetime.combine(first_day, time())
    filters = {"staff": "staff_id", "room": "room_id", "place": "place_id"}
    rows = appointments_between(
        session, start, start + timedelta(days=days), **{filters[kind]: resource_id}
    )  # type: ignore[arg-type]
    return CalendarSpan(
        first_day, days, kind, resource_id, tuple(rows), tuple(closed), opens, closes
    )


@dataclass(frozen=True)
class CalendarChoices:
    """What the calendar page and the booking dialog offer to choose from (active only)."""

    services: tuple[ServiceRow, ...]
    professionals: tuple[StaffRow, ...]
    interpreters: tuple[StaffRow, ...]
    places: tuple[PlaceRow, ...]


def calendar_choices(session: Session) -> CalendarChoices:
    """Services, professionals, interpreters and places with their rooms, in one read."""
    permissions.require(session, permissions.APPOINTMENTS)
    return CalendarChoices(
        tuple(list_services(session)),
        tuple(list_staff(session, kind="professional")),
        tuple(list_staff(session, kind="interpreter")),
        tuple(list_places(session)),
    )

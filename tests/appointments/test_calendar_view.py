"""The calendar page's data: appointments of a span and the times that cannot be booked."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from familydesk.appointments.booking import book, set_status
from familydesk.appointments.calendar_view import calendar_span
from familydesk.appointments.queries import week_of
from familydesk.db.database import Database
from familydesk.db.models.appointments import Absence, Closure
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.appointments.calendar_data import (
    Calendar,
    at,
    booking,
    next_weekday_holiday,
    working_day,
)
from tests.helpers import signed_in


def test_a_week_of_a_professional_has_appointments_and_hours_outside_opening(
    database: Database, cal: Calendar
) -> None:
    day = working_day()
    monday = week_of(day)[0].date()
    kept = database.write(book, booking(cal, day, 10))
    gone = database.write(book, booking(cal, day, 15))
    database.write(set_status, gone.id, gone.version, "cancelled", "rinviato dalla famiglia")
    database.write(book, booking(cal, day, 11, staff_id=cal.psychologists[1], family_id=None))
    view = database.read(calendar_span, "staff", cal.psychologists[0], monday)
    assert [(r.id, r.status) for r in view.appointments] == [
        (kept.id, "booked"),
        (gone.id, "cancelled"),
    ]
    assert (view.opens, view.closes) == (time(9), time(18))
    tuesday = view.closed_on(day)
    assert [(c.starts_at, c.ends_at) for c in tuesday] == [
        (at(day, 0), at(day, 9)),
        (at(day, 13), at(day, 14, 30)),
        (at(day, 18), at(day + timedelta(days=1), 0)),
    ]
    assert not any(c.all_day for c in tuesday)
    saturday = view.closed_all_day(monday + timedelta(days=5))
    assert saturday is not None and saturday.label == "Closed"


def test_absences_closures_and_holidays_are_whole_grey_days_with_their_name(
    database: Database, cal: Calendar
) -> None:
    day = working_day()
    monday = week_of(day)[0].date()
    database.write(
        lambda s: s.add_all(
            [
                Absence(
                    staff_id=cal.psychologists[0], first_day=day, last_day=day, reason="formazione"
                ),
                Closure(place_id=cal.place, day=day + timedelta(days=1), reason="disinfestazione"),
            ]
        )
    )
    staff = database.read(calendar_span, "staff", cal.psychologists[0], monday)
    away = staff.closed_all_day(day)
    assert away is not None and away.label == "Away: formazione" and "away from" in away.reason
    # The other place is open that Wednesday: the professional may work there.
    assert staff.closed_all_day(day + timedelta(days=1)) is None
    place = database.read(calendar_span, "place", cal.place, monday)
    assert place.closed_all_day(day) is None
    closed = place.closed_all_day(day + timedelta(days=1))
    assert closed is not None and closed.label == "disinfestazione"
    holiday, name = next_weekday_holiday()
    room = database.read(calendar_span, "room", cal.rooms[0], holiday, 1)
    shaded = room.closed_all_day(holiday)
    assert shaded is not None and shaded.label == name and "public holiday" in shaded.reason


def test_a_room_shows_only_its_own_appointments(database: Database, cal: Calendar) -> None:
    day = working_day()
    database.write(book, booking(cal, day, 10))
    other = database.write(
        book,
        booking(cal, day, 10, staff_id=cal.psychologists[1], room_id=cal.rooms[1], family_id=None),
    )
    view = database.read(calendar_span, "room", cal.rooms[1], day, 1)
    assert [r.id for r in view.appointments] == [other.id]


def test_bad_requests_and_roles_are_refused(database: Database, cal: Calendar) -> None:
    day = working_day()
    with pytest.raises(ValidationError):
        database.read(calendar_span, "family", cal.families[0], day)
    with pytest.raises(ValidationError):
        database.read(calendar_span, "staff", cal.psychologists[0], day, 90)
    with pytest.raises(NotFoundError):
        database.read(calendar_span, "room", 9999, day)
    signed_in(database, "educator")
    with pytest.raises(PermissionDenied):
        database.read(calendar_span, "staff", cal.psychologists[0], day)

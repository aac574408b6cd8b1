"""Booking one appointment: calendar rules, overlaps, statuses, moving, permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from familydesk.appointments.booking import (
    BookingConflict,
    book,
    move,
    set_status,
)
from familydesk.appointments.queries import appointments_between, call_list, week_of
from familydesk.db.database import Database
from familydesk.db.models.appointments import Absence, Closure
from familydesk.db.models.registry import MemberComune
from familydesk.kernel import clock
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.appointments.calendar_data import (
    Calendar,
    at,
    booking,
    next_weekday_holiday,
    working_day,
)
from tests.helpers import signed_in


def test_a_booking_takes_the_service_length_and_shows_names(
    database: Database, cal: Calendar
) -> None:
    day = working_day()
    row = database.write(book, booking(cal, day, 10, person_id=cal.person, note="primo colloquio"))
    assert (row.starts_at, row.ends_at) == (at(day, 10), at(day, 11))
    assert (row.staff, row.room, row.place, row.comune) == (
        "Dott.ssa Paola Rinaldi",
        "Sala Blu",
        "Centro per le Famiglie",
        "Gonzaga",
    )
    assert (row.family, row.person, row.phone, row.status) == (
        "Rossi",
        "Rossi Giulia",
        "340 1234567",
        "booked",
    )
    assert row.service == "Psychological counselling" and row.booked_by == "tester"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({}, "Dott.ssa Paola Rinaldi already has an appointment"),
        ({"staff_id": "other", "family_id": None}, "room Sala Blu is taken"),
        ({"staff_id": "other", "room_id": None}, "the family already has an appointment"),
    ],
)
def test_overlaps_are_refused_with_the_reason_and_free_alternatives(
    database: Database, cal: Calendar, changes: dict[str, object], reason: str
) -> None:
    day = working_day()
    database.write(book, booking(cal, day, 10))
    if changes.get("staff_id") == "other":
        changes["staff_id"] = cal.psychologists[1]
    with pytest.raises(BookingConflict, match=reason) as refused:
        database.write(book, booking(cal, day, 10, 30, **changes))
    assert refused.value.alternatives, "the refusal offers free slots"
    first = refused.value.alternatives[0]
    assert first.starts_at >= at(day, 11) or first.ends_at <= at(day, 10)
    assert "Next free:" in str(refused.value)
    # The alternative offered can be booked as it is.
    database.write(
        book,
        booking(
            cal, first.starts_at.date(), first.starts_at.hour, first.starts_at.minute, **changes
        ),
    )


def test_back_to_back_appointments_do_not_overlap(database: Database, cal: Calendar) -> None:
    day = working_day()
    database.write(book, booking(cal, day, 10))
    database.write(book, booking(cal, day, 11))
    database.write(book, booking(cal, day, 9))
    assert len(database.read(appointments_between, at(day, 0), at(day, 23))) == 3


def test_an_interpreter_cannot_be_in_two_places(database: Database, cal: Calendar) -> None:
    day = working_day()
    database.write(book, booking(cal, day, 10, interpreter_id=cal.interpreter))
    with pytest.raises(BookingConflict, match="Amina Haddad already has an appointment"):
        database.write(
            book,
            booking(
                cal,
                day,
                10,
                30,
                staff_id=cal.social_worker,
                service_id=cal.interview,
                place_id=cal.other_place,
                room_id=None,
                family_id=cal.families[1],
                interpreter_id=cal.interpreter,
            ),
        )


def test_a_cancelled_appointment_frees_its_slot(database: Database, cal: Calendar) -> None:
    day = working_day()
    first = database.write(book, booking(cal, day, 10))
    with pytest.raises(ValidationError, match="Reason"):
        database.write(set_status, first.id, first.version, "cancelled")
    database.write(set_status, first.id, first.version, "cancelled", "the family asked")
    assert database.write(book, booking(cal, day, 10)).status == "booked"


def test_public_holidays_patron_days_closures_and_hours_block_booking(
    database: Database, cal: Calendar
) -> None:
    holiday, name = next_weekday_holiday()
    with pytest.raises(BookingConflict, match=f"public holiday \\({name}\\)"):
        database.write(book, booking(cal, holiday, 10))

    day = working_day()
    database.write(_set_patron, cal.comune, day.strftime("%m-%d"))
    with pytest.raises(BookingConflict, match="patron saint's day in Gonzaga \\(San Luigi\\)"):
        database.write(book, booking(cal, day, 10))
    database.write(_set_patron, cal.comune, "")

    database.write(lambda s: s.add(Closure(place_id=cal.place, day=day, reason="disinfestazione")))
    with pytest.raises(BookingConflict, match="closed on .*: disinfestazione"):
        database.write(book, booking(cal, day, 10))
    other = day + timedelta(days=1)
    with pytest.raises(BookingConflict, match="is open only 09:00-13:00, 14:30-18:00"):
        database.write(book, booking(cal, other, 12, 30))  # ends 13:30, in the lunch break
    saturday = other + timedelta(days=(5 - other.weekday()) % 7)
    with pytest.raises(BookingConflict, match="is not open on Saturday"):
        database.write(book, booking(cal, saturday, 10))


def _set_patron(session, comune_id: int, day: str) -> None:  # type: ignore[no-untyped-def]
    comune = session.get(MemberComune, comune_id)
    comune.patron_day, comune.patron_saint = day, "San Luigi"


def test_an_absent_professional_cannot_be_booked(database: Database, cal: Calendar) -> None:
    day = working_day()
    database.write(
        lambda s: s.add(
            Absence(
                staff_id=cal.psychologists[0],
                first_day=day,
                last_day=day + timedelta(days=2),
                reason="ferie",
            )
        )
    )
    with pytest.raises(BookingConflict, match="Rinaldi is away from .* \\(ferie\\)") as refused:
        database.write(book, booking(cal, day + timedelta(days=1), 10))
    assert all(a.starts_at.date() > day + timedelta(days=2) for a in refused.value.alternatives)


def test_bad_input_names_the_field(database: Database, cal: Calendar) -> None:
    day = working_day()
    cases = [
        (booking(cal, clock.today() - timedelta(days=1), 10), "starts_at"),
        (booking(cal, day, 10, minutes=600), "minutes"),
        (booking(cal, day, 10, staff_id=cal.interpreter), "staff"),
        (booking(cal, day, 10, interpreter_id=cal.social_worker), "interpreter"),
        (booking(cal, day, 10, place_id=cal.other_place), "room"),
        (booking(cal, day, 10, family_id=cal.families[1], person_id=cal.person), "person"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as refused:
            database.write(book, data)
        assert refused.value.field == field


def test_statuses_follow_the_rules(database: Database, cal: Calendar) -> None:
    day = working_day()
    row = database.write(book, booking(cal, day, 10))
    row = database.write(set_status, row.id, row.version, "confirmed")
    with pytest.raises(FamilyDeskError, match="once it has started"):
        database.write(set_status, row.id, row.version, "done")
    later = at(day, 10, 30)
    row = database.write(set_status, row.id, row.version, "no_show", now=later)
    assert row.status == "no_show"
    row = database.write(set_status, row.id, row.version, "done", now=later)
    with pytest.raises(FamilyDeskError, match="A done appointment cannot become cancelled"):
        database.write(set_status, row.id, row.version, "cancelled", "x")


def test_moving_checks_like_booking(database: Database, cal: Calendar) -> None:
    day = working_day()
    first = database.write(book, booking(cal, day, 10))
    database.write(book, booking(cal, day, 15, family_id=cal.families[1], room_id=cal.rooms[1]))
    with pytest.raises(BookingConflict, match="already has an appointment"):
        database.write(move, first.id, first.version, at(day, 15, 30))
    moved = database.write(move, first.id, first.version, at(day, 10, 30))  # overlaps only itself
    assert moved.starts_at == at(day, 10, 30)
    moved = database.write(
        move, moved.id, moved.version, at(day, 16, 30), staff_id=cal.psychologists[1]
    )
    assert (moved.staff_id, moved.ends_at) == (cal.psychologists[1], at(day, 17, 30))


def test_call_list_and_week_view(database: Database, cal: Calendar) -> None:
    day = working_day()
    kept = database.write(book, booking(cal, day, 10))
    gone = database.write(book, booking(cal, day, 11, family_id=cal.families[1]))
    database.write(set_status, gone.id, gone.version, "cancelled", "rinuncia")
    assert [r.id for r in database.read(call_list, day)] == [kept.id]
    start, end = week_of(day)
    week = database.read(appointments_between, start, end, staff_id=cal.psychologists[0])
    assert {r.status for r in week} == {"booked", "cancelled"}


def test_educators_cannot_book(database: Database, cal: Calendar) -> None:
    signed_in(database, "educator")
    with pytest.raises(PermissionDenied):
        database.write(book, booking(cal, working_day(), 10))


def test_a_service_is_booked_only_with_a_profession_that_gives_it(
    database: Database, cal: Calendar
) -> None:
    """Psychological counselling ("psicologa/o") with the social worker was accepted."""
    day = working_day()
    with pytest.raises(ValidationError) as refused:
        database.write(book, booking(cal, day, 10, staff_id=cal.social_worker))
    assert refused.value.field == "staff"
    assert str(refused.value) == (
        "Professional: Sara Lodi is assistente sociale; 'Psychological counselling' is given "
        "by: psicologa/o."
    )
    # Either gender of the profession fits, and the social worker gives her own service.
    database.write(book, booking(cal, day, 10, staff_id=cal.psychologists[1]))
    database.write(
        book, booking(cal, day, 12, staff_id=cal.social_worker, service_id=cal.interview)
    )
    moved = database.write(book, booking(cal, day, 15))
    with pytest.raises(ValidationError, match="Sara Lodi is assistente sociale"):
        database.write(move, moved.id, moved.version, at(day, 16), staff_id=cal.social_worker)


def test_a_service_that_names_no_profession_is_given_by_anyone(
    database: Database, cal: Calendar
) -> None:
    from familydesk.appointments.resources import ServiceInput, list_services, save_service

    row = next(s for s in database.read(list_services) if s.id == cal.counselling)
    database.write(
        save_service,
        ServiceInput(row.name, row.duration_minutes, "", id=row.id, version=row.version),
    )
    database.write(book, booking(cal, working_day(), 10, staff_id=cal.social_worker))

"""Recurring series, the free-slot finder, and two desks booking the same slot at once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from familydesk.appointments import series
from familydesk.appointments.booking import BookingConflict, book
from familydesk.appointments.queries import appointments_between
from familydesk.appointments.slots import SlotQuery, find_free_slots
from familydesk.db.database import Database
from familydesk.db.models.appointments import Absence, Closure
from familydesk.kernel.errors import ValidationError
from tests.appointments.calendar_data import Calendar, at, booking, build, working_day
from tests.helpers import open_signed


def test_a_weekly_series_books_every_occurrence(database: Database, cal: Calendar) -> None:
    day = working_day()
    result = database.write(series.book_series, booking(cal, day, 10), 1, occurrences=4)
    assert [r.starts_at for r in result.booked] == [
        at(day + timedelta(weeks=n), 10) for n in range(4)
    ]
    assert [r.series_index for r in result.booked] == [1, 2, 3, 4] and not result.skipped


def test_a_fortnightly_series_until_a_date(database: Database, cal: Calendar) -> None:
    day = working_day()
    result = database.write(
        series.book_series, booking(cal, day, 10), 2, until=day + timedelta(weeks=5)
    )
    assert [r.starts_at.date() for r in result.booked] == [
        day + timedelta(weeks=n) for n in (0, 2, 4)
    ]


def test_a_series_is_refused_whole_when_one_date_clashes(database: Database, cal: Calendar) -> None:
    day = working_day()
    database.write(
        book,
        booking(cal, day + timedelta(weeks=2), 10, family_id=cal.families[1], room_id=cal.rooms[1]),
    )
    with pytest.raises(BookingConflict, match="already has an appointment"):
        database.write(series.book_series, booking(cal, day, 10), 1, occurrences=4)
    assert (
        len(database.read(appointments_between, at(day, 0), at(day + timedelta(weeks=5), 0))) == 1
    )


def test_skipping_unavailable_dates_keeps_the_count(database: Database, cal: Calendar) -> None:
    day = working_day()
    closed = day + timedelta(weeks=1)
    database.write(lambda s: s.add(Closure(place_id=None, day=closed, reason="assemblea")))
    result = database.write(
        series.book_series, booking(cal, day, 10), 1, occurrences=3, skip_unavailable=True
    )
    assert [r.starts_at.date() for r in result.booked] == [
        day,
        day + timedelta(weeks=2),
        day + timedelta(weeks=3),
    ]
    assert result.skipped[0][0] == closed and "assemblea" in result.skipped[0][1]


def test_the_slot_finder_offers_only_professionals_who_give_the_service(
    database: Database, cal: Calendar
) -> None:
    after = at(working_day(), 8)
    slots = database.read(
        find_free_slots, SlotQuery(minutes=45, service_id=cal.interview, after=after, limit=20)
    )
    assert slots and {s.staff_id for s in slots} == {cal.social_worker}
    mismatch = SlotQuery(
        minutes=60, service_id=cal.counselling, staff_id=cal.social_worker, after=after
    )
    assert database.read(find_free_slots, mismatch) == []


def test_a_series_with_a_professional_who_does_not_give_the_service_is_refused(
    database: Database, cal: Calendar
) -> None:
    with pytest.raises(ValidationError, match="Sara Lodi is assistente sociale"):
        database.write(
            series.book_series,
            booking(cal, working_day(), 10, staff_id=cal.social_worker),
            1,
            occurrences=3,
        )


def test_series_input_is_checked(database: Database, cal: Calendar) -> None:
    day = working_day()
    for kwargs in ({"occurrences": 1}, {"occurrences": 3, "until": day}, {}, {"until": day}):
        with pytest.raises(ValidationError) as refused:
            database.write(series.book_series, booking(cal, day, 10), 1, **kwargs)
        assert refused.value.field == "repeat"
    with pytest.raises(ValidationError, match="every week or every two weeks"):
        database.write(series.book_series, booking(cal, day, 10), 3, occurrences=3)


def test_moving_and_cancelling_one_occurrence_or_the_rest(
    database: Database, cal: Calendar
) -> None:
    day = working_day()
    booked = database.write(series.book_series, booking(cal, day, 10), 1, occurrences=4).booked
    second = booked[1]
    moved = database.write(
        series.move_rest, second.id, second.version, at(second.starts_at.date(), 15)
    )
    assert [m.starts_at.hour for m in moved] == [15, 15, 15]
    rows = database.read(appointments_between, at(day, 0), at(day + timedelta(weeks=5), 0))
    assert [r.starts_at.hour for r in rows] == [10, 15, 15, 15]
    third = rows[2]
    assert (
        database.write(series.cancel, third.id, third.version, "trasferimento", rest_of_series=True)
        == 2
    )
    rows = database.read(appointments_between, at(day, 0), at(day + timedelta(weeks=5), 0))
    assert [r.status for r in rows] == ["booked", "booked", "cancelled", "cancelled"]
    assert database.write(series.cancel, rows[0].id, rows[0].version, "malattia") == 1


def test_moving_the_rest_is_all_or_nothing(database: Database, cal: Calendar) -> None:
    day = working_day()
    booked = database.write(series.book_series, booking(cal, day, 10), 1, occurrences=3).booked
    database.write(
        book,
        booking(cal, day + timedelta(weeks=2), 15, family_id=cal.families[1], room_id=cal.rooms[1]),
    )
    with pytest.raises(BookingConflict):
        database.write(series.move_rest, booked[0].id, booked[0].version, at(day, 15))
    rows = database.read(
        appointments_between,
        at(day, 0),
        at(day + timedelta(weeks=3), 0),
        staff_id=cal.psychologists[0],
    )
    assert [r.starts_at.hour for r in rows] == [10, 10, 10, 15]


def test_the_next_free_hour_with_a_psychologist_in_gonzaga_in_the_morning(
    database: Database, cal: Calendar
) -> None:
    day = working_day()
    # Fill Tuesday morning for both psychologists (different rooms and families).
    for hour in (9, 10, 11, 12):
        database.write(book, booking(cal, day, hour, family_id=None))
        database.write(
            book,
            booking(
                cal, day, hour, family_id=None, staff_id=cal.psychologists[1], room_id=cal.rooms[1]
            ),
        )
    database.write(
        lambda s: s.add(
            Absence(
                staff_id=cal.psychologists[0],
                first_day=day + timedelta(days=1),
                last_day=day + timedelta(days=1),
            )
        )
    )
    query = SlotQuery(
        minutes=60,
        profession="psicolog",
        comune_id=cal.comune,
        part="morning",
        after=at(day, 8),
        limit=3,
    )
    slots = database.read(find_free_slots, query)
    assert [s.starts_at for s in slots] == [
        at(day + timedelta(days=1), 9),
        at(day + timedelta(days=1), 9, 15),
        at(day + timedelta(days=1), 9, 30),
    ]
    assert {s.staff for s in slots} == {"Dott. Marco Ferri"}  # Rinaldi is away that day
    assert all(s.ends_at.hour <= 13 for s in slots) and all(s.room for s in slots)
    afternoon = database.read(
        find_free_slots,
        SlotQuery(
            minutes=60, staff_id=cal.psychologists[0], part="afternoon", after=at(day, 8), limit=1
        ),
    )
    assert afternoon[0].starts_at == at(day, 14, 30)


def test_two_desks_booking_the_same_slot_cannot_both_succeed(db_location: str) -> None:
    setup = open_signed(db_location)
    cal = build(setup)
    setup.dispose()
    day = working_day()
    desks = [open_signed(db_location, "reception") for n in range(2)]
    barrier, booked, refused = threading.Barrier(2), [], []

    def desk(database: Database, family: int) -> None:
        barrier.wait()
        try:
            booked.append(database.write(book, booking(cal, day, 10, family_id=family)))
        except BookingConflict as exc:
            refused.append(exc)

    threads = [
        threading.Thread(target=desk, args=(d, f)) for d, f in zip(desks, cal.families, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(booked) == 1 and len(refused) == 1
        rows = desks[0].read(appointments_between, at(day, 0), at(day, 23))
        assert len(rows) == 1
    finally:
        for database in desks:
            database.dispose()


def test_a_desk_waiting_on_another_sees_its_booking(db_location: str) -> None:
    """The first desk holds its transaction open after checking; the second must wait and
    then be refused (without the row locks on PostgreSQL both would be saved)."""
    setup = open_signed(db_location)
    cal = build(setup)
    setup.dispose()
    day = working_day()
    first, second = (open_signed(db_location, "reception") for n in range(2))
    checked, release, outcome = threading.Event(), threading.Event(), []

    def slow(session):  # type: ignore[no-untyped-def]
        row = book(session, booking(cal, day, 10))
        checked.set()
        release.wait(5)
        return row

    def fast() -> None:
        checked.wait(5)
        try:
            outcome.append(
                second.write(
                    book, booking(cal, day, 10, 30, family_id=cal.families[1], room_id=cal.rooms[1])
                )
            )
        except BookingConflict as exc:
            outcome.append(exc)

    thread = threading.Thread(target=fast)
    thread.start()
    timer = threading.Timer(1.0, release.set)
    timer.start()
    try:
        first.write(slow)
        thread.join(10)
        assert len(outcome) == 1 and isinstance(outcome[0], BookingConflict)
        assert "Rinaldi already has an appointment" in str(outcome[0])
    finally:
        timer.cancel()
        for database in (first, second):
            database.dispose()

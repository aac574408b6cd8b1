"""Group sessions: planned from a weekly pattern past closed days, checked against
appointments and other groups both ways, moved, cancelled, added, numbered."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.appointments.booking import BookingConflict, book
from familydesk.db.base import utcnow
from familydesk.db.database import Database
from familydesk.db.models.appointments import Closure, Staff
from familydesk.db.models.groups import Attendance, Enrolment, GroupSession
from familydesk.groups.planning import plan_sessions, preview_sessions
from familydesk.groups.sessions import (
    SessionConflict,
    add_session,
    cancel_session,
    change_session,
    session_by_number,
    sessions_of,
)
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.appointments.calendar_data import at, booking, next_weekday_holiday
from tests.groups.group_data import START, GroupWorld, new_group, tuesdays
from tests.helpers import open_signed, signed_in


def _count(database: Database) -> int:
    return database.read(lambda s: s.scalar(select(func.count()).select_from(GroupSession)))


def test_sixteen_tuesdays_are_planned_in_the_group_s_room(
    database: Database, world: GroupWorld
) -> None:
    group_id = new_group(database, world)
    rows = database.write(plan_sessions, group_id, tuesdays())
    assert len(rows) == 16 and [r.number for r in rows] == list(range(1, 17))
    assert rows[0].starts_at == datetime.combine(START, time(17)) and rows[0].hours == 2
    assert {r.room for r in rows} == {"Sala Blu"} and {r.place for r in rows} == {
        "Centro per le Famiglie"
    }
    assert all(r.starts_at.weekday() == START.weekday() for r in rows)
    assert {r.status for r in rows} == {"planned"} and not any(r.extra for r in rows)


def test_a_holiday_on_the_pattern_is_skipped_and_the_count_kept(
    database: Database, world: GroupWorld
) -> None:
    holiday, name = next_weekday_holiday(START)
    group_id = new_group(database, world)
    pattern = tuesdays(first_day=holiday - timedelta(weeks=3), weekday=holiday.weekday())
    preview = database.read(preview_sessions, group_id, pattern)
    skipped = [p for p in preview if p.skipped]
    assert holiday in {p.starts_at.date() for p in skipped}
    assert any(name in p.skipped for p in skipped if p.starts_at.date() == holiday)  # type: ignore[operator]
    rows = database.write(plan_sessions, group_id, pattern)
    assert len(rows) == 16 and holiday not in {r.starts_at.date() for r in rows}
    assert rows[-1].starts_at.date() == preview[-1].starts_at.date()
    assert len(preview) == 16 + len(skipped)


def test_the_patron_day_is_skipped_in_its_comune(database: Database, world: GroupWorld) -> None:
    year = START.year if date(START.year, 9, 8) - timedelta(weeks=2) >= START else START.year + 1
    patron = date(year, 9, 8)
    group_id = new_group(database, world, place_id=world.cal.other_place, room_id=None)
    pattern = tuesdays(4, first_day=patron - timedelta(weeks=2), weekday=patron.weekday())
    preview = database.read(preview_sessions, group_id, pattern)
    assert [p.starts_at.date() for p in preview if p.skipped] == [patron]
    assert "Suzzara" in preview[2].skipped  # type: ignore[operator]
    rows = database.write(plan_sessions, group_id, pattern)
    assert [r.starts_at.date() for r in rows] == [
        patron + timedelta(weeks=w) for w in (-2, -1, 1, 2)
    ]
    assert all(r.room_id is None and r.room == "" for r in rows)


def test_a_closure_is_skipped_and_opening_hours_are_not_a_rule(
    database: Database, world: GroupWorld
) -> None:
    closed = START + timedelta(weeks=1)
    database.write(
        lambda s: s.add(Closure(place_id=world.cal.place, day=closed, reason="Disinfestazione"))
    )
    group_id = new_group(database, world)
    preview = database.read(preview_sessions, group_id, tuesdays(3))
    assert [p.skipped is not None for p in preview] == [False, True, False, False]
    assert "Disinfestazione" in preview[1].skipped  # type: ignore[operator]
    # Saturdays: the desk is closed, the group meets all the same.
    saturdays = database.read(preview_sessions, group_id, tuesdays(3, weekday=5))
    assert len([p for p in saturdays if p.skipped is None]) == 3
    assert not any("not open" in (p.skipped or "") for p in saturdays)  # only holidays skipped
    assert saturdays[0].starts_at.date() == START + timedelta(days=4)


def test_an_until_pattern_every_two_weeks(database: Database, world: GroupWorld) -> None:
    group_id = new_group(database, world)
    rows = database.write(
        plan_sessions, group_id, tuesdays(None, until=START + timedelta(weeks=5), every_weeks=2)
    )
    assert [r.starts_at.date() for r in rows] == [START + timedelta(weeks=w) for w in (0, 2, 4)]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"count": None}, "count"),
        ({"until": START + timedelta(weeks=3)}, "count"),
        ({"count": 61}, "count"),
        ({"every_weeks": 3}, "every_weeks"),
        ({"ends": time(16)}, "ends"),
        ({"weekday": 7}, "weekday"),
        ({"count": None, "until": START + timedelta(weeks=70)}, "until"),
        ({"room_id": -1}, "room_id"),
    ],
)
def test_bad_patterns_name_the_field(
    database: Database, world: GroupWorld, changes: dict, field: str
) -> None:
    group_id = new_group(database, world)
    with pytest.raises(ValidationError) as caught:
        database.write(plan_sessions, group_id, tuesdays(**changes))
    assert caught.value.field == field


def test_an_appointment_in_the_room_refuses_the_whole_plan(
    database: Database, world: GroupWorld
) -> None:
    day = START + timedelta(weeks=2)
    database.write(book, booking(world.cal, day, 17), now=at(START, 8))
    group_id = new_group(database, world)
    with pytest.raises(SessionConflict) as caught:
        database.write(plan_sessions, group_id, tuesdays())
    assert len(caught.value.reasons) == 1 and "Sala Blu" in caught.value.reasons[0]
    assert _count(database) == 0
    assert len(database.write(plan_sessions, group_id, tuesdays(room_id=world.cal.rooms[1]))) == 16


def test_an_educator_leading_another_group_then_is_refused(
    database: Database, world: GroupWorld
) -> None:
    first = new_group(database, world)
    database.write(plan_sessions, first, tuesdays(4))
    second = new_group(database, world, title="Papà in gioco", room_id=world.cal.rooms[1])
    with pytest.raises(SessionConflict) as caught:
        database.write(plan_sessions, second, tuesdays(4, starts=time(18), ends=time(20)))
    assert len(caught.value.reasons) == 4
    assert "Elena Educatrice" in caught.value.reasons[0]
    assert "Genitori imperfetti cercasi" in caught.value.reasons[0]
    assert _count(database) == 4
    # Another educator, another room: both groups meet.
    other = new_group(
        database,
        world,
        title="Papà in gioco",
        room_id=world.cal.rooms[1],
        educator_ids=(world.other_educator,),
    )
    assert len(database.write(plan_sessions, other, tuesdays(4))) == 4


def _make_staff(session: Session, staff_id: int, operator_id: int) -> None:
    session.get(Staff, staff_id).operator_id = operator_id  # type: ignore[union-attr]


def test_an_educator_with_an_appointment_cannot_lead_then(
    database: Database, world: GroupWorld
) -> None:
    database.write(_make_staff, world.cal.psychologists[1], world.educator)
    database.write(
        book,
        booking(
            world.cal, START, 17, staff_id=world.cal.psychologists[1], room_id=world.cal.rooms[1]
        ),
        now=at(START, 8),
    )
    group_id = new_group(database, world)
    with pytest.raises(SessionConflict, match="Elena Educatrice already has an appointment"):
        database.write(plan_sessions, group_id, tuesdays(2))


def test_bookings_are_refused_in_a_room_or_with_an_educator_during_a_session(
    database: Database, world: GroupWorld
) -> None:
    group_id = new_group(database, world)
    database.write(plan_sessions, group_id, tuesdays(2))
    with pytest.raises(BookingConflict) as caught:
        database.write(book, booking(world.cal, START, 17), now=at(START, 8))
    assert 'room Sala Blu is taken by the group "Genitori imperfetti cercasi"' in str(caught.value)
    database.write(_make_staff, world.cal.psychologists[1], world.educator)
    with pytest.raises(BookingConflict) as caught:
        database.write(
            book,
            booking(
                world.cal,
                START,
                17,
                staff_id=world.cal.psychologists[1],
                room_id=world.cal.rooms[1],
            ),
            now=at(START, 8),
        )
    assert 'Dott. Marco Ferri leads the group "Genitori imperfetti cercasi"' in str(caught.value)
    # Before the session, or once it is cancelled, the room is free.
    assert database.write(book, booking(world.cal, START, 15), now=at(START, 8)).id
    first = database.read(session_by_number, group_id, 1)
    database.write(cancel_session, first.id, first.version, "Educatrice malata")
    assert database.write(book, booking(world.cal, START, 17), now=at(START, 8)).id


def test_moving_adding_and_cancelling_sessions(database: Database, world: GroupWorld) -> None:
    group_id = new_group(database, world)
    rows = database.write(plan_sessions, group_id, tuesdays(3))
    moved = database.write(
        change_session,
        rows[1].id,
        rows[1].version,
        rows[1].starts_at + timedelta(days=1),
        rows[1].ends_at + timedelta(days=1),
        world.cal.rooms[1],
        "Il sonno",
    )
    assert (
        moved.room == "Sala Verde" and moved.topic == "Il sonno" and moved.version > rows[1].version
    )
    with pytest.raises(SessionConflict, match="the group already meets"):
        database.write(
            change_session, moved.id, moved.version, rows[0].starts_at, rows[0].ends_at, None, ""
        )
    with pytest.raises(ValidationError) as caught:
        database.write(
            change_session, moved.id, moved.version, moved.ends_at, moved.starts_at, None, ""
        )
    assert caught.value.field == "ends_at"
    with pytest.raises(ValidationError) as caught:
        database.write(add_session, group_id, at(START, 23), at(START, 23) + timedelta(hours=2))
    assert caught.value.field == "ends_at"
    extra = database.write(add_session, group_id, at(START, 10), at(START, 12), "Festa finale")
    assert extra.extra and extra.number == 1
    with pytest.raises(ValidationError) as caught:
        database.write(cancel_session, rows[2].id, rows[2].version, "  ")
    assert caught.value.field == "reason"
    cancelled = database.write(cancel_session, rows[2].id, rows[2].version, "Neve")
    assert cancelled.status == "cancelled" and cancelled.cancel_reason == "Neve"
    listed = database.read(sessions_of, group_id)
    assert [(r.number, r.topic, r.cancelled) for r in listed] == [
        (1, "Festa finale", False),
        (2, "", False),
        (3, "Il sonno", False),
        (4, "", True),
    ]


def test_sessions_are_numbered_and_held_ones_known(database: Database, world: GroupWorld) -> None:
    group_id = new_group(database, world)
    database.write(plan_sessions, group_id, tuesdays(5))
    now = at(START + timedelta(weeks=1), 18)
    rows = database.read(sessions_of, group_id, now)
    assert [r.status for r in rows] == ["held", "held", "planned", "planned", "planned"]
    assert database.read(session_by_number, group_id, 3).starts_at.date() == START + timedelta(
        weeks=2
    )
    for number in (0, 6):
        with pytest.raises(ValidationError, match="from 1 to 5") as caught:
            database.read(session_by_number, group_id, number)
        assert caught.value.field == "session"


def _mark(session: Session, session_id: int, group_id: int, person_id: int) -> None:
    enrolment = Enrolment(
        group_id=group_id,
        person_id=person_id,
        signed_up_at=utcnow(),
        signed_up_on=START,
        enrolled_on=START,
    )
    session.add(enrolment)
    session.flush()
    session.add(Attendance(session_id=session_id, enrolment_id=enrolment.id, mark="present"))


def test_a_session_with_attendance_keeps_its_day(database: Database, world: GroupWorld) -> None:
    group_id = new_group(database, world)
    first = database.write(plan_sessions, group_id, tuesdays(2))[0]
    database.write(_mark, first.id, group_id, world.families[0][1])
    with pytest.raises(FamilyDeskError, match="Attendance was taken"):
        database.write(cancel_session, first.id, first.version, "Neve")
    with pytest.raises(ValidationError) as caught:
        database.write(
            change_session,
            first.id,
            first.version,
            first.starts_at + timedelta(days=1),
            first.ends_at + timedelta(days=1),
            None,
            "",
        )
    assert caught.value.field == "starts_at"
    later = database.write(
        change_session, first.id, first.version, at(START, 18), at(START, 20), None, ""
    )
    assert later.starts_at == at(START, 18)


def test_reception_reads_sessions_but_does_not_plan_them(
    database: Database, world: GroupWorld
) -> None:
    group_id = new_group(database, world)
    rows = database.write(plan_sessions, group_id, tuesdays(2))
    desk = signed_in(database, "reception")
    assert len(desk.read(sessions_of, group_id)) == 2
    for fn, args in (
        (plan_sessions, (group_id, tuesdays(2, first_day=START + timedelta(weeks=4)))),
        (add_session, (group_id, at(START, 10), at(START, 11))),
        (cancel_session, (rows[0].id, rows[0].version, "Neve")),
        (change_session, (rows[0].id, rows[0].version, at(START, 18), at(START, 20), None, "")),
    ):
        with pytest.raises(PermissionDenied):
            desk.write(fn, *args)
    assert (
        len(
            signed_in(database, "educator")
            .write(add_session, group_id, at(START, 10), at(START, 11))
            .room
        )
        > 0
    )


def test_two_educators_planning_the_same_room_cannot_both_succeed(db_location: str) -> None:
    from tests.groups.group_data import build_world

    setup = open_signed(db_location)
    world = build_world(setup)
    groups = [
        new_group(setup, world, title=t, educator_ids=(e,))
        for t, e in (("Uno", world.educator), ("Due", world.other_educator))
    ]
    setup.dispose()
    planners = [open_signed(db_location, "educator") for n in range(2)]
    barrier, planned, refused = threading.Barrier(2), [], []

    def plan(database: Database, group_id: int) -> None:
        barrier.wait()
        try:
            planned.append(database.write(plan_sessions, group_id, tuesdays(4)))
        except SessionConflict as exc:
            refused.append(exc)

    threads = [
        threading.Thread(target=plan, args=pair) for pair in zip(planners, groups, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(planned) == 1 and len(refused) == 1
        assert _count(planners[0]) == 4
    finally:
        for database in planners:
            database.dispose()


def test_the_free_slot_finder_leaves_out_session_times(
    database: Database, world: GroupWorld
) -> None:
    from familydesk.appointments.slots import SlotQuery, find_free_slots

    group_id = new_group(database, world)
    database.write(plan_sessions, group_id, tuesdays(1))
    query = SlotQuery(
        minutes=60,
        staff_id=world.cal.psychologists[0],
        place_id=world.cal.place,
        room_id=world.cal.rooms[0],
        after=at(START, 16),
        limit=2,
    )
    slots = database.read(find_free_slots, query)
    assert slots[0].starts_at == at(START, 16)
    assert slots[1].starts_at.date() > START  # 16:15 onwards overlaps the session


def test_the_free_slot_finder_offers_another_room_when_a_session_holds_the_first(
    database: Database, world: GroupWorld
) -> None:
    """Sessions are part of what is busy, not a last check: a slot whose first free room
    is held by a group goes to the next room instead of being dropped."""
    from familydesk.appointments.slots import SlotQuery, find_free_slots

    group_id = new_group(database, world)  # meets in Sala Blu, the first room by name
    database.write(plan_sessions, group_id, tuesdays(1))
    query = SlotQuery(
        minutes=60,
        staff_id=world.cal.psychologists[0],
        place_id=world.cal.place,
        after=at(START, 17),
        limit=1,
    )
    (slot,) = database.read(find_free_slots, query)
    assert (slot.starts_at, slot.room) == (at(START, 17), "Sala Verde")


def test_booking_sees_sessions_without_importing_groups() -> None:
    """What is busy when lives below both capabilities (scheduling.occupancy), so a process
    that only imports booking and the slot finder (the CLI) checks sessions too: there is no
    registry for an import of groups to fill."""
    import subprocess
    import sys

    code = (
        "import sys, familydesk.appointments.booking, familydesk.appointments.slots\n"
        "print(sorted(m for m in sys.modules if m.startswith('familydesk.groups')),"
        " 'familydesk.scheduling.occupancy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True"

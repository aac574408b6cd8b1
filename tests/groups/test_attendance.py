"""Attendance: a session marked at once, only for people enrolled that day, only on
sessions held; saved with the session's version; walk-ins join on the spot."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from familydesk.db.database import Database
from familydesk.db.models.groups import Attendance, GroupSession
from familydesk.db.models.registry import AuditEntry
from familydesk.groups.attendance import (
    add_walk_in,
    attendance_grid,
    open_attendance,
    save_attendance,
)
from familydesk.groups.enrolment import enrol, participants, withdraw
from familydesk.kernel.errors import ConflictError, ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.groups.group_data import (
    LATER,
    SIGN_UP,
    START,
    GroupWorld,
    add_sessions,
    family_members,
    new_group,
    weekly,
)
from tests.helpers import signed_in


@pytest.fixture
def course(database: Database, world: GroupWorld) -> tuple[int, list[int], list[int]]:
    """A parents' group of 6 weekly sessions with 3 parents enrolled: (group, sessions,
    enrolments)."""
    group_id = new_group(database, world, target="parents", capacity=3)
    sessions = add_sessions(database, group_id, weekly(START, 6))
    enrolments = [
        database.write(enrol, group_id, [family_members(world, n)[0]], SIGN_UP)[0].id
        for n in range(3)
    ]
    return group_id, sessions, enrolments


def _version(database: Database, session_id: int) -> int:
    return database.read(lambda s: s.get(GroupSession, session_id).version)


def _save(database: Database, session_id: int, marks: dict, now: datetime = LATER):  # noqa: ANN202
    return database.write(save_attendance, session_id, _version(database, session_id), marks, now)


def test_a_whole_session_is_marked_in_one_save(database: Database, course: tuple) -> None:
    group_id, sessions, (a, b, c) = course
    _save(database, sessions[0], {a: "present", b: "absent", c: "excused"})
    grid = database.read(attendance_grid, group_id, LATER)
    assert [p.id for p in grid.participants] == [a, b, c]
    assert len(grid.sessions) == 6
    assert {k: v for k, v in grid.marks.items() if k[1] == sessions[0]} == {
        (a, sessions[0]): "present",
        (b, sessions[0]): "absent",
        (c, sessions[0]): "excused",
    }
    assert (a, sessions[5]) in grid.markable


def test_marks_are_replaced_and_cleared(database: Database, course: tuple) -> None:
    _group_id, sessions, (a, b, _c) = course
    _save(database, sessions[0], {a: "present", b: "present"})
    _save(database, sessions[0], {a: "absent", b: None})
    marks = database.read(lambda s: {r.enrolment_id: r.mark for r in s.scalars(select(Attendance))})
    assert marks == {a: "absent"}


def test_a_session_not_yet_held_takes_no_marks(database: Database, course: tuple) -> None:
    group_id, sessions, (a, _b, _c) = course
    before = datetime.combine(START, datetime.min.time())
    with pytest.raises(ValidationError, match="not been held|non si è ancora"):
        _save(database, sessions[0], {a: "present"}, now=before)
    assert database.read(attendance_grid, group_id, before).markable == frozenset()


def test_a_cancelled_session_takes_no_marks(database: Database, course: tuple) -> None:
    group_id, sessions, (a, _b, _c) = course

    def cancel(session):  # noqa: ANN001, ANN202
        session.get(GroupSession, sessions[1]).cancelled = True

    database.write(cancel)
    with pytest.raises(ValidationError, match="cancelled|annullato"):
        _save(database, sessions[1], {a: "present"})
    grid = database.read(attendance_grid, group_id, LATER)
    assert (a, sessions[1]) not in grid.markable


def test_only_people_enrolled_that_day_are_marked(
    database: Database, world: GroupWorld, course: tuple
) -> None:
    group_id, sessions, (a, _b, _c) = course
    waiting = database.write(enrol, group_id, [family_members(world, 3)[0]], SIGN_UP)[0]
    assert waiting.status == "waiting"
    with pytest.raises(ValidationError, match="enrolled|iscritt"):
        _save(database, sessions[0], {waiting.id: "present"})
    # ``a`` withdraws after the third session: promoted ``waiting`` has a place from then on.
    third_day = START + timedelta(weeks=2)
    row = next(r for r in database.read(participants, group_id) if r.id == a)
    database.write(withdraw, a, row.version, "", third_day)
    with pytest.raises(ValidationError):
        _save(database, sessions[3], {a: "present"})
    _save(database, sessions[3], {waiting.id: "present"})
    with pytest.raises(ValidationError):
        _save(database, sessions[1], {waiting.id: "present"})
    nothing_saved = database.read(lambda s: s.scalars(select(Attendance.session_id)).all())
    assert nothing_saved == [sessions[3]]


def test_a_withdrawn_person_keeps_their_marks_in_the_grid(
    database: Database, course: tuple
) -> None:
    group_id, sessions, (a, b, _c) = course
    _save(database, sessions[0], {a: "present"})
    for enrolment_id in (a, b):
        row = next(r for r in database.read(participants, group_id) if r.id == enrolment_id)
        database.write(withdraw, enrolment_id, row.version, "", START + timedelta(days=1))
    grid = database.read(attendance_grid, group_id, LATER)
    assert a in {p.id for p in grid.participants} and b not in {p.id for p in grid.participants}
    assert (a, sessions[0]) in grid.markable and (a, sessions[1]) not in grid.markable


def test_two_educators_saving_the_same_session_conflict(database: Database, course: tuple) -> None:
    _group_id, sessions, (a, _b, _c) = course
    version = _version(database, sessions[0])
    database.write(save_attendance, sessions[0], version, {a: "present"}, LATER)
    with pytest.raises(ConflictError):
        database.write(save_attendance, sessions[0], version, {a: "absent"}, LATER)


def test_a_walk_in_is_signed_up_and_marked_present(database: Database, world: GroupWorld) -> None:
    group_id = new_group(database, world, target="parents", capacity=5, signup_closes=SIGN_UP)
    sessions = add_sessions(database, group_id, weekly(START, 4))
    walker = family_members(world, 5)[0]
    database.write(add_walk_in, sessions[2], _version(database, sessions[2]), walker, LATER)
    row = next(r for r in database.read(participants, group_id) if r.person_id == walker)
    assert row.walk_in and row.status == "enrolled"
    assert row.enrolled_on == (START + timedelta(weeks=2))
    grid = database.read(attendance_grid, group_id, LATER)
    assert grid.marks == {(row.id, sessions[2]): "present"}
    assert (row.id, sessions[1]) not in grid.markable


def test_opening_the_grid_is_audited(database: Database, course: tuple) -> None:
    group_id, _sessions, _enrolments = course
    database.write(open_attendance, group_id, LATER)
    actions = database.read(
        lambda s: s.scalars(
            select(AuditEntry.action).where(AuditEntry.table_name == "parent_group")
        ).all()
    )
    assert "open" in actions


def test_reception_cannot_take_attendance(database: Database, course: tuple) -> None:
    _group_id, sessions, (a, _b, _c) = course
    with pytest.raises(PermissionDenied):
        _save(signed_in(database, "reception"), sessions[0], {a: "present"})
    assert _save(signed_in(database, "educator"), sessions[0], {a: "present"})

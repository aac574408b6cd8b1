"""Figures agree with the raw attendance records: counted by hand and with plain SQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from familydesk.db.database import Database
from familydesk.db.models.groups import GroupSession
from familydesk.groups.attendance import save_attendance
from familydesk.groups.enrolment import enrol
from familydesk.groups.figures import completions, group_figures, needed_sessions, period_figures
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


def _mark(database: Database, session_id: int, marks: dict) -> None:
    version = database.read(lambda s: s.get(GroupSession, session_id).version)
    database.write(save_attendance, session_id, version, marks, LATER)


@pytest.fixture
def filled(database: Database, world: GroupWorld) -> tuple[int, list[int], list[int]]:
    """4 sessions of 2 hours, the last cancelled; 3 parents; completion at 75% (3 of 3)."""
    group_id = new_group(database, world, target="parents", capacity=3)
    sessions = add_sessions(database, group_id, weekly(START, 4))

    def cancel(session):  # noqa: ANN001, ANN202
        session.get(GroupSession, sessions[3]).cancelled = True

    database.write(cancel)
    people = [
        database.write(enrol, group_id, [family_members(world, n)[0]], SIGN_UP)[0].id
        for n in range(3)
    ]
    a, b, c = people
    _mark(database, sessions[0], {a: "present", b: "present", c: "absent"})
    _mark(database, sessions[1], {a: "present", b: "excused", c: "absent"})
    _mark(database, sessions[2], {a: "present", b: "present"})
    return group_id, sessions, people


def test_needed_sessions_round_up() -> None:
    assert needed_sessions(16, 75) == 12
    assert needed_sessions(3, 75) == 3
    assert needed_sessions(10, 75) == 8


def test_group_figures_by_hand(database: Database, filled: tuple) -> None:
    group_id, _sessions, (a, b, c) = filled
    figures = database.read(group_figures, group_id, None, None, LATER)
    assert (figures.sessions_planned, figures.sessions_held) == (3, 3)
    assert figures.hours_delivered == 6.0
    assert (figures.people_reached, figures.families_reached) == (2, 2)
    assert (figures.present_marks, figures.recorded_marks) == (5, 8)
    assert figures.attendance_rate == pytest.approx(5 / 8)
    done = database.read(completions, group_id)
    assert {k: (v.present, v.needed, v.completed) for k, v in done.items()} == {
        a: (3, 3, True),
        b: (2, 3, False),
        c: (0, 3, False),
    }
    assert done[a].hours_attended == 6.0
    assert (figures.enrolled, figures.completed) == (3, 1)
    assert figures.completion_rate == pytest.approx(1 / 3)


def test_figures_agree_with_plain_sql(database: Database, filled: tuple) -> None:
    group_id, _sessions, _people = filled
    figures = database.read(group_figures, group_id, None, None, LATER)

    def raw(session):  # noqa: ANN001, ANN202
        sql = text(
            "SELECT count(*), sum(CASE WHEN a.mark = 'present' THEN 1 ELSE 0 END),"
            " count(DISTINCT CASE WHEN a.mark = 'present' THEN e.person_id END),"
            " count(DISTINCT CASE WHEN a.mark = 'present' THEN e.family_id END)"
            " FROM attendance a JOIN enrolment e ON e.id = a.enrolment_id"
            " JOIN group_session s ON s.id = a.session_id"
            " WHERE s.group_id = :g AND NOT s.cancelled"
        )
        return tuple(session.execute(sql, {"g": group_id}).one())

    recorded, present, people, families = database.read(raw)
    assert (figures.recorded_marks, figures.present_marks) == (recorded, present)
    assert (figures.people_reached, figures.families_reached) == (people, families)


def test_a_period_counts_its_sessions_only(database: Database, filled: tuple) -> None:
    group_id, _sessions, _people = filled
    first_two = database.read(group_figures, group_id, START, START + timedelta(days=8), LATER)
    assert (first_two.sessions_held, first_two.present_marks, first_two.recorded_marks) == (2, 3, 6)


def test_a_person_in_two_groups_is_counted_once_in_the_total(
    database: Database, world: GroupWorld, filled: tuple
) -> None:
    group_id, _sessions, (a, _b, _c) = filled
    other = new_group(
        database, world, title="Papà in gioco", target="parents", room_id=world.cal.rooms[1]
    )
    other_sessions = add_sessions(database, other, weekly(START, 1, hour=10))
    again = database.write(enrol, other, [family_members(world, 0)[0]], SIGN_UP)[0].id
    _mark(database, other_sessions[0], {again: "present"})
    period = database.read(
        period_figures, START - timedelta(days=1), START + timedelta(weeks=5), LATER
    )
    assert {g.group_id for g in period.groups} == {group_id, other}
    assert sum(g.people_reached for g in period.groups) == 3
    assert period.total.people_reached == 2
    assert period.total.sessions_held == 4 and period.total.hours_delivered == 8.0

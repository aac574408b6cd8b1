"""The demo's parenting groups obey the rules the groups services enforce.

The demo plans groups in memory and writes them with Core inserts, bypassing
the services: plain SQL reads the rows back and proves no room or educator is
double-booked (against other sessions and appointments), no session falls on a
closed day, capacity and the waiting list hold, promotions follow withdrawals,
attendance is only taken for people enrolled that day on sessions held, and
children are within the age range on the group's start date.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from familydesk.db.database import Database
from familydesk.db.models.groups import GroupEducator, GroupSession
from familydesk.demo.group_signups import age_on
from familydesk.groups.catalog import list_groups
from familydesk.groups.sessions import session_conflicts
from familydesk.scheduling.calendar_rules import Rules, national_holidays
from tests.conftest import PgServer
from tests.demo.test_appointments import _filled

NOT_CANCELLED = "a.cancelled = :no AND b.cancelled = :no"
OVERLAP = "a.starts_at < b.ends_at AND b.starts_at < a.ends_at"


@pytest.fixture(scope="module")
def demo(
    pg_server: PgServer | None, template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, datetime]]:
    """The default demo, filled today (the rules must hold whatever the day)."""
    yield from _filled(pg_server, template, tmp_path_factory.mktemp("groups"), None)


@pytest.fixture(scope="module")
def year_end(
    pg_server: PgServer | None, template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, datetime]]:
    """A smaller demo filled between Christmas and New Year: holidays and closures ahead."""
    yield from _filled(
        pg_server,
        template,
        tmp_path_factory.mktemp("groups_year_end"),
        datetime(2027, 12, 27, 11, 40),
        families=60,
    )


_STAMP = re.compile(r"\d{4}-\d\d-\d\d( \d\d:\d\d:\d\d(\.\d+)?)?")


def _typed(value: object) -> object:
    """SQLite hands dates and times to plain SQL as text: read them back as Python's."""
    if isinstance(value, str) and _STAMP.fullmatch(value):
        return datetime.fromisoformat(value) if " " in value else date.fromisoformat(value)
    return value


def _rows(database: Database, sql: str, **params: object) -> list[tuple]:
    rows = database.read(lambda s: s.execute(text(sql), {"no": False, **params}).all())
    return [tuple(_typed(v) for v in row) for row in rows]


def _count(database: Database, sql: str, **params: object) -> int:
    return _rows(database, sql, **params)[0][0]


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


# -- rooms, educators, closed days ----------------------------------------------------------
CLASHES = {
    "two sessions in a room": "SELECT count(*) FROM group_session a JOIN group_session b "
    "ON a.room_id = b.room_id AND a.id < b.id WHERE " + NOT_CANCELLED + " AND " + OVERLAP,
    "a session and an appointment in a room": "SELECT count(*) FROM group_session a "
    "JOIN appointment b ON b.room_id = a.room_id WHERE a.cancelled = :no "
    "AND b.status <> 'cancelled' AND " + OVERLAP,
    "an educator in two sessions": "SELECT count(*) FROM group_session a "
    "JOIN group_educator x ON x.group_id = a.group_id "
    "JOIN group_educator y ON y.operator_id = x.operator_id "
    "JOIN group_session b ON b.group_id = y.group_id AND a.id < b.id "
    "WHERE " + NOT_CANCELLED + " AND " + OVERLAP,
}


@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_no_room_or_educator_is_double_booked(which: str, request: pytest.FixtureRequest) -> None:
    database, _now = request.getfixturevalue(which)
    assert _count(database, "SELECT count(*) FROM group_session WHERE cancelled = :no") > 20
    for clash, sql in CLASHES.items():
        assert _count(database, sql) == 0, clash


@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_no_session_on_a_closed_day(which: str, request: pytest.FixtureRequest) -> None:
    database, _now = request.getfixturevalue(which)
    sessions = _rows(
        database,
        "SELECT s.id, s.starts_at, s.place_id, m.patron_day "
        "FROM group_session s JOIN place p ON p.id = s.place_id "
        "JOIN member_comune m ON m.id = p.comune_id",
    )
    closures = {
        (place, _day(day)) for place, day in _rows(database, "SELECT place_id, day FROM closure")
    }
    assert sessions and closures
    for _id, starts, place, patron in sessions:
        day = starts.date()
        assert day not in national_holidays(day.year), starts
        assert day.strftime("%m-%d") != patron, starts
        assert (None, day) not in closures and (place, day) not in closures, starts


@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_every_session_passes_the_sessions_services_checks(
    which: str, request: pytest.FixtureRequest
) -> None:
    database, _now = request.getfixturevalue(which)

    def problems(session: Session) -> tuple[int, list[str]]:
        rows = (
            session.execute(select(GroupSession).where(GroupSession.cancelled.is_(False)))
            .scalars()
            .all()
        )
        leads: dict[int, set[int]] = defaultdict(set)
        for group_id, operator_id in session.execute(
            select(GroupEducator.group_id, GroupEducator.operator_id)
        ):
            leads[group_id].add(operator_id)
        days = [r.starts_at.date() for r in rows]
        rules = Rules(session, min(days), max(days), {r.place_id for r in rows}, set())
        found = []
        for row in rows:
            found += session_conflicts(
                session,
                row.starts_at,
                row.ends_at,
                row.room_id,
                leads[row.group_id],
                exclude=(row.id,),
            )
            closed = rules.closed_reason(row.place_id, row.starts_at.date(), hours=False)
            found += [closed] if closed else []
        return len(rows), found

    count, found = database.read(problems)
    assert count > 20 and found == []


# -- places and the waiting list --------------------------------------------------------------
def _used(database: Database) -> dict[int, tuple[int, str, int, int]]:
    """group id -> (capacity, per, places used, people waiting)."""
    return {
        row[0]: row[1:]
        for row in _rows(
            database,
            """
        SELECT g.id, g.capacity, g.capacity_per,
               CASE WHEN g.capacity_per = 'family'
                    THEN count(DISTINCT CASE WHEN e.status = 'enrolled' THEN e.family_id END)
                    ELSE count(CASE WHEN e.status = 'enrolled' THEN 1 END) END,
               count(CASE WHEN e.status = 'waiting' THEN 1 END)
        FROM parent_group g LEFT JOIN enrolment e ON e.group_id = g.id
        GROUP BY g.id, g.capacity, g.capacity_per""",
        )
    }


@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_capacity_and_waiting_list(which: str, request: pytest.FixtureRequest) -> None:
    database, _now = request.getfixturevalue(which)
    used = _used(database)
    assert len(used) >= 14
    for group, (capacity, _per, taken, waiting) in used.items():
        assert taken <= capacity, group
        assert not waiting or taken == capacity, group
    # On every session held, the people marked fit the places too.
    marked = _rows(
        database,
        """
        SELECT s.id, g.capacity, g.capacity_per, count(*), count(DISTINCT e.family_id)
        FROM attendance a JOIN group_session s ON s.id = a.session_id
        JOIN parent_group g ON g.id = s.group_id JOIN enrolment e ON e.id = a.enrolment_id
        GROUP BY s.id, g.capacity, g.capacity_per""",
    )
    for _session, capacity, per, people, families in marked:
        assert (families if per == "family" else people) <= capacity
    if which == "demo":  # how many groups have one depends on the day (1 on 9 December 2026)
        assert sum(1 for _c, _p, _t, waiting in used.values() if waiting) >= 1


@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_promotions_follow_withdrawals_in_sign_up_order(
    which: str, request: pytest.FixtureRequest
) -> None:
    database, _now = request.getfixturevalue(which)
    unexplained = _count(
        database,
        """
        SELECT count(*) FROM enrolment e
        WHERE (e.enrolled_on > e.signed_up_on OR e.to_inform <> :no OR e.informed_on IS NOT NULL)
        AND NOT EXISTS (
            SELECT 1 FROM enrolment w WHERE w.group_id = e.group_id
            AND w.withdrawn_on = e.enrolled_on AND w.signed_up_at < e.signed_up_at)""",
    )
    assert unexplained == 0
    rows = _rows(
        database,
        "SELECT group_id, status, signed_up_at, signed_up_on, enrolled_on, "
        "withdrawn_on, to_inform, informed_on, walk_in FROM enrolment",
    )
    promoted: dict[int, list[datetime]] = defaultdict(list)
    waiting: dict[int, list[datetime]] = defaultdict(list)
    for group, status, at, on, enrolled, withdrawn, to_inform, informed, walk_in in rows:
        assert (withdrawn is not None) == (status == "withdrawn")
        assert status != "waiting" or enrolled is None
        assert status != "enrolled" or enrolled is not None
        assert enrolled is None or enrolled >= on
        moved_up = to_inform or informed is not None
        assert moved_up or enrolled is None or enrolled == on  # a place at once, or promoted
        if moved_up:
            assert enrolled is not None and not walk_in
            assert not (to_inform and informed is not None)
            assert informed is None or informed >= enrolled
            promoted[group].append(at)
        if status == "waiting":
            waiting[group].append(at)
    for group in promoted.keys() & waiting.keys():
        assert max(promoted[group]) < min(waiting[group]), group  # first come, first served
    if which == "demo":
        flags = Counter((r[6], r[7] is not None) for r in rows)
        assert flags[True, False] and flags[False, True]  # some still to inform, some informed
        assert sum(1 for r in rows if r[8]) >= 1 and sum(1 for r in rows if r[1] == "withdrawn")


# -- attendance, ages, phases -----------------------------------------------------------------
@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_attendance_only_for_people_enrolled_on_sessions_held(
    which: str, request: pytest.FixtureRequest
) -> None:
    database, now = request.getfixturevalue(which)
    rows = _rows(
        database,
        """
        SELECT a.mark, s.cancelled, s.starts_at, s.group_id, e.group_id, e.enrolled_on,
               e.withdrawn_on
        FROM attendance a JOIN group_session s ON s.id = a.session_id
        JOIN enrolment e ON e.id = a.enrolment_id""",
    )
    assert rows
    for _mark, cancelled, starts, group, enrolled_group, enrolled, withdrawn in rows:
        assert not cancelled and starts < now
        assert group == enrolled_group
        assert enrolled is not None and enrolled <= starts.date()
        assert withdrawn is None or withdrawn > starts.date()


def test_attendance_looks_real_some_complete_some_do_not(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    marks = Counter(m for (m,) in _rows(database, "SELECT mark FROM attendance"))
    assert 0.72 < marks["present"] / sum(marks.values()) < 0.9
    assert marks["excused"] and marks["absent"]
    rows = _rows(
        database,
        """
        SELECT e.id, g.completion_percent,
               (SELECT count(*) FROM group_session s WHERE s.group_id = g.id
                AND s.cancelled = :no),
               (SELECT count(*) FROM attendance a WHERE a.enrolment_id = e.id
                AND a.mark = 'present'),
               (SELECT max(s.starts_at) FROM group_session s WHERE s.group_id = g.id)
        FROM enrolment e JOIN parent_group g ON g.id = e.group_id
        WHERE e.status = 'enrolled'""",
    )
    ended = [
        (present >= math.ceil(pct * sessions / 100))
        for _e, pct, sessions, present, last in rows
        if last < now
    ]
    assert ended.count(True) >= 10 and ended.count(False) >= 3


@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_children_within_the_age_range_on_the_start_date(
    which: str, request: pytest.FixtureRequest
) -> None:
    database, _now = request.getfixturevalue(which)
    starts = dict(
        _rows(
            database,
            "SELECT group_id, min(starts_at) FROM group_session "
            "WHERE cancelled = :no GROUP BY group_id",
        )
    )
    rows = _rows(
        database,
        """
        SELECT g.id, g.target, g.age_from, g.age_to, g.age_unit, p.birth_date
        FROM enrolment e JOIN parent_group g ON g.id = e.group_id
        JOIN person p ON p.id = e.person_id""",
    )
    children = 0
    for group, target, low, high, unit, born in rows:
        child = age_on(born, starts[group].date(), "months") < 18 * 12  # as the service counts
        assert (
            (target == "parents" and not child)
            or (target == "children" and child)
            or (target == "both")
        )
        if child:
            children += 1
            assert low <= age_on(born, starts[group].date(), unit) <= high, group
    assert children > 0 or which == "year_end"


def test_groups_in_every_phase_across_the_comuni(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    groups = database.read(list_groups, today=now.date())
    phases = Counter(g.phase for g in groups)
    assert phases["ended"] >= 3 and phases["running"] >= 2
    assert phases["open"] + phases["planned"] >= 2
    assert {g.comune for g in groups} == {
        "Suzzara",
        "Gonzaga",
        "Pegognaga",
        "Moglia",
        "Motteggiana",
        "San Benedetto Po",
    }
    assert all(g.educators for g in groups)
    course = next(g for g in groups if g.title == "Genitori imperfetti cercasi")
    assert course.sessions == 16 and course.capacity == 25 and course.enrolled == 25
    places = _count(
        database,
        "SELECT count(DISTINCT place_id) FROM group_session WHERE group_id = :g",
        g=course.id,
    )
    assert places == 6  # consortium-wide: it moves round the six comuni
    cancelled = _rows(database, "SELECT cancel_reason FROM group_session WHERE cancelled <> :no")
    assert cancelled and all(reason for (reason,) in cancelled)
    assert _count(database, "SELECT count(*) FROM group_session WHERE extra <> :no") >= 1
    roles = _rows(
        database,
        "SELECT DISTINCT o.role FROM group_educator x JOIN operator o ON o.id = x.operator_id",
    )
    assert roles == [("educator",)]

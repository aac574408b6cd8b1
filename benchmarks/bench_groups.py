"""Parenting groups on the large database (the front desk benchmark's: 50,000 families,
500,000 contacts, 200,000 appointments, and the demo's groups).

The measured group is "Genitori imperfetti cercasi" as a full course: 25 parents,
16 sessions, all held, every mark taken (400 marks). When the database has no
such group it is added once, with Core inserts, on Saturday evenings when the
room is free and the comune open (no holiday, patron day or closure).

(a) opening the attendance grid: ``attendance_grid`` (sessions, participants with
    their names and phones, marks, what may be marked);
(b) saving a session's attendance: ``save_attendance`` with 25 marks, alternating
    present/absent so rows really change, in a write transaction rolled back.

Median / p99 of RUNS runs, beside the plain SQL reading (or writing) the same rows
through the ``sqlite3`` module: the difference is FamilyDesk's own cost.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import open_signed, run_on_large_database  # noqa: E402
from benchmarks.bench_frontdesk import _row, stamp  # noqa: E402
from benchmarks.bench_search import FAMILIES, _times  # noqa: E402
from familydesk.db.database import Database  # noqa: E402
from familydesk.db.models.appointments import Appointment, Closure, Place, Room  # noqa: E402
from familydesk.db.models.groups import Attendance, Enrolment, Group, GroupEducator, GroupSession  # noqa: E402
from familydesk.db.models.registry import MemberComune, Operator, Person  # noqa: E402
from familydesk.demo.rows import advance_sequences  # noqa: E402
from familydesk.groups.attendance import attendance_grid, save_attendance  # noqa: E402
from familydesk.scheduling.calendar_rules import local_now, national_holidays  # noqa: E402

RUNS = 100
PEOPLE = 25
SESSIONS = 16
TITLE = "Genitori imperfetti cercasi (benchmark)"

RAW_SESSIONS = """
SELECT s.*, p.name, r.name FROM group_session s JOIN place p ON p.id = s.place_id
LEFT JOIN room r ON r.id = s.room_id WHERE s.group_id = ? ORDER BY s.starts_at, s.id"""
RAW_PEOPLE = """
SELECT e.*, p.uid, p.first_name, p.last_name, p.birth_date, p.phone, f.uid, f.phone
FROM enrolment e LEFT JOIN person p ON p.id = e.person_id LEFT JOIN family f ON f.id = e.family_id
WHERE e.group_id = ? ORDER BY p.last_name, p.first_name"""
RAW_MARKS = """
SELECT a.enrolment_id, a.session_id, a.mark FROM attendance a
JOIN group_session s ON s.id = a.session_id WHERE s.group_id = ?"""
RAW_UPDATE = (
    "UPDATE attendance SET mark = ?, version = version + 1 "
    "WHERE session_id = ? AND enrolment_id = ?"
)


def _free_saturdays(session: Session, place: Place, room_id: int, first: date) -> list[date]:
    """SESSIONS Saturdays from ``first`` back in time, open and with the room free 20:30-22:30."""
    patron = session.scalar(
        select(MemberComune.patron_day).where(MemberComune.id == place.comune_id)
    )
    closed = set(
        session.scalars(
            select(Closure.day).where((Closure.place_id == place.id) | Closure.place_id.is_(None))
        )
    )
    days: list[date] = []
    day = first - timedelta(days=(first.weekday() - 5) % 7)
    while len(days) < SESSIONS:
        busy = session.scalar(
            select(func.count())
            .select_from(GroupSession)
            .where(
                GroupSession.room_id == room_id,
                GroupSession.starts_at < datetime.combine(day, datetime.max.time()),
                GroupSession.ends_at > datetime.combine(day, datetime.min.time()),
            )
        ) or session.scalar(
            select(func.count())
            .select_from(Appointment)
            .where(
                Appointment.room_id == room_id,
                Appointment.starts_at >= datetime.combine(day, datetime.min.time()),
                Appointment.starts_at
                < datetime.combine(day + timedelta(days=1), datetime.min.time()),
            )
        )
        if (
            not busy
            and day not in national_holidays(day.year)
            and day not in closed
            and day.strftime("%m-%d") != patron
        ):
            days.append(day)
        day -= timedelta(days=7)
    return sorted(days)


def _add_group(session: Session) -> int:
    """The full course: 25 parents of 25 families of Suzzara, 16 Saturday evenings held."""
    rng = random.Random(25)
    place = session.scalars(select(Place).order_by(Place.id)).first()
    room_id = session.scalar(select(Room.id).where(Room.place_id == place.id).order_by(Room.id))
    educator = session.scalar(
        select(Operator.id).where(Operator.role == "educator").order_by(Operator.id)
    )
    days = _free_saturdays(session, place, room_id, local_now().date() - timedelta(days=7))
    made = datetime.combine(days[0] - timedelta(days=40), datetime.min.time(), tzinfo=UTC)
    common = {
        "site_id": session.info["site_id"],
        "created_at": made,
        "updated_at": made,
        "version": 1,
    }
    group_id = session.execute(
        insert(Group)
        .values(
            uid=uuid.uuid4(),
            title=TITLE,
            kind="course",
            description="",
            place_id=place.id,
            room_id=room_id,
            target="parents",
            age_unit="years",
            capacity=PEOPLE,
            capacity_per="person",
            signup_opens=days[0] - timedelta(days=35),
            signup_closes=days[0] - timedelta(days=3),
            language="it",
            cost_note="",
            completion_percent=75,
            cancelled=False,
            **common,
        )
        .returning(Group.id)
    ).scalar_one()
    session.execute(
        insert(GroupEducator).values(
            uid=uuid.uuid4(), group_id=group_id, operator_id=educator, **common
        )
    )
    session_ids = [
        session.execute(
            insert(GroupSession)
            .values(
                uid=uuid.uuid4(),
                group_id=group_id,
                starts_at=datetime.combine(day, datetime.min.time())
                + timedelta(hours=20, minutes=30),
                ends_at=datetime.combine(day, datetime.min.time())
                + timedelta(hours=22, minutes=30),
                place_id=place.id,
                room_id=room_id,
                topic=f"Incontro {n}",
                cancelled=False,
                cancel_reason="",
                extra=False,
                **common,
            )
            .returning(GroupSession.id)
        ).scalar_one()
        for n, day in enumerate(days, start=1)
    ]
    parents = session.execute(
        select(Person.id, Person.family_id)
        .where(Person.relation == "parent")
        .order_by(Person.family_id)
        .limit(PEOPLE * 3)
    ).all()
    first_parent = {family: person for person, family in reversed(parents)}
    for family, person in list(first_parent.items())[:PEOPLE]:
        signed = days[0] - timedelta(days=rng.randint(4, 30))
        enrolment = session.execute(
            insert(Enrolment)
            .values(
                uid=uuid.uuid4(),
                group_id=group_id,
                person_id=person,
                family_id=family,
                status="enrolled",
                signed_up_at=datetime.combine(signed, datetime.min.time(), tzinfo=UTC),
                signed_up_on=signed,
                enrolled_on=signed,
                withdraw_reason="",
                to_inform=False,
                walk_in=False,
                signed_up_by="reception",
                note="",
                **common,
            )
            .returning(Enrolment.id)
        ).scalar_one()
        session.execute(
            insert(Attendance),
            [
                {
                    "uid": uuid.uuid4(),
                    "session_id": s,
                    "enrolment_id": enrolment,
                    "mark": rng.choices(("present", "absent", "excused"), (80, 12, 8))[0],
                    **common,
                }
                for s in session_ids
            ],
        )
    advance_sequences(
        session, ("parent_group", "group_educator", "group_session", "enrolment", "attendance")
    )
    return group_id


def full_group(session: Session) -> int | None:
    """A group with 25 enrolled and 16 sessions held, all marked (the benchmark's own)."""
    return session.scalar(select(Group.id).where(Group.title == TITLE))


def prepare(path: Path) -> tuple[int, list[tuple[str, str]]]:
    database = open_signed(str(path))
    try:
        group_id = database.read(full_group)
        if group_id is not None:
            return group_id, []
        start = time.perf_counter()
        group_id = database.write(_add_group)
        return group_id, [
            (
                f"Add a {PEOPLE}-person, {SESSIONS}-session group with every mark "
                f"({PEOPLE * SESSIONS} marks)",
                f"{time.perf_counter() - start:.1f} s",
            )
        ]
    finally:
        database.dispose()


def grid(database: Database, raw: sqlite3.Connection, group_id: int) -> list[tuple[str, str]]:
    now = local_now()
    with database.session() as session:
        shown = attendance_grid(session, group_id, now)
        ours = _times(lambda: attendance_grid(session, group_id, now), RUNS)
    assert len(shown.participants) == PEOPLE and len(shown.sessions) == SESSIONS
    assert len(shown.marks) == PEOPLE * SESSIONS

    def plain() -> None:
        for sql in (RAW_SESSIONS, RAW_PEOPLE, RAW_MARKS):
            raw.execute(sql, (group_id,)).fetchall()

    bare = _times(plain, RUNS)
    return [
        _row(
            f"(a) open the attendance grid: attendance_grid(), {PEOPLE} people x "
            f"{SESSIONS} sessions, {len(shown.marks)} marks",
            ours,
            bare,
        )
    ]


def saving(database: Database, raw: sqlite3.Connection, group_id: int) -> list[tuple[str, str]]:
    now = local_now()
    meeting = database.read(
        lambda s: s.scalars(
            select(GroupSession)
            .where(GroupSession.group_id == group_id)
            .order_by(GroupSession.starts_at.desc())
        ).first()
    )
    people = database.read(
        lambda s: list(
            s.scalars(
                select(Enrolment.id).where(Enrolment.group_id == group_id).order_by(Enrolment.id)
            )
        )
    )
    flip = [0]

    def attempt() -> object:
        flip[0] += 1
        marks = {e: ("present" if (e + flip[0]) % 2 else "absent") for e in people}
        with database.session(write=True) as session:
            try:
                return save_attendance(session, meeting.id, meeting.version, marks, now)
            finally:
                session.rollback()

    assert attempt().held  # type: ignore[attr-defined]
    ours = _times(attempt, RUNS)

    def plain() -> None:
        flip[0] += 1
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "SELECT * FROM group_session WHERE id = ? AND version = ?",
            (meeting.id, meeting.version),
        ).fetchall()
        marks = ",".join("?" * len(people))
        raw.execute(
            f"SELECT * FROM enrolment WHERE group_id = ? AND id IN ({marks})", (group_id, *people)
        ).fetchall()
        raw.execute(
            f"SELECT * FROM attendance WHERE session_id = ? AND enrolment_id IN ({marks})",
            (meeting.id, *people),
        ).fetchall()
        raw.executemany(
            RAW_UPDATE,
            [("present" if (e + flip[0]) % 2 else "absent", meeting.id, e) for e in people],
        )
        raw.execute(
            "UPDATE group_session SET version = version + 1, updated_at = ? WHERE id = ?",
            (stamp(now), meeting.id),
        )
        raw.execute("ROLLBACK")

    bare = _times(plain, RUNS)
    return [
        _row(
            f"(b) save a session's attendance: save_attendance(), {PEOPLE} marks changed "
            "(rolled back)",
            ours,
            bare,
        )
    ]


def measure(path: Path, group_id: int) -> list[tuple[str, str]]:
    database = open_signed(str(path))
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        return grid(database, raw, group_id) + saving(database, raw, group_id)
    finally:
        raw.close()
        database.dispose()


def run(folder: Path) -> list[tuple[str, str]]:
    """On the front desk benchmark's database (built by ``bench_frontdesk.run`` before)."""
    path = folder / f"search{FAMILIES}.sqlite3"
    group_id, rows = prepare(path)
    return rows + measure(path, group_id)


if __name__ == "__main__":
    run_on_large_database(run)

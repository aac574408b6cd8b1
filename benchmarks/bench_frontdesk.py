"""The front desk and the appointments on the large database: 50,000 families (the
search benchmark's), 500,000 walk-in contacts with their requests, 200,000 appointments.

Contacts and appointments come from the demo generator (familydesk.demo.activity):
the booking rules hold (no double booking, opening hours, holidays, absences), and
the busiest professionals have full weeks. The consortium is thirteen times the demo's
(78 places, 130 professionals, 39 interpreters) with three years of appointments.

Each measure is the median / p99 of RUNS runs through FamilyDesk's services and,
in the same run, the plain SQL that reads the same rows through the ``sqlite3``
module: the difference is FamilyDesk's own cost.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import open_signed  # noqa: E402
from benchmarks.bench_search import FAMILIES, _times  # noqa: E402
from benchmarks.bench_search import build as build_families  # noqa: E402
from familydesk.appointments.booking import AppointmentInput, BookingConflict, book  # noqa: E402
from familydesk.appointments.queries import appointments_between, week_of  # noqa: E402
from familydesk.appointments.slots import SlotQuery, find_free_slots  # noqa: E402
from familydesk.db.database import Database  # noqa: E402
from familydesk.db.models.appointments import Appointment  # noqa: E402
from familydesk.db.models.registry import Family  # noqa: E402
from familydesk.demo.activity import ActivitySize, fill_activity  # noqa: E402
from familydesk.frontdesk import open_follow_ups, today_queue  # noqa: E402
from familydesk.scheduling.calendar_rules import local_now  # noqa: E402

CONTACTS = 500_000
APPOINTMENTS = 200_000
SIZE = ActivitySize(
    contacts=CONTACTS, appointments=APPOINTMENTS, queue=CONTACTS // 470, teams=13, days_back=3 * 365
)
RUNS = 30
OWNER = "reception"

RAW_QUEUE = """
SELECT c.id, c.arrived_at, c.status, c.channel, c.served_at, c.served_by, c.done_at, c.version,
       p.last_name, p.first_name, f.name, n.key
FROM contact c LEFT JOIN person p ON p.id = c.person_id LEFT JOIN family f ON f.id = c.family_id
LEFT JOIN contact_request r ON r.contact_id = c.id LEFT JOIN need n ON n.id = r.need_id
WHERE c.contact_date = ?"""
RAW_FOLLOW_UPS = """
SELECT r.id, r.contact_id, c.family_id, n.key, r.follow_up_on, r.follow_up_owner, r.version,
       r.note, p.last_name, p.first_name, f.name
FROM contact_request r JOIN contact c ON c.id = r.contact_id JOIN need n ON n.id = r.need_id
LEFT JOIN person p ON p.id = c.person_id LEFT JOIN family f ON f.id = c.family_id
WHERE r.follow_up_on IS NOT NULL AND r.follow_up_done_on IS NULL AND r.follow_up_owner = ?
ORDER BY r.follow_up_on, r.id"""
RAW_WEEK = """
SELECT a.*, f.name, f.phone, p.first_name, p.last_name, p.phone
FROM appointment a LEFT JOIN family f ON f.id = a.family_id LEFT JOIN person p ON p.id = a.person_id
WHERE a.starts_at >= ? AND a.starts_at < ? AND (a.staff_id = ? OR a.interpreter_id = ?)
ORDER BY a.starts_at, a.id"""
RAW_CONFLICTS = """
SELECT * FROM appointment WHERE starts_at < ? AND starts_at > ? AND ends_at > ?
AND status IN ('booked', 'confirmed', 'done', 'no_show')
AND (staff_id = ? OR interpreter_id = ? OR room_id = ? OR family_id = ?) ORDER BY starts_at"""
RAW_INSERT = """
INSERT INTO appointment (site_id, uid, created_at, updated_at, version, service_id, staff_id,
place_id, room_id, family_id, starts_at, ends_at, status, cancel_reason, note, booked_by)
VALUES (1, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 'booked', '', '', 'benchmark')"""


def stamp(value: datetime) -> str:
    """A datetime as SQLAlchemy stores it in SQLite."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def build(folder: Path) -> tuple[Path, list[tuple[str, str]]]:
    path = folder / f"search{FAMILIES}.sqlite3"
    if not path.exists():
        build_families(folder)
    database = open_signed(str(path))
    try:
        start = time.perf_counter()
        summary = database.write(fill_activity, SIZE, seed=1)
        seconds = time.perf_counter() - start
    finally:
        database.dispose()
    return path, [
        (
            f"Add {summary.contacts:,} contacts ({summary.requests:,} requests) and "
            f"{summary.appointments:,} appointments ({summary.series:,} series) to "
            f"{FAMILIES:,} families",
            f"{seconds:.0f} s",
        )
    ]


def _row(label: str, ours: tuple[float, float], raw: tuple[float, float]) -> tuple[str, str]:
    return (
        f"{label}: median / p99 — plain SQL",
        f"{ours[0]:.1f} / {ours[1]:.1f} ms — {raw[0]:.1f} / {raw[1]:.1f} ms",
    )


def _busiest_week(session: Session) -> tuple[int, datetime, datetime, int]:
    """The professional with most appointments, and their fullest week (Monday, next Monday)."""
    staff_id = session.scalar(
        select(Appointment.staff_id)
        .where(Appointment.status != "cancelled")
        .group_by(Appointment.staff_id)
        .order_by(func.count().desc())
        .limit(1)
    )
    weeks: dict[datetime, int] = {}
    for starts in session.scalars(
        select(Appointment.starts_at).where(
            Appointment.staff_id == staff_id, Appointment.status != "cancelled"
        )
    ):
        monday = week_of(starts.date())[0]
        weeks[monday] = weeks.get(monday, 0) + 1
    monday = max(weeks, key=lambda w: weeks[w])
    return staff_id, monday, monday + timedelta(days=7), weeks[monday]


def front_desk(database: Database, raw: sqlite3.Connection) -> list[tuple[str, str]]:
    today = local_now().date()
    with database.session() as session:
        queue = len(today_queue(session, today))
        mine = len(open_follow_ups(session, OWNER, today))
        ours_q = _times(lambda: today_queue(session, today), RUNS)
        ours_f = _times(lambda: open_follow_ups(session, OWNER, today), RUNS)
        ours_both = _times(
            lambda: (today_queue(session, today), open_follow_ups(session, OWNER, today)), RUNS
        )
    day, args = today.isoformat(), (OWNER,)
    raw_q = _times(lambda: raw.execute(RAW_QUEUE, (day,)).fetchall(), RUNS)
    raw_f = _times(lambda: raw.execute(RAW_FOLLOW_UPS, args).fetchall(), RUNS)
    raw_both = _times(
        lambda: (
            raw.execute(RAW_QUEUE, (day,)).fetchall(),
            raw.execute(RAW_FOLLOW_UPS, args).fetchall(),
        ),
        RUNS,
    )
    return [
        _row(f"(a) front desk page: today_queue(), {queue:,} visitors", ours_q, raw_q),
        _row(f"(a) front desk page: open_follow_ups('{OWNER}'), {mine:,} shown", ours_f, raw_f),
        _row("(a) front desk page: both", ours_both, raw_both),
    ]


def week_view(database: Database, raw: sqlite3.Connection) -> list[tuple[str, str]]:
    staff_id, monday, sunday, count = database.read(_busiest_week)
    with database.session() as session:
        shown = len(appointments_between(session, monday, sunday, staff_id=staff_id))
        ours = _times(
            lambda: appointments_between(session, monday, sunday, staff_id=staff_id), RUNS
        )
    args = (stamp(monday), stamp(sunday), staff_id, staff_id)
    assert len(raw.execute(RAW_WEEK, args).fetchall()) == shown
    bare = _times(lambda: raw.execute(RAW_WEEK, args).fetchall(), RUNS)
    return [
        _row(
            f"(b) week view of the busiest professional ({shown} appointments, {count} held)",
            ours,
            bare,
        )
    ]


def _free_slot(session: Session) -> AppointmentInput:
    """A free slot of the busiest professional next week, for a family with no appointment."""
    staff_id = _busiest_week(session)[0]
    family_id = session.scalar(
        select(Family.id)
        .where(
            Family.id.not_in(
                select(Appointment.family_id).where(Appointment.family_id.is_not(None))
            )
        )
        .limit(1)
    )
    slot = find_free_slots(
        session, SlotQuery(minutes=45, staff_id=staff_id, after=local_now(), days=60, limit=1)
    )[0]
    service = session.scalar(
        select(Appointment.service_id).where(Appointment.staff_id == staff_id).limit(1)
    )
    return AppointmentInput(
        service_id=service,
        staff_id=staff_id,
        place_id=slot.place_id,  # type: ignore[arg-type]
        starts_at=slot.starts_at,
        room_id=slot.room_id,
        family_id=family_id,
    )


def booking(database: Database, raw: sqlite3.Connection) -> list[tuple[str, str]]:
    data = database.read(_free_slot)
    taken = database.read(
        lambda s: s.scalar(
            select(Appointment)
            .where(
                Appointment.staff_id == data.staff_id,
                Appointment.status == "booked",
                Appointment.starts_at > local_now(),
            )
            .limit(1)
        )
    )

    def attempt(wanted: AppointmentInput) -> object:
        with database.session(write=True) as session:
            try:
                return book(session, wanted)
            except BookingConflict as conflict:
                return conflict
            finally:
                session.rollback()

    assert not isinstance(attempt(data), BookingConflict)
    clash = AppointmentInput(
        service_id=taken.service_id,
        staff_id=taken.staff_id,
        place_id=taken.place_id,
        starts_at=taken.starts_at,
        room_id=taken.room_id,
        family_id=data.family_id,
    )
    refused = attempt(clash)
    assert isinstance(refused, BookingConflict)
    ours = _times(lambda: attempt(data), RUNS)
    ours_refused = _times(lambda: attempt(clash), RUNS)
    start, end = data.starts_at, data.starts_at + timedelta(minutes=45)
    args = (
        stamp(end),
        stamp(start - timedelta(minutes=480)),
        stamp(start),
        data.staff_id,
        data.staff_id,
        data.room_id,
        data.family_id,
    )
    values = (
        "0" * 32,
        stamp(local_now()),
        stamp(local_now()),
        data.service_id,
        data.staff_id,
        data.place_id,
        data.room_id,
        data.family_id,
        stamp(start),
        stamp(end),
    )

    def plain() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(RAW_CONFLICTS, args).fetchall()
        raw.execute(RAW_INSERT, values)
        raw.execute("ROLLBACK")

    bare = _times(plain, RUNS)
    return [
        _row(
            "(c) book a free slot: checks, locks, conflict query, insert (rolled back)", ours, bare
        ),
        (
            f"(c) book a taken slot: refused with {len(refused.alternatives)} free alternatives",
            f"{ours_refused[0]:.1f} / {ours_refused[1]:.1f} ms",
        ),
    ]


def measure(path: Path) -> list[tuple[str, str]]:
    database = open_signed(str(path))
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        return front_desk(database, raw) + week_view(database, raw) + booking(database, raw)
    finally:
        raw.close()
        database.dispose()


def run(folder: Path) -> list[tuple[str, str]]:
    path, rows = build(folder)
    return rows + measure(path)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/bench")
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / "frontdesk.done"
    if not done.exists():  # build once, then measure again and again
        path, built = build(folder)
        done.write_text("\n".join(f"| {a} | {b} |" for a, b in built) + "\n", encoding="utf-8")
    print(done.read_text(encoding="utf-8"), end="")
    for label, figure in measure(folder / f"search{FAMILIES}.sqlite3"):
        print(f"| {label} | {figure} |")

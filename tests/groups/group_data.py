"""Test data for groups: the appointments' small calendar (tests.appointments.calendar_data),
an educator, families with parents and children of known ages, and a group.

``START`` is a Tuesday that is a working day a few weeks ahead: the group's first session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from familydesk.db.database import Database
from familydesk.db.models.groups import Group, GroupSession
from familydesk.db.models.registry import Family, Operator, Person
from familydesk.groups.editing import GroupInput, create_group
from familydesk.groups.planning import Pattern
from tests.appointments.calendar_data import Calendar, build, working_day

START: date = working_day()
#: Ten days before the start: when the tests sign people up.
SIGN_UP: date = START - timedelta(days=10)
#: Ten weeks after the start: every session of the tests' short groups has been held.
LATER: datetime = datetime.combine(START + timedelta(weeks=10), time())


@dataclass(frozen=True)
class GroupWorld:
    cal: Calendar
    educator: int
    other_educator: int
    #: family id -> (parent id, child id); the child is 14 months old on START.
    families: tuple[tuple[int, int, int], ...]


def years_before(day: date, years: int, months: int = 0) -> date:
    month = day.month - months
    year = day.year - years
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, min(day.day, 28))


def _family(session: Session, n: int, child_birth: date) -> tuple[int, int, int]:
    family = Family(name=f"Famiglia {n}", phone=f"0376 {n:06d}")
    session.add(family)
    session.flush()
    parent = Person(
        family_id=family.id,
        first_name=f"Madre{n}",
        last_name=f"Cognome{n}",
        sex="F",
        relation="parent",
        birth_date=years_before(START, 32),
    )
    child = Person(
        family_id=family.id,
        first_name=f"Bimbo{n}",
        last_name=f"Cognome{n}",
        sex="M",
        relation="child",
        birth_date=child_birth,
    )
    session.add_all([parent, child])
    session.flush()
    return family.id, parent.id, child.id


def _world(session: Session, cal: Calendar, count: int) -> GroupWorld:
    educators = [
        Operator(
            username="educatrice", full_name="Elena Educatrice", role="educator", password_hash="-"
        ),
        Operator(
            username="educatore", full_name="Luca Educatore", role="educator", password_hash="-"
        ),
    ]
    session.add_all(educators)
    session.flush()
    families = tuple(_family(session, n, years_before(START, 1, 2)) for n in range(1, count + 1))
    return GroupWorld(cal, educators[0].id, educators[1].id, families)


def build_world(database: Database, families: int = 12) -> GroupWorld:
    cal = build(database)
    return database.write(_world, cal, families)


def group_input(world: GroupWorld, **changes: object) -> GroupInput:
    """'Genitori imperfetti cercasi' in the first room, 0-3 years, 10 places per person."""
    data = GroupInput(
        title="Genitori imperfetti cercasi",
        kind="course",
        place_id=world.cal.place,
        room_id=world.cal.rooms[0],
        target="both",
        age_from=0,
        age_to=3,
        age_unit="years",
        capacity=10,
        educator_ids=(world.educator,),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def tuesdays(count: int = 16, first_day: date = START, **changes: object) -> Pattern:
    """Every Tuesday 17:00-19:00 (outside the desk's hours: groups keep their own)."""
    pattern = Pattern(
        weekday=first_day.weekday(),
        starts=time(17),
        ends=time(19),
        first_day=first_day,
        count=count,
    )
    return replace(pattern, **changes)  # type: ignore[arg-type]


def new_group(database: Database, world: GroupWorld, **changes: object) -> int:
    return database.write(create_group, group_input(world, **changes)).id


def _sessions(session: Session, group_id: int, starts: list[datetime], hours: int) -> list[int]:
    group = session.get(Group, group_id)
    rows = [
        GroupSession(
            group_id=group_id,
            place_id=group.place_id,
            room_id=group.room_id,
            starts_at=s,
            ends_at=s + timedelta(hours=hours),
        )
        for s in starts
    ]
    session.add_all(rows)
    session.flush()
    return [r.id for r in rows]


def add_sessions(
    database: Database, group_id: int, starts: list[datetime], hours: int = 2
) -> list[int]:
    """Sessions written directly (no calendar checks): for sign-up and attendance tests."""
    return database.write(_sessions, group_id, starts, hours)


def weekly(first: date, count: int, hour: int = 17) -> list[datetime]:
    return [datetime.combine(first + timedelta(weeks=n), time(hour)) for n in range(count)]


def family_members(world: GroupWorld, n: int) -> tuple[int, int]:
    """(parent id, child id) of the ``n``-th test family (0-based)."""
    return world.families[n][1], world.families[n][2]

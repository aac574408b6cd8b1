"""Sign-ups and attendance of the demo's groups, simulated in time order.

Families sign up in the window before the first session (mutual-aid groups
while they meet): within the places they are enrolled, beyond them they wait
in sign-up order. Some withdraw; a freed place goes to the first waiting, who
stays "to inform" until someone calls (the recent ones still do). Groups that
never had a waiting list take a few walk-ins at a session while places last.
Attendance is marked on the sessions held for the people enrolled that day:
most come to most meetings, some drift away, a few are excused.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import Family, Person
from familydesk.demo.appointments import utc
from familydesk.demo.group_names import WITHDRAW_REASONS, GroupSpec
from familydesk.groups.eligibility import months_between
from familydesk.kernel import clock


@dataclass
class Household:
    id: int
    comune: str
    mother: int | None = None
    father: int | None = None
    foreign: bool = False
    children: list[tuple[int, date]] = field(default_factory=list)


@dataclass
class Unit:
    """Who signs up together: one person, or a parent with the children (per family)."""

    family_id: int
    people: tuple[int, ...]
    #: When they signed up (aware UTC): the waiting list's order.
    at: datetime
    #: "new" until their sign-up is simulated, then enrolled, waiting or withdrawn.
    status: str = "new"
    enrolled_on: date | None = None
    withdrawn_on: date | None = None
    reason: str = ""
    to_inform: bool = False
    informed_on: date | None = None
    walk_in: bool = False
    ever_waited: bool = False
    #: How likely they come to a session.
    attends: float = 0.85

    def active(self, day: date) -> bool:
        """Enrolled on ``day`` (and not withdrawn by then)."""
        return (
            self.enrolled_on is not None
            and self.enrolled_on <= day
            and (self.withdrawn_on is None or self.withdrawn_on > day)
        )


#: Households considered for sign-ups at most (a large demo samples them: loading all
#: 50,000 families of the benchmarks would cost seconds for a few hundred sign-ups).
HOUSEHOLDS = 3_000


def load_households(session: Session) -> dict[str, list[Household]]:
    """Families with their parents and children, by codice catastale of their comune."""
    homes: dict[int, Household] = {}
    step = -(-(session.scalar(select(func.count(Family.id))) or 0) // HOUSEHOLDS) or 1
    for person_id, family_id, relation, sex, born, citizenship, comune in session.execute(
        select(
            Person.id,
            Person.family_id,
            Person.relation,
            Person.sex,
            Person.birth_date,
            Person.citizenship,
            Family.comune_code,
        )
        .join(Family, Family.id == Person.family_id)
        .where(
            Family.anonymised_on.is_(None), Person.anonymised_on.is_(None), Family.id % step == 0
        )
        .order_by(Person.family_id, Person.id)
    ):
        home = homes.get(family_id) or homes.setdefault(
            family_id, Household(family_id, comune or "")
        )
        if relation == "parent" and sex == "F" and home.mother is None:
            home.mother, home.foreign = person_id, (citizenship or "") not in ("", "italiana")
        elif relation == "parent" and sex == "M" and home.father is None:
            home.father = person_id
        elif relation in ("child", "foster") and born is not None:
            home.children.append((person_id, born))
    by_comune: dict[str, list[Household]] = {}
    for home in homes.values():
        by_comune.setdefault(home.comune, []).append(home)
    return by_comune


def age_on(born: date, day: date, unit: str) -> int:
    """Completed months or years on ``day``, as the sign-up service counts them."""
    months = months_between(born, day)
    return months if unit == "months" else months // 12


def who_signs_up(
    rng: random.Random, spec: GroupSpec, home: Household, start: date
) -> tuple[int, ...] | None:
    """The people of ``home`` who would sign up to ``spec`` starting on ``start`` (None: nobody)."""
    children = [
        pid
        for pid, born in home.children
        if spec.ages is None or spec.ages[0] <= age_on(born, start, spec.ages[2]) <= spec.ages[1]
    ]
    if spec.ages is not None and not children:
        return None
    if spec.target == "children":
        return (rng.choice(children),)
    if spec.who == "fathers":
        parent = home.father
    elif spec.who == "foreign_mothers":
        parent = home.mother if home.foreign else None
    else:
        parent = home.mother if home.mother and rng.random() < 0.8 else home.father or home.mother
    if parent is None:
        return None
    return (parent,) if spec.target == "parents" else (parent, *children)


def candidates(
    rng: random.Random, spec: GroupSpec, homes: dict[str, list[Household]], start: date
) -> Iterator[tuple[Household, tuple[int, ...]]]:
    """Eligible households in random order, most from the group's comune."""
    local = [] if spec.comune == "*" else list(homes.get(spec.comune, ()))
    others = [
        h for code, hs in homes.items() if code != spec.comune or spec.comune == "*" for h in hs
    ]
    pools = [p for p in (local, others) if p]
    while pools:
        pool = pools[0] if len(pools) == 1 or rng.random() < 0.8 else pools[1]
        index = rng.randrange(len(pool))
        pool[index], pool[-1] = pool[-1], pool[index]
        home = pool.pop()
        if not pool:
            pools.remove(pool)
        people = who_signs_up(rng, spec, home, start)
        if people:
            yield home, people


def _size(spec: GroupSpec, unit: Unit) -> int:
    return 1 if spec.capacity_per == "family" else len(unit.people)


def _inform(rng: random.Random, unit: Unit, day: date, today: date) -> None:
    unit.status, unit.enrolled_on, unit.ever_waited = "enrolled", day, True
    if day == today or ((today - day).days <= 10 and rng.random() < 0.7):
        unit.to_inform = True
    else:
        unit.informed_on = min(today, day + timedelta(days=rng.randint(0, 3)))


def sign_ups(
    rng: random.Random,
    spec: GroupSpec,
    pool: Iterator[tuple[Household, tuple[int, ...]]],
    window: tuple[date, date],
    last_day: date,
    now: datetime,
    call_today: bool = False,
) -> list[Unit]:
    """Sign-ups from ``pool`` in the window (first and last day), then withdrawals and
    promotions, in time order up to ``now`` (aware UTC); ``call_today``: someone
    withdraws today, so a full group has a promoted person still to inform."""
    today = now.astimezone(clock.ROME).date()
    opens, closes = window
    until = min(closes, today)
    if until < opens:
        return []
    share = min(1.0, ((until - opens).days + 1) / ((closes - opens).days + 1))
    wanted = round(spec.capacity * spec.popularity * share * rng.uniform(0.85, 1.1))
    events: list[tuple[datetime, int, str, Unit]] = []
    units: list[Unit] = []
    for home, people in pool:
        if len(units) >= wanted:
            break
        day = opens + timedelta(days=rng.randint(0, (until - opens).days))
        at = min(utc(day, rng.randrange(540, 1140)), now - timedelta(minutes=5))
        units.append(Unit(home.id, people, at, attends=rng.choice((0.95, 0.92, 0.9, 0.85, 0.55))))
    for n, unit in enumerate(units):
        heapq.heappush(events, (unit.at, n, "sign_up", unit))
    seq = len(units)
    horizon = min(today, last_day)
    used = 0
    if call_today and units:
        heapq.heappush(events, (now - timedelta(minutes=1), 10**9, "call", units[0]))
    while events:
        at, _n, kind, unit = heapq.heappop(events)
        if kind == "call":
            enrolled = [u for u in units if u.status == "enrolled"]
            if not enrolled or not any(u.status == "waiting" for u in units):
                continue
            unit = rng.choice(enrolled)
        day = at.astimezone(clock.ROME).date()
        if kind == "sign_up":
            if used + _size(spec, unit) <= spec.capacity:
                unit.status, unit.enrolled_on = "enrolled", day
                used += _size(spec, unit)
            else:
                unit.status, unit.ever_waited = "waiting", True
            if horizon > day and rng.random() < (0.15 if unit.status == "enrolled" else 0.12):
                leave = day + timedelta(days=rng.randint(1, (horizon - day).days))
                when = min(utc(leave, rng.randrange(540, 1140)), now - timedelta(minutes=1))
                seq += 1
                heapq.heappush(events, (when, seq, "withdraw", unit))
            continue
        was = unit.status
        if was == "withdrawn":
            continue
        unit.status, unit.withdrawn_on = "withdrawn", day
        unit.reason, unit.attends = rng.choice(WITHDRAW_REASONS), unit.attends * 0.6
        if was != "enrolled":
            continue
        used -= _size(spec, unit)
        waiting = sorted((u for u in units if u.status == "waiting"), key=lambda u: u.at)
        for first in waiting:
            if used + _size(spec, first) > spec.capacity:
                break
            _inform(rng, first, day, today)
            used += _size(spec, first)
    return units


def walk_ins(
    rng: random.Random,
    spec: GroupSpec,
    units: list[Unit],
    pool: Iterator[tuple[Household, tuple[int, ...]]],
    held: list[datetime],
) -> dict[int, int]:
    """Walk-ins at the sessions held (start times), while places last, in groups that never
    had a waiting list; returns ``{unit index: session index}`` of the session they came to."""
    came: dict[int, int] = {}
    if any(u.ever_waited for u in units):
        return came
    for index, starts in enumerate(held):
        if rng.random() >= 0.2:
            continue
        day = starts.date()
        later = {u.enrolled_on for u in units if u.enrolled_on and u.enrolled_on > day}
        if any(
            sum(_size(spec, u) for u in units if u.active(d)) >= spec.capacity
            for d in (day, *later)
        ):
            continue
        home, people = next(pool, (None, ()))
        if home is None:
            break
        at = starts.replace(tzinfo=clock.ROME).astimezone(UTC)
        units.append(
            Unit(
                home.id,
                people,
                at,
                "enrolled",
                day,
                walk_in=True,
                attends=rng.choice((0.9, 0.6, 0.3)),
            )
        )
        came[len(units) - 1] = index
    return came


def marks(
    rng: random.Random, units: list[Unit], held: list[datetime], came: dict[int, int]
) -> Iterator[tuple[int, int, str]]:
    """``(unit index, session index, mark)`` for everyone enrolled on each session's day."""
    for index, starts in enumerate(held):
        day = starts.date()
        for n, unit in enumerate(units):
            if not unit.active(day):
                continue
            roll = rng.random()
            if came.get(n) == index or roll < unit.attends:
                yield n, index, "present"
            else:
                yield n, index, "excused" if rng.random() < 0.4 else "absent"

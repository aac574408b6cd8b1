"""Demo appointment resources: a place per member comune with rooms and opening hours,
patron saints' days, closures, professionals and interpreters with their absences.

``write_resources`` writes them with Core inserts and returns a :class:`DemoCalendar`,
the same rules in memory (familydesk.scheduling.calendar_rules reads them back
from the database), so the planners ask it thousands of questions without a query.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.appointments import (
    Absence,
    Closure,
    OpeningHours,
    Place,
    Room,
    Service,
    Staff,
)
from familydesk.db.models.registry import MemberComune, Operator
from familydesk.demo import desk_names as data
from familydesk.demo.rows import RowWriter
from familydesk.scheduling.calendar_rules import national_holidays

RESOURCE_TABLES = ("place", "room", "opening_hours", "closure", "staff", "absence")


def minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


@dataclass
class DemoPlace:
    id: int
    comune: str
    patron: str
    rooms: tuple[int, ...]
    #: Opening intervals in minutes from midnight, by weekday (0 = Monday).
    hours: dict[int, list[tuple[int, int]]]


@dataclass
class DemoStaff:
    id: int
    name: str
    #: The service a professional holds ("" for interpreters).
    service: str
    #: Where a professional is on each weekday (place id); interpreters: weekday -> 0.
    days: dict[int, int]
    load: float = 1.0
    languages: frozenset[str] = frozenset()
    #: Which copy of the consortium (benchmarks have several): families are served by one.
    team: int = 0
    away: list[tuple[date, date]] = field(default_factory=list)

    def present(self, day: date) -> bool:
        return day.weekday() in self.days and not any(a <= day <= b for a, b in self.away)


@dataclass
class DemoCalendar:
    places: dict[int, DemoPlace]
    professionals: list[DemoStaff]
    interpreters: list[DemoStaff]
    #: Service key -> (id, minutes).
    services: dict[str, tuple[int, int]]
    closures: set[tuple[int | None, date]]
    _cache: dict[tuple[int, date], list[tuple[int, int]]] = field(default_factory=dict)

    def open_intervals(self, place_id: int, day: date) -> list[tuple[int, int]]:
        """The place's opening intervals on ``day`` in minutes (empty when it is closed)."""
        key = (place_id, day)
        if key not in self._cache:
            place = self.places[place_id]
            closed = (
                day in national_holidays(day.year)
                or day.strftime("%m-%d") == place.patron
                or (None, day) in self.closures
                or key in self.closures
            )
            self._cache[key] = [] if closed else place.hours.get(day.weekday(), [])
        return self._cache[key]

    def desk_open(self, day: date) -> bool:
        """At least one place opens on ``day``."""
        return any(self.open_intervals(p, day) for p in self.places)


def _writer(session: Session, rng: random.Random, stamp: datetime) -> RowWriter:
    """Rows of the resource tables, with their ids."""
    return RowWriter(session, rng, (Place, Room, OpeningHours, Closure, Staff, Absence), stamp)


def _place(writer: RowWriter, comune_id: int, code: str, team: int) -> DemoPlace:
    name, address, rooms, morning, afternoons, afternoon = data.PLACES[code]
    suffix = f" - sede {team + 1}" if team else ""
    place_id = writer.add(
        Place, name=name + suffix, comune_id=comune_id, address=address, active=True
    )
    room_ids = tuple(writer.add(Room, place_id=place_id, name=r, active=True) for r in rooms)
    hours: dict[int, list[tuple[int, int]]] = {}
    for weekday in range(5):
        spans = [morning] + ([afternoon] if weekday in afternoons else [])
        for opens, closes in spans:
            writer.add(
                OpeningHours,
                place_id=place_id,
                weekday=weekday,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
            )
        hours[weekday] = [(minutes(a), minutes(b)) for a, b in spans]
    return DemoPlace(place_id, code, data.PATRONS.get(code, ("", ""))[0], room_ids, hours)


def _absences(writer: RowWriter, staff: DemoStaff, years: range, interpreter: bool) -> None:
    """Summer holidays, a week at Christmas for some, a few sick days, a training day."""
    rng = writer.rng
    for year in years:
        start = date(year, 8, 1) + timedelta(days=rng.randint(-10, 10))
        start -= timedelta(days=start.weekday())
        spans = [
            (
                start,
                start + timedelta(days=rng.choice((13, 18, 20)) if not interpreter else 13),
                "Ferie estive",
            )
        ]
        if rng.random() < 0.5:
            spans.append((date(year, 12, 27), date(year, 12, 31), "Ferie natalizie"))
        for _sick in range(rng.randint(1, 3)):
            first = date(year, 1, 7) + timedelta(days=rng.randint(0, 330))
            spans.append((first, first + timedelta(days=rng.randint(0, 3)), "Malattia"))
        day = date(year, rng.choice((3, 5, 10, 11)), rng.randint(1, 28))
        spans.append((day, day, "Formazione"))
        for first, last, reason in spans:
            writer.add(Absence, staff_id=staff.id, first_day=first, last_day=last, reason=reason)
            staff.away.append((first, last))


def write_resources(
    session: Session,
    rng: random.Random,
    first_day: date,
    last_day: date,
    today: date,
    teams: int = 1,
) -> DemoCalendar:
    """Write the demo resources for ``first_day``-``last_day``; ``teams`` copies of every
    place and person make a larger consortium (benchmarks)."""
    stamp = datetime.combine(first_day - timedelta(days=30), time(9), tzinfo=UTC)
    writer = _writer(session, rng, stamp)
    comuni = dict(session.execute(select(MemberComune.cadastral_code, MemberComune.id)).all())
    services = {
        key: (sid, mins)
        for key, sid, mins in session.execute(
            select(Service.key, Service.id, Service.duration_minutes).where(
                Service.active.is_(True)
            )
        )
    }
    operator = session.scalar(select(Operator.id).where(Operator.username == "professional"))
    years = range(first_day.year, last_day.year + 1)
    places: dict[int, DemoPlace] = {}
    professionals: list[DemoStaff] = []
    interpreters: list[DemoStaff] = []
    for team in range(teams):
        by_code = {
            code: _place(writer, comuni[code], code, team) for code in data.PLACES if code in comuni
        }
        places.update((p.id, p) for p in by_code.values())
        suffix = f" ({team + 1})" if team else ""
        for name, profession, service, days, load in data.PROFESSIONALS:
            where = {d: by_code[c].id for d, c in days.items() if c in by_code}
            if service not in services or not where:
                continue
            linked = operator if name == data.OPERATOR_PROFESSIONAL and not team else None
            staff_id = writer.add(
                Staff,
                name=name + suffix,
                kind="professional",
                profession=profession,
                languages="",
                phone=_phone(rng),
                operator_id=linked,
                active=True,
            )
            professionals.append(DemoStaff(staff_id, name, service, where, load, team=team))
            _absences(writer, professionals[-1], years, interpreter=False)
        for name, languages, weekdays in data.INTERPRETERS:
            staff_id = writer.add(
                Staff,
                name=name + suffix,
                kind="interpreter",
                profession="",
                languages=languages,
                phone=_phone(rng),
                operator_id=None,
                active=True,
            )
            spoken = frozenset(x.strip() for x in languages.split(","))
            interpreters.append(
                DemoStaff(
                    staff_id, name, "", dict.fromkeys(weekdays, 0), languages=spoken, team=team
                )
            )
            _absences(writer, interpreters[-1], years, interpreter=True)
    closures = _closures(writer, places, years, today)
    writer.write()
    return DemoCalendar(places, professionals, interpreters, services, closures)


def _closures(
    writer: RowWriter, places: dict[int, DemoPlace], years: range, today: date
) -> set[tuple[int | None, date]]:
    closures: set[tuple[int | None, date]] = set()
    for year in years:
        for mmdd, reason in data.CLOSURES:
            day = date.fromisoformat(f"{year}-{mmdd}")
            writer.add(Closure, place_id=None, day=day, reason=reason)
            closures.add((None, day))
    for code, before, days, reason in data.PLACE_CLOSURES:
        for place in (p for p in places.values() if p.comune == code):
            start = today - timedelta(days=before)
            start += timedelta(days=max(0, 7 - start.weekday()) if start.weekday() > 4 else 0)
            for n in range(days):
                day = start + timedelta(days=n)
                writer.add(Closure, place_id=place.id, day=day, reason=reason)
                closures.add((place.id, day))
    return closures


def _phone(rng: random.Random) -> str:
    return f"0376 {rng.randint(500_000, 599_999)}"

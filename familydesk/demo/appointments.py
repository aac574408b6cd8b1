"""Demo appointments: series of counselling, single appointments, their statuses.

Planned in memory (:class:`Planner`), written with Core inserts. Past
appointments are mostly done, with about 8% no-shows and 7% cancelled (with a
reason); future ones are booked or confirmed. Families who speak no Italian
get an interpreter who speaks their language.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from familydesk.db.models.appointments import Appointment, AppointmentSeries
from familydesk.demo import desk_names as data
from familydesk.demo.planner import Booking, FamilyInfo, Planner
from familydesk.demo.resources import DemoStaff
from familydesk.demo.rows import insert_rows, next_id, record
from familydesk.kernel import clock

_BATCH = 5_000
#: Who books (demo operators) and how often.
BOOKERS = {"reception": 70, "professional": 20, "coordinator": 10}


def utc(day: date, minute: int) -> datetime:
    """A local wall-clock time as an aware UTC datetime (for audit-style columns)."""
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=clock.ROME)
    return local.astimezone(UTC)


def local(day: date, minute: int) -> datetime:
    return datetime.combine(day, time(minute // 60, minute % 60))


class Families:
    """The families to book, with those of each comune (most go to their own)."""

    def __init__(self, families: Sequence[FamilyInfo], rng: random.Random) -> None:
        self.all, self.rng = list(families), rng
        self.by_comune: dict[tuple[int, str], list[FamilyInfo]] = {}
        self.by_team: dict[int, list[FamilyInfo]] = {}
        for family in self.all:
            self.by_comune.setdefault((family.team, family.comune), []).append(family)
            self.by_team.setdefault(family.team, []).append(family)

    def pick(self, comune: str, team: int = 0) -> FamilyInfo:
        local_ones = self.by_comune.get((team, comune))
        if local_ones and self.rng.random() < 0.8:
            return self.rng.choice(local_ones)
        return self.rng.choice(self.by_team.get(team) or self.all)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def plan_series(
    planner: Planner, families: Families, first: date, last: date, appointments: int
) -> int:
    """Book weekly or fortnightly series worth about ``appointments``; returns the series."""
    rng = planner.rng
    kinds = [k for k in data.SERIES if planner.by_service.get(k[0])]
    if not kinds or appointments <= 0:
        return 0
    weights = [k[4] for k in kinds]
    series = 0
    booked = 0
    attempts = 0
    while booked < appointments and attempts < appointments:
        attempts += 1
        service, every, lo, hi, _weight = rng.choices(kinds, weights)[0]
        staff = rng.choice(planner.by_service[service])
        start = first + timedelta(days=rng.randint(0, max(0, (last - first).days - 14)))
        occurrences = _book_series(
            planner, staff, families, start, last, every, rng.randint(lo, hi), series + 1
        )
        if occurrences:
            series += 1
            booked += occurrences
    return series


def _book_series(
    planner: Planner,
    staff: DemoStaff,
    families: Families,
    start: date,
    last: date,
    every: int,
    wanted: int,
    series: int,
) -> int:
    """Book up to ``wanted`` occurrences, skipping the weeks that are not free."""
    minutes = planner.cal.services[staff.service][1]
    for day in (start + timedelta(days=n) for n in range(7)):
        where = planner.where(staff, day)
        if where is not None:
            break
    else:
        return 0
    place_id, intervals = where
    starts = list(planner.grid(intervals, minutes))
    family = families.pick(planner.cal.places[place_id].comune, staff.team)
    first = planner.try_book(staff, place_id, day, planner.rng.choice(starts), minutes, family)
    if first is None:
        return 0
    chosen = [first]
    step = timedelta(weeks=every)
    for n in range(1, 2 * wanted):
        if len(chosen) >= wanted or day + step * n > last:
            break
        when = day + step * n
        then = planner.where(staff, when)
        if (
            then is None
            or then[0] != place_id
            or not any(a <= first.start and first.end <= b for a, b in then[1])
        ):
            continue
        booking = planner.try_book(
            staff, place_id, when, first.start, minutes, family, room_id=first.room_id
        )
        if booking is not None:
            chosen.append(booking)
    if len(chosen) < 2:
        return 1
    for index, booking in enumerate(chosen, start=1):
        booking.series, booking.index = series, index
    return len(chosen)


def plan_singles(
    planner: Planner, families: Families, first: date, last: date, appointments: int
) -> int:
    """Fill the professionals' days with single appointments, about ``appointments`` of them
    (each professional in proportion to how full their agenda usually is)."""
    sessions = []
    capacity = 0.0
    for day in _days(first, last):
        for staff in planner.cal.professionals:
            where = planner.where(staff, day)
            if where is not None:
                minutes = planner.cal.services[staff.service][1]
                starts = list(planner.grid(where[1], minutes))
                sessions.append((staff, day, where[0], starts, minutes))
                capacity += len(starts) * staff.load
    if not capacity or appointments <= 0:
        return 0
    booked = 0
    for session in sessions:
        # Re-aimed at every session: slots lost to a busy room, family or interpreter
        # are made up later, so the count comes out close to ``appointments``.
        chance = min(0.95, max(0.0, (appointments - booked) / capacity))
        capacity -= len(session[3]) * session[0].load
        booked += _fill(planner, families, session, chance, appointments - booked)
    for session in sessions:  # the last few, wherever a slot is still free
        if booked >= appointments:
            break
        booked += _fill(planner, families, session, None, appointments - booked)
    return booked


def _fill(
    planner: Planner,
    families: Families,
    session: tuple[DemoStaff, date, int, list[int], int],
    chance: float | None,
    wanted: int,
) -> int:
    """Book up to ``wanted`` of a professional's slots of a day, each with ``chance``
    (times how full their agenda usually is; None: every free slot)."""
    staff, day, place_id, starts, minutes = session
    comune = planner.cal.places[place_id].comune
    booked = 0
    for start in starts:
        if booked >= wanted:
            break
        if chance is not None and planner.rng.random() >= chance * staff.load:
            continue
        for _try in range(2):
            family = families.pick(comune, staff.team)
            if planner.try_book(staff, place_id, day, start, minutes, family):
                booked += 1
                break
    return booked


def _status(rng: random.Random, starts: datetime, now: datetime) -> tuple[str, str]:
    roll = rng.random()
    if starts < now:
        if roll < 0.07:
            return "cancelled", rng.choice(data.CANCEL_REASONS)
        return ("no_show", "") if roll < 0.15 else ("done", "")
    if roll < 0.03:
        return "cancelled", rng.choice(data.CANCEL_REASONS)
    soon = starts - now < timedelta(days=7)
    return ("confirmed", "") if roll < (0.6 if soon else 0.2) else ("booked", "")


def _booked_at(
    rng: random.Random, booking: Booking, now: datetime, booked_at: dict[int, datetime]
) -> datetime:
    """When the booking was made: at the walk-in contact it came from, else some days before."""
    if booking.request_id in booked_at:
        return booked_at[booking.request_id] + timedelta(minutes=rng.randint(5, 40))
    made = utc(booking.day - timedelta(days=rng.randint(2, 30)), rng.randrange(540, 750, 5))
    return min(made, now.replace(tzinfo=clock.ROME).astimezone(UTC) - timedelta(hours=1))


def _write_series(
    session: Session,
    planner: Planner,
    bookings: list[Booking],
    now: datetime,
    booked_at: dict[int, datetime],
) -> dict[int, tuple[int, datetime]]:
    """Write one row per series; returns ``{series key: (id, when it was booked)}``."""
    every = {key: weeks for key, weeks, *_rest in data.SERIES}
    services = {sid: key for key, (sid, _m) in planner.cal.services.items()}
    first: dict[int, Booking] = {}
    sizes: Counter[int] = Counter()
    for booking in bookings:
        if booking.series is not None:
            first.setdefault(booking.series, booking)
            sizes[booking.series] += 1
    series_id = next_id(session, AppointmentSeries)
    written: dict[int, tuple[int, datetime]] = {}
    rows = []
    for key, booking in first.items():
        made = _booked_at(planner.rng, booking, now, booked_at)
        row = record(planner.rng, series_id, session.info["site_id"], made)
        row.update(
            every_weeks=every.get(services[booking.service_id], 1),
            occurrences=sizes[key],
            until=None,
        )
        rows.append(row)
        written[key] = (series_id, made)
        series_id += 1
    insert_rows(session, AppointmentSeries, rows)
    return written


def write_appointments(
    session: Session, planner: Planner, now: datetime, booked_at: dict[int, datetime]
) -> tuple[int, int]:
    """Write the planner's bookings in time order, and their series; returns both counts.

    ``now`` is local wall-clock time (what is past); ``booked_at`` the contact time of
    bookings made from a walk-in request.
    """
    rng, site_id = planner.rng, session.info["site_id"]
    bookings = sorted(planner.bookings, key=lambda b: (b.day, b.start, b.staff_id))
    series = _write_series(session, planner, bookings, now, booked_at)
    mediation = planner.cal.services.get("family_mediation", (0, 0))[0]
    bookers, weights = zip(*BOOKERS.items(), strict=True)
    next_appointment = next_id(session, Appointment)
    rows: list[dict[str, Any]] = []
    for booking in bookings:
        starts = local(booking.day, booking.start)
        series_id, made = series.get(booking.series, (None, None))  # type: ignore[arg-type]
        made = made or _booked_at(rng, booking, now, booked_at)
        status, reason = _status(rng, starts, now)
        row = record(rng, next_appointment, site_id, made)
        next_appointment += 1
        row.update(
            service_id=booking.service_id,
            staff_id=booking.staff_id,
            place_id=booking.place_id,
            room_id=booking.room_id,
            interpreter_id=booking.interpreter_id,
            family_id=booking.family.id,
            person_id=None if booking.service_id == mediation else booking.family.person_id,
            starts_at=starts,
            ends_at=local(booking.day, booking.end),
            status=status,
            cancel_reason=reason,
            series_id=series_id,
            series_index=booking.index,
            request_id=booking.request_id,
            booked_by=rng.choices(bookers, weights)[0],
            note=rng.choice(data.APPOINTMENT_NOTES) if rng.random() < 0.05 else "",
        )
        rows.append(row)
        if len(rows) >= _BATCH:
            insert_rows(session, Appointment, rows)
    insert_rows(session, Appointment, rows)
    return len(bookings), len(series)

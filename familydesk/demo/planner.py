"""An in-memory appointment planner for demo data: the booking rules without queries.

It keeps, for each professional, interpreter, room and day, a bit mask of the
quarter hours taken, and one appointment per family per day. A slot is offered
only inside the place's opening hours on an open day (public holidays, patron
day, closures: :class:`DemoCalendar`), with the professional and the
interpreter present (absences). ``tests/demo/test_appointments.py`` checks the
result against ``familydesk.scheduling.calendar_rules`` and plain SQL.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from familydesk.demo.resources import DemoCalendar, DemoStaff

#: The planner's grain in minutes: opening hours and service lengths are multiples of it.
QUARTER = 15


@dataclass(frozen=True, slots=True)
class FamilyInfo:
    id: int
    #: The adult who comes to the desk and to appointments.
    person_id: int
    #: Another adult of the family (or the same one).
    other_id: int
    comune: str
    #: The language an interpreter is needed for ("" when the family speaks Italian).
    language: str
    #: The copy of the consortium that serves the family (see ``DemoStaff.team``).
    team: int = 0


@dataclass(slots=True)
class Booking:
    service_id: int
    staff_id: int
    place_id: int
    room_id: int
    interpreter_id: int | None
    family: FamilyInfo
    day: date
    #: Minutes from midnight.
    start: int
    end: int
    series: int | None = None
    index: int | None = None
    request_id: int | None = None


def _mask(start: int, end: int) -> int:
    first, last = start // QUARTER, -(-end // QUARTER)
    return ((1 << (last - first)) - 1) << first


class Planner:
    """Who and what is taken when; every accepted booking is kept in ``bookings``."""

    def __init__(self, cal: DemoCalendar, rng: random.Random) -> None:
        self.cal, self.rng = cal, rng
        self.busy: dict[tuple[str, int, int], int] = {}
        self.family_days: set[tuple[int, int]] = set()
        self.bookings: list[Booking] = []
        self.by_service: dict[str, list[DemoStaff]] = {}
        self.team_service: dict[tuple[str, int], list[DemoStaff]] = {}
        for staff in cal.professionals:
            self.by_service.setdefault(staff.service, []).append(staff)
            self.team_service.setdefault((staff.service, staff.team), []).append(staff)
        self.interpreters: dict[int, list[DemoStaff]] = {}
        for staff in cal.interpreters:
            self.interpreters.setdefault(staff.team, []).append(staff)

    def _free(self, kind: str, key: int, day: int, mask: int) -> bool:
        return not self.busy.get((kind, key, day), 0) & mask

    def _take(self, kind: str, key: int, day: int, mask: int) -> None:
        self.busy[kind, key, day] = self.busy.get((kind, key, day), 0) | mask

    def reserve(self, keys: list[tuple[str, int]], day: date, start: int, end: int) -> bool:
        """Take every ``(kind, id)`` in ``keys`` (rooms "r", staff "s", educators "e") from
        ``start`` to ``end`` on ``day`` if all are free; False (nothing taken) otherwise."""
        ordinal, mask = day.toordinal(), _mask(start, end)
        if not all(self._free(kind, key, ordinal, mask) for kind, key in keys):
            return False
        for kind, key in keys:
            self._take(kind, key, ordinal, mask)
        return True

    def where(self, staff: DemoStaff, day: date) -> tuple[int, list[tuple[int, int]]] | None:
        """The place and opening intervals where ``staff`` works on ``day``, if any."""
        place_id = staff.days.get(day.weekday())
        if place_id is None or not staff.present(day):
            return None
        intervals = self.cal.open_intervals(place_id, day)
        return (place_id, intervals) if intervals else None

    def try_book(
        self,
        staff: DemoStaff,
        place_id: int,
        day: date,
        start: int,
        minutes: int,
        family: FamilyInfo,
        room_id: int | None = None,
    ) -> Booking | None:
        """Book ``family`` with ``staff`` at ``start`` if everything it needs is free."""
        ordinal = day.toordinal()
        if (family.id, ordinal) in self.family_days:
            return None
        mask = _mask(start, start + minutes)
        if not self._free("s", staff.id, ordinal, mask):
            return None
        rooms = self.cal.places[place_id].rooms
        if room_id is None or room_id not in rooms or not self._free("r", room_id, ordinal, mask):
            room_id = next((r for r in rooms if self._free("r", r, ordinal, mask)), None)
            if room_id is None:
                return None
        interpreter = None
        if family.language:
            interpreter = next(
                (
                    i
                    for i in self.interpreters.get(staff.team, ())
                    if family.language in i.languages
                    and i.present(day)
                    and self._free("s", i.id, ordinal, mask)
                ),
                None,
            )
            if interpreter is None:
                return None
        self._take("s", staff.id, ordinal, mask)
        self._take("r", room_id, ordinal, mask)
        if interpreter is not None:
            self._take("s", interpreter.id, ordinal, mask)
        self.family_days.add((family.id, ordinal))
        booking = Booking(
            self.cal.services[staff.service][0],
            staff.id,
            place_id,
            room_id,
            interpreter.id if interpreter else None,
            family,
            day,
            start,
            start + minutes,
        )
        self.bookings.append(booking)
        return booking

    def grid(self, intervals: list[tuple[int, int]], minutes: int) -> Iterator[int]:
        """Start times of back-to-back appointments of ``minutes`` inside ``intervals``."""
        for opens, closes in intervals:
            yield from range(opens, closes - minutes + 1, minutes)

    def first_free(
        self,
        service: str,
        family: FamilyInfo,
        first: date,
        last: date,
        request_id: int | None = None,
    ) -> Booking | None:
        """The first slot from ``first`` to ``last`` for ``service`` (at the family's comune
        when its professional works there that day, else anywhere)."""
        staff_list = self.team_service.get((service, family.team), [])
        if not staff_list:
            return None
        minutes = self.cal.services[service][1]
        day = first
        while day <= last:
            options = [(s, w) for s in staff_list if (w := self.where(s, day))]
            options.sort(key=lambda o: self.cal.places[o[1][0]].comune != family.comune)
            for staff, (place_id, intervals) in options:
                for start in self.grid(intervals, minutes):
                    booking = self.try_book(staff, place_id, day, start, minutes, family)
                    if booking is not None:
                        booking.request_id = request_id
                        return booking
            day += timedelta(days=1)
        return None

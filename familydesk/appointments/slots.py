"""The free-slot finder: "next free 60 minutes with a psychologist in Gonzaga, mornings".

What is busy (appointments and group sessions of the candidate professionals,
interpreter, rooms and family) is loaded once for the span searched, from
:func:`familydesk.scheduling.occupancy.busy_map`; the calendar rules come from one
:class:`~familydesk.scheduling.calendar_rules.Rules`. Slots start on a
15-minute grid inside the place's opening hours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.appointments.professions import gives
from familydesk.db.models.appointments import Place, Room, Service, Staff
from familydesk.i18n import _, format_date
from familydesk.kernel.text import hhmm
from familydesk.scheduling import occupancy
from familydesk.scheduling.calendar_rules import Rules, local_now
from familydesk.trust import permissions

#: Mornings end and afternoons start at 13:00.
NOON = time(13, 0)
PARTS = ("any", "morning", "afternoon")


@dataclass(frozen=True)
class SlotQuery:
    minutes: int
    staff_id: int | None = None
    #: Any active professional whose profession contains this (e.g. "psicolog").
    profession: str = ""
    #: Only professionals who give this service (``professions.gives``).
    service_id: int | None = None
    place_id: int | None = None
    comune_id: int | None = None
    room_id: int | None = None
    interpreter_id: int | None = None
    family_id: int | None = None
    part: str = "any"
    after: datetime | None = None
    days: int = 30
    limit: int = 5
    step: int = 15


@dataclass(frozen=True)
class FreeSlot:
    starts_at: datetime
    ends_at: datetime
    staff_id: int
    staff: str
    place_id: int
    place: str
    room_id: int | None
    room: str

    def __str__(self) -> str:
        where = f"{self.place}, {self.room}" if self.room else self.place
        return _("{day} {start} with {staff} ({where})").format(
            day=format_date(self.starts_at.date()),
            start=hhmm(self.starts_at),
            staff=self.staff,
            where=where,
        )


def _candidates(session: Session, query: SlotQuery) -> tuple[list[Staff], list[Place]]:
    staff_query = select(Staff).where(Staff.kind == "professional", Staff.active.is_(True))
    if query.staff_id is not None:
        staff_query = select(Staff).where(Staff.id == query.staff_id)
    elif query.profession.strip():
        staff_query = staff_query.where(Staff.profession.ilike(f"%{query.profession.strip()}%"))
    place_query = select(Place).where(Place.active.is_(True))
    if query.place_id is not None:
        place_query = select(Place).where(Place.id == query.place_id)
    elif query.comune_id is not None:
        place_query = place_query.where(Place.comune_id == query.comune_id)
    staff = list(session.scalars(staff_query.order_by(Staff.name, Staff.id)))
    service = session.get(Service, query.service_id) if query.service_id is not None else None
    if service is not None:
        staff = [s for s in staff if gives(service.profession, s.profession)]
    places = list(session.scalars(place_query.order_by(Place.name, Place.id)))
    return staff, places


def _overlaps(busy: list[tuple[datetime, datetime]], start: datetime, end: datetime) -> bool:
    return any(s < end and start < e for s, e in busy)


def find_free_slots(
    session: Session, query: SlotQuery, exclude: Sequence[int] = ()
) -> list[FreeSlot]:
    """The first ``query.limit`` free slots from ``query.after`` (default: now), soonest first."""
    permissions.require(session, permissions.APPOINTMENTS)
    staff, places = _candidates(session, query)
    if not staff or not places or query.part not in PARTS:
        return []
    after = max(query.after or local_now(), local_now())
    step = timedelta(minutes=query.step)
    first_day = after.date()
    last_day = first_day + timedelta(days=query.days)
    staff_ids = {s.id for s in staff} | ({query.interpreter_id} - {None})
    rules = Rules(session, first_day, last_day, {p.id for p in places}, staff_ids)  # type: ignore[arg-type]
    rooms: dict[int, list[Room]] = defaultdict(list)
    room_query = select(Room).where(
        Room.place_id.in_([p.id for p in places]), Room.active.is_(True)
    )
    if query.room_id is not None:
        room_query = select(Room).where(Room.id == query.room_id)
    for room in session.scalars(room_query.order_by(Room.name, Room.id)):
        rooms[room.place_id].append(room)
    busy = occupancy.busy_map(
        session,
        first_day,
        last_day,
        staff_ids,
        [r.id for rs in rooms.values() for r in rs],
        query.family_id,
        exclude,
    )
    minutes = timedelta(minutes=query.minutes)
    found: list[FreeSlot] = []
    day = first_day
    while day <= last_day and len(found) < query.limit:
        free_staff = [s for s in staff if rules.staff_refusal(s.id, day) is None]
        if query.interpreter_id is not None and rules.staff_refusal(query.interpreter_id, day):
            free_staff = []
        today: list[FreeSlot] = []
        for place in places:
            for opens, closes in rules.opening_intervals(place.id, day) if free_staff else []:
                start = opens
                while start + minutes <= closes:
                    end = start + minutes
                    if start >= after and _in_part(query.part, start, end):
                        slot = _first_free(
                            busy, query, free_staff, place, rooms[place.id], start, end
                        )
                        if slot:
                            today.append(slot)
                    start += step
        found += sorted(today, key=lambda s: (s.starts_at, s.staff, s.place))[
            : query.limit - len(found)
        ]
        day += timedelta(days=1)
    return found


def _in_part(part: str, start: datetime, end: datetime) -> bool:
    if part == "morning":
        return end.time() <= NOON
    if part == "afternoon":
        return start.time() >= NOON
    return True


def _first_free(
    busy: occupancy.BusyMap,
    query: SlotQuery,
    staff: list[Staff],
    place: Place,
    rooms: list[Room],
    start: datetime,
    end: datetime,
) -> FreeSlot | None:
    if query.family_id is not None and _overlaps(busy[("family", query.family_id)], start, end):
        return None
    if query.interpreter_id is not None and _overlaps(
        busy[("staff", query.interpreter_id)], start, end
    ):
        return None
    if query.room_id is not None and not rooms:
        return None
    room = next((r for r in rooms if not _overlaps(busy[("room", r.id)], start, end)), None)
    if rooms and room is None:
        return None
    for person in staff:
        if not _overlaps(busy[("staff", person.id)], start, end):
            return FreeSlot(
                start,
                end,
                person.id,
                person.name,
                place.id,
                place.name,
                room.id if room else None,
                room.name if room else "",
            )
    return None

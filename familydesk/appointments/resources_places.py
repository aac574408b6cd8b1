"""Places (sedi) in the member comuni, their rooms and weekly opening hours.

A place's opening hours are replaced as a whole week at once, against the
place's version: two coordinators editing the same week cannot mix their
intervals. Times are the centre's wall-clock time (see ``models_appointments``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import time
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.appointments.resources_common import used_by_appointments
from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Appointment, Closure, OpeningHours, Place, Room
from familydesk.db.models.registry import MemberComune
from familydesk.db.removal import Removal, remove_or_retire
from familydesk.i18n import _
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.kernel.fields import clean_text, touch, weekday_name
from familydesk.trust.permissions import require_resources_read, require_resources_write

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.,]?(\d{2}))?$")
#: A time as typed in the opening-hours grid: a ``time``, "9:30" / "09.30" / "930", or empty.
Clock = time | str | None


@dataclass(frozen=True)
class RoomRow:
    id: int
    place_id: int
    name: str
    active: bool
    version: int


@dataclass(frozen=True)
class HoursRow:
    """One opening interval: ``weekday`` 0 = Monday ... 6 = Sunday."""

    weekday: int
    opens: time
    closes: time


@dataclass(frozen=True)
class PlaceRow:
    id: int
    name: str
    comune_id: int
    comune_name: str
    address: str
    active: bool
    #: By name; only the active ones when listed with ``active_only``.
    rooms: tuple[RoomRow, ...]
    #: By weekday, then opening time.
    hours: tuple[HoursRow, ...]
    version: int


@dataclass(frozen=True)
class PlaceInput:
    """A new place (``id`` None) or the changes to one (``id`` and the ``version`` read)."""

    name: str
    comune_id: int | None
    address: str = ""
    active: bool = True
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class RoomInput:
    """A new room of ``place_id`` (``id`` None) or the changes to one."""

    place_id: int
    name: str
    active: bool = True
    id: int | None = None
    version: int | None = None


def parse_clock(text: str) -> time:
    """``9``, ``9:30``, ``09.30`` or ``0930`` -> ``time``; ``ValueError`` (translated) otherwise."""
    match = _CLOCK.match(text.strip())
    try:
        if match is None:
            raise ValueError
        return time(int(match.group(1)), int(match.group(2) or 0))
    except ValueError:
        raise ValueError(
            _("“{text}” is not a time: write it as hh:mm, for example 09:30.").format(text=text)
        ) from None


def _room_row(room: Room) -> RoomRow:
    return RoomRow(room.id, room.place_id, room.name, room.active, room.version)


def _place_rows(session: Session, places: Sequence[Place], active_only: bool) -> list[PlaceRow]:
    ids = [p.id for p in places]
    comuni = {c.id: c.name for c in session.scalars(select(MemberComune))}
    rooms: dict[int, list[RoomRow]] = {i: [] for i in ids}
    room_query = select(Room).where(Room.place_id.in_(ids)).order_by(Room.name, Room.id)
    if active_only:
        room_query = room_query.where(Room.active.is_(True))
    for room in session.scalars(room_query):
        rooms[room.place_id].append(_room_row(room))
    hours: dict[int, list[HoursRow]] = {i: [] for i in ids}
    hours_query = select(OpeningHours).where(OpeningHours.place_id.in_(ids))
    for interval in session.scalars(hours_query.order_by(OpeningHours.weekday, OpeningHours.opens)):
        hours[interval.place_id].append(HoursRow(interval.weekday, interval.opens, interval.closes))
    return [
        PlaceRow(
            p.id,
            p.name,
            p.comune_id,
            comuni.get(p.comune_id, ""),
            p.address,
            p.active,
            tuple(rooms[p.id]),
            tuple(hours[p.id]),
            p.version,
        )
        for p in places
    ]


def list_places(session: Session, active_only: bool = True) -> list[PlaceRow]:
    """Places by member comune (in the centre's order) and name, with rooms and hours."""
    require_resources_read(session)
    query = (
        select(Place)
        .join(MemberComune, MemberComune.id == Place.comune_id)
        .order_by(MemberComune.position, MemberComune.name, Place.name, Place.id)
    )
    if active_only:
        query = query.where(Place.active.is_(True))
    return _place_rows(session, session.scalars(query).all(), active_only)


def _place_row(session: Session, place: Place) -> PlaceRow:
    return _place_rows(session, [place], active_only=False)[0]


def save_place(session: Session, data: PlaceInput) -> PlaceRow:
    """Add or change a place; its name must differ from the other places of its comune."""
    require_resources_write(session)
    name = clean_text("name", _("Name"), data.name, 200, required=True)
    if data.comune_id is None or session.get(MemberComune, data.comune_id) is None:
        raise ValidationError("comune_id", _("Comune: choose one of the member comuni."))
    address = clean_text("address", _("Address"), data.address, 200)
    twins = session.scalars(
        select(Place).where(Place.comune_id == data.comune_id, Place.id != (data.id or 0))
    )
    if any(other.name.casefold() == name.casefold() for other in twins):
        raise ValidationError(
            "name", _("Name: this comune already has a place called {name}.").format(name=name)
        )
    if data.id is None:
        place = Place()
        session.add(place)
    else:
        place = load_for_update(session, Place, data.id, data.version or 0)
    place.name, place.comune_id, place.address = name, data.comune_id, address
    place.active = data.active
    session.flush()
    return _place_row(session, place)


def remove_place(session: Session, place_id: int, version: int) -> Removal:
    """Delete a place never booked (with its rooms, hours and closures); retire the others."""
    require_resources_write(session)
    place = load_for_update(session, Place, place_id, version)
    used = used_by_appointments(session, Appointment.place_id == place.id)
    if not used:
        for model in (Room, OpeningHours, Closure):
            for child in session.scalars(select(model).where(model.place_id == place.id)):
                session.delete(child)
    return remove_or_retire(session, place, used)


def save_room(session: Session, data: RoomInput) -> RoomRow:
    """Add or change a room; its name must differ from the other rooms of the place."""
    require_resources_write(session)
    name = clean_text("name", _("Room"), data.name, 100, required=True)
    if data.id is None:
        if session.get(Place, data.place_id) is None:
            raise NotFoundError(_("This place no longer exists: someone may have deleted it."))
        room = Room(place_id=data.place_id)
    else:
        room = load_for_update(session, Room, data.id, data.version or 0)
    twins = session.scalars(
        select(Room).where(Room.place_id == room.place_id, Room.id != (data.id or 0))
    )
    if any(o.name.casefold() == name.casefold() for o in twins):
        raise ValidationError(
            "name", _("Room: this place already has a room called {name}.").format(name=name)
        )
    session.add(room)
    room.name, room.active = name, data.active
    session.flush()
    return _room_row(room)


def remove_room(session: Session, room_id: int, version: int) -> Removal:
    """Delete a room never booked; retire the others."""
    require_resources_write(session)
    room = load_for_update(session, Room, room_id, version)
    return remove_or_retire(
        session, room, used_by_appointments(session, Appointment.room_id == room.id)
    )


def _clock(value: Clock, field: str, day: str) -> time | None:
    if value is None or isinstance(value, time):
        return value
    if not value.strip():
        return None
    try:
        return parse_clock(value)
    except ValueError as exc:
        raise ValidationError(field, _("{day}: {problem}").format(day=day, problem=exc)) from None


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def check_week(intervals: Iterable[tuple[int, Clock, Clock]]) -> list[tuple[int, time, time]]:
    """The week's intervals, sorted and checked: each one opens before it closes, a day's
    intervals do not overlap, empty ones (both times missing) are dropped.

    ``ValidationError`` field ``hours.<weekday>`` names the day in its message.
    """
    week: list[tuple[int, time, time]] = []
    for weekday, opens_at, closes_at in intervals:
        if weekday not in range(7):
            raise ValidationError("hours", _("Opening hours: the day must be Monday to Sunday."))
        field, day = f"hours.{weekday}", weekday_name(weekday)
        opens, closes = _clock(opens_at, field, day), _clock(closes_at, field, day)
        if opens is None and closes is None:
            continue
        if opens is None or closes is None:
            raise ValidationError(
                field,
                _(
                    "{day}: give both the opening and the closing time, e.g. 09:00 and 13:00."
                ).format(day=day),
            )
        if opens >= closes:
            raise ValidationError(
                field,
                _(
                    "{day}: the opening time ({opens}) must come before the closing time "
                    "({closes})."
                ).format(day=day, opens=_hhmm(opens), closes=_hhmm(closes)),
            )
        week.append((weekday, opens, closes))
    week.sort()
    for first, second in pairwise(week):
        if first[0] == second[0] and second[1] < first[2]:
            raise ValidationError(
                f"hours.{first[0]}",
                _(
                    "{day}: {first} and {second} overlap; give separate intervals, e.g. "
                    "09:00-13:00 and 14:30-18:00."
                ).format(
                    day=weekday_name(first[0]),
                    first=f"{_hhmm(first[1])}-{_hhmm(first[2])}",
                    second=f"{_hhmm(second[1])}-{_hhmm(second[2])}",
                ),
            )
    return week


def set_opening_hours(
    session: Session, place_id: int, version: int, intervals: Iterable[tuple[int, Clock, Clock]]
) -> PlaceRow:
    """Replace the place's weekly opening hours with ``intervals`` (weekday, opens, closes)
    in one go; refuses a stale ``version`` of the place. An empty list closes every day."""
    require_resources_write(session)
    week = check_week(intervals)
    place = load_for_update(session, Place, place_id, version)
    for old in session.scalars(select(OpeningHours).where(OpeningHours.place_id == place.id)):
        session.delete(old)
    session.flush()
    for weekday, opens, closes in week:
        session.add(OpeningHours(place_id=place.id, weekday=weekday, opens=opens, closes=closes))
    touch(place)
    session.flush()
    return _place_row(session, place)

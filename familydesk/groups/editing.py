"""Creating, changing and calling off groups (``GROUPS_RUN``: educators, coordinators,
admins); reading them is :mod:`familydesk.groups.catalog`.

Every wrong field is named at once; more places after a change let the first people
waiting move up (``enrolment.fill_places``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Place, Room
from familydesk.db.models.groups import Group, GroupEducator
from familydesk.db.models.registry import Operator
from familydesk.groups.catalog import GroupRow, get_group
from familydesk.groups.enrolment import fill_places
from familydesk.groups.names import KINDS, TARGETS
from familydesk.i18n import _
from familydesk.kernel.errors import FieldErrors
from familydesk.kernel.fields import clean_text, touch
from familydesk.trust import permissions


@dataclass(frozen=True)
class GroupInput:
    title: str
    kind: str
    place_id: int | None
    room_id: int | None = None
    description: str = ""
    target: str = "parents"
    #: Children's age range, inclusive, in completed ``age_unit`` (months or years).
    age_from: int | None = None
    age_to: int | None = None
    age_unit: str = "years"
    capacity: int | None = None
    capacity_per: str = "person"
    signup_opens: date | None = None
    signup_closes: date | None = None
    language: str = "it"
    cost_cents: int | None = None
    cost_note: str = ""
    completion_percent: int = 75
    #: Operator ids of the educators who lead it.
    educator_ids: tuple[int, ...] = ()


def _validated(session: Session, data: GroupInput) -> dict[str, object]:
    errors = FieldErrors()  # every wrong field at once
    title = errors.check(clean_text, "title", _("Title"), data.title, 200, required=True)
    if data.kind not in KINDS:
        errors.add("kind", _("Kind: choose one from the list."))
    if data.target not in TARGETS:
        errors.add("target", _("For whom: choose parents, children or both."))
    place = session.get(Place, data.place_id) if data.place_id else None
    if place is None:
        errors.add("place_id", _("Venue: choose one of the centre's places."))
    elif data.room_id is not None:
        room = session.get(Room, data.room_id)
        if room is None or room.place_id != place.id:
            errors.add("room_id", _("Room: choose a room of the chosen venue."))
    if data.age_unit not in ("months", "years"):
        errors.add("age_unit", _("Age: give it in months or in years."))
    for field, value in (("age_from", data.age_from), ("age_to", data.age_to)):
        if value is not None and not 0 <= value <= 99:
            errors.add(field, _("Children's age: give a number from 0 to 99."))
            break
    if data.age_from is not None and data.age_to is not None and data.age_from > data.age_to:
        errors.add("age_to", _("Children's age: the upper limit cannot be below the lower one."))
    if data.capacity is not None and not 1 <= data.capacity <= 1000:
        errors.add(
            "capacity", _("Places: give a number from 1 to 1000, or leave it empty for no limit.")
        )
    if data.capacity_per not in ("person", "family"):
        errors.add("capacity_per", _("Places: count them per person or per family."))
    if data.signup_opens and data.signup_closes and data.signup_opens > data.signup_closes:
        errors.add(
            "signup_closes", _("Sign-ups close: the day cannot be before the day they open.")
        )
    if data.cost_cents is not None and data.cost_cents < 0:
        errors.add("cost", _("Cost: give an amount of zero or more, in euro."))
    if not 1 <= data.completion_percent <= 100:
        errors.add("completion_percent", _("Completion: give a share of sessions from 1 to 100%."))
    educators = set(data.educator_ids)
    known = set(session.scalars(select(Operator.id).where(Operator.id.in_(educators))))
    if educators - known:
        errors.add("educators", _("Educators: choose them from the operators' list."))
    language = errors.check(clean_text, "language", _("Language"), data.language, 10)
    cost_note = errors.check(clean_text, "cost_note", _("Cost conditions"), data.cost_note, 200)
    errors.raise_any()
    assert place is not None
    return {
        "title": title,
        "kind": data.kind,
        "place_id": place.id,
        "room_id": data.room_id,
        "description": (data.description or "").strip(),
        "target": data.target,
        "age_from": data.age_from,
        "age_to": data.age_to,
        "age_unit": data.age_unit,
        "capacity": data.capacity,
        "capacity_per": data.capacity_per,
        "signup_opens": data.signup_opens,
        "signup_closes": data.signup_closes,
        "language": language or "it",
        "cost_cents": data.cost_cents,
        "completion_percent": data.completion_percent,
        "cost_note": cost_note,
    }


def _set_educators(session: Session, group: Group, educator_ids: tuple[int, ...]) -> None:
    current = {
        e.operator_id: e
        for e in session.scalars(select(GroupEducator).where(GroupEducator.group_id == group.id))
    }
    for operator_id, link in current.items():
        if operator_id not in educator_ids:
            session.delete(link)
    for operator_id in dict.fromkeys(educator_ids):
        if operator_id not in current:
            session.add(GroupEducator(group_id=group.id, operator_id=operator_id))


def create_group(session: Session, data: GroupInput) -> GroupRow:
    permissions.require(session, permissions.GROUPS_RUN)
    group = Group(**_validated(session, data))
    session.add(group)
    session.flush()
    _set_educators(session, group, data.educator_ids)
    session.flush()
    return get_group(session, group.id)


def update_group(session: Session, group_id: int, version: int, data: GroupInput) -> GroupRow:
    """Change a group; sessions keep their own venue (move them one by one)."""
    permissions.require(session, permissions.GROUPS_RUN)
    group = load_for_update(session, Group, group_id, version)
    for key, value in _validated(session, data).items():
        setattr(group, key, value)
    _set_educators(session, group, data.educator_ids)
    touch(group)
    session.flush()
    fill_places(session, group.id)  # more places: the first waiting move up
    return get_group(session, group.id)


def set_cancelled(session: Session, group_id: int, version: int, cancelled: bool) -> GroupRow:
    """Call a group off (or back on); its records stay."""
    permissions.require(session, permissions.GROUPS_RUN)
    group = load_for_update(session, Group, group_id, version)
    group.cancelled = cancelled
    session.flush()
    return get_group(session, group.id)

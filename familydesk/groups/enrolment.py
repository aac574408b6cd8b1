"""Sign-ups: capacity, the children's age rule, the waiting list and its promotions.

A person signs up to a group once. Within the capacity they are enrolled; beyond
it they wait, in the order they signed up. When an enrolled person withdraws,
the first one waiting takes the place (the whole family, when places are counted
per family) and is listed "to inform" until someone tells them. A child must
be within the group's age range on the group's start date (the first session):
the rules of who may sign up, and when, are :mod:`familydesk.groups.eligibility`.

Sign-ups and withdrawals lock the group's row first, so two desks filling the
last place are served one after the other and capacity holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.base import utcnow
from familydesk.db.database import load_for_update
from familydesk.db.models.groups import Enrolment, Group
from familydesk.db.models.registry import Family, Person
from familydesk.groups.catalog import GroupRow, get_group, require_read
from familydesk.groups.eligibility import check_person, check_window, is_child, reference_day
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions


@dataclass(frozen=True)
class EnrolmentRow:
    id: int
    uid: str
    version: int
    group_id: int
    person_id: int | None
    person_uid: str
    family_id: int | None
    family_uid: str
    #: "Surname Name".
    name: str
    birth_date: date | None
    #: Under 18 on the group's start date (or today, before sessions are planned).
    is_child: bool
    #: Phone of the person, else of the family: for the "to inform" calls.
    phone: str
    #: enrolled, waiting or withdrawn.
    status: str
    #: 1-based place on the waiting list (None unless waiting).
    position: int | None
    signed_up_on: date
    enrolled_on: date | None
    withdrawn_on: date | None
    withdraw_reason: str
    to_inform: bool
    informed_on: date | None
    walk_in: bool
    note: str


@dataclass(frozen=True)
class WithdrawResult:
    withdrawn: EnrolmentRow
    #: Those who moved up from the waiting list (to inform).
    promoted: tuple[EnrolmentRow, ...]


@dataclass(frozen=True)
class ToInformRow:
    group_id: int
    group_title: str
    enrolment: EnrolmentRow


_ORDER = {"enrolled": 0, "waiting": 1, "withdrawn": 2}


def _rows(session: Session, enrolments: list[Enrolment], group: GroupRow) -> list[EnrolmentRow]:
    person_ids = {e.person_id for e in enrolments if e.person_id}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))}
    family_ids = {e.family_id for e in enrolments if e.family_id}
    families = {f.id: f for f in session.scalars(select(Family).where(Family.id.in_(family_ids)))}
    waiting = sorted((e for e in enrolments if e.status == "waiting"), key=_queue_key)
    positions = {e.id: n for n, e in enumerate(waiting, 1)}
    day = reference_day(group, local_now().date())
    rows = []
    for e in enrolments:
        person, family = people.get(e.person_id or 0), families.get(e.family_id or 0)
        rows.append(
            EnrolmentRow(
                id=e.id,
                uid=str(e.uid),
                version=e.version,
                group_id=e.group_id,
                person_id=e.person_id,
                person_uid=str(person.uid) if person else "",
                family_id=e.family_id,
                family_uid=str(family.uid) if family else "",
                name=f"{person.last_name} {person.first_name}".strip() if person else _("(erased)"),
                birth_date=person.birth_date if person else None,
                is_child=is_child(person, day) if person else False,
                phone=(person.phone if person and person.phone else family.phone if family else ""),
                status=e.status,
                position=positions.get(e.id),
                signed_up_on=e.signed_up_on,
                enrolled_on=e.enrolled_on,
                withdrawn_on=e.withdrawn_on,
                withdraw_reason=e.withdraw_reason,
                to_inform=e.to_inform,
                informed_on=e.informed_on,
                walk_in=e.walk_in,
                note=e.note,
            )
        )
    return rows


def _queue_key(enrolment: Enrolment) -> tuple[object, int]:
    return (enrolment.signed_up_at, enrolment.id)


def participants(session: Session, group_id: int) -> list[EnrolmentRow]:
    """Everyone signed up: enrolled (by name), then waiting (in order), then withdrawn."""
    group = get_group(session, group_id)
    enrolments = list(session.scalars(select(Enrolment).where(Enrolment.group_id == group_id)))
    rows = _rows(session, enrolments, group)
    return sorted(rows, key=lambda r: (_ORDER[r.status], r.position or 0, r.name.casefold(), r.id))


def _lock_group(session: Session, group_id: int) -> Group:
    group = session.scalar(select(Group).where(Group.id == group_id).with_for_update())
    if group is None:
        raise FamilyDeskError(_("This group no longer exists."))
    return group


def places_used(session: Session, group: Group) -> int:
    """Places taken now: enrolled people, or their families when places are per family."""
    counted = (
        func.count(func.distinct(Enrolment.family_id))
        if group.capacity_per == "family"
        else func.count()
    )
    query = select(counted).where(Enrolment.group_id == group.id, Enrolment.status == "enrolled")
    return session.scalar(query) or 0


def enrol(
    session: Session,
    group_id: int,
    person_ids: list[int],
    today: date | None = None,
    walk_in: bool = False,
    note: str = "",
) -> list[EnrolmentRow]:
    """Sign people up (usually from one family), all or none: enrolled while places last,
    then waiting. ``ValidationError`` names the person and the rule when the target or
    the age range excludes them, when sign-ups are closed (walk-ins may join a running
    group) or when they are already signed up. A walk-in is never put on the waiting
    list: when the group is full they are refused."""
    permissions.require(session, permissions.GROUPS)
    today = today or local_now().date()
    group = _lock_group(session, group_id)
    row = get_group(session, group_id, today)
    check_window(group, row, today, walk_in)
    if not person_ids:
        raise ValidationError(
            "people", _("Who signs up: choose at least one member of the family.")
        )
    people = list(
        session.scalars(select(Person).where(Person.id.in_(person_ids)).order_by(Person.id))
    )
    if len(people) != len(set(person_ids)) or len({p.family_id for p in people}) != 1:
        raise ValidationError("people", _("Who signs up: choose members of one family at a time."))
    existing = {
        e.person_id: e
        for e in session.scalars(
            select(Enrolment).where(
                Enrolment.group_id == group_id, Enrolment.person_id.in_(person_ids)
            )
        )
    }
    day = reference_day(row, today)
    for person in people:
        known = existing.get(person.id)
        if known is not None and known.status != "withdrawn":
            name = f"{person.first_name} {person.last_name}".strip()
            if known.status == "enrolled":
                raise ValidationError(
                    "people", _("{name} is already enrolled in this group.").format(name=name)
                )
            raise ValidationError(
                "people", _("{name} is already on this group's waiting list.").format(name=name)
            )
        check_person(group, row, person, day)
    family_id = people[0].family_id
    free = None if group.capacity is None else group.capacity - places_used(session, group)
    family_has_place = bool(
        session.scalar(
            select(func.count()).where(
                Enrolment.group_id == group_id,
                Enrolment.family_id == family_id,
                Enrolment.status == "enrolled",
            )
        )
    )
    now, operator = utcnow(), session.info.get("operator", "")
    saved = []
    for person in people:
        if free is None or (group.capacity_per == "family" and family_has_place):
            status = "enrolled"
        elif free > 0:
            status = "enrolled"
            if group.capacity_per == "family":
                family_has_place = True
            free -= 1
        else:
            status = "waiting"
        if status == "waiting" and walk_in:
            raise ValidationError(
                "people",
                ngettext(
                    "The group is full ({count} place taken): sign them up on the waiting list "
                    "instead.",
                    "The group is full ({count} places taken): sign them up on the waiting list "
                    "instead.",
                    group.capacity,
                ).format(count=format_number(group.capacity)),
            )
        enrolment = existing.get(person.id) or Enrolment(group_id=group_id, person_id=person.id)
        enrolment.family_id, enrolment.status = family_id, status
        enrolment.signed_up_at, enrolment.signed_up_on = now, today
        enrolment.enrolled_on = today if status == "enrolled" else None
        enrolment.withdrawn_on, enrolment.withdraw_reason = None, ""
        enrolment.to_inform, enrolment.informed_on = False, None
        enrolment.walk_in, enrolment.note = walk_in, (note or "").strip()
        enrolment.signed_up_by = operator
        session.add(enrolment)
        saved.append(enrolment)
    session.flush()
    ids = {e.id for e in saved}
    return [r for r in participants(session, group_id) if r.id in ids]


def fill_places(session: Session, group_id: int, today: date | None = None) -> list[int]:
    """Give free places to the first waiting, in sign-up order (a family moves up together
    when places are per family); returns the promoted enrolment ids, marked to inform."""
    today = today or local_now().date()
    group = _lock_group(session, group_id)
    if group.cancelled:
        return []
    waiting = sorted(
        session.scalars(
            select(Enrolment).where(Enrolment.group_id == group_id, Enrolment.status == "waiting")
        ),
        key=_queue_key,
    )
    promoted: list[int] = []
    for enrolment in waiting:
        if enrolment.status != "waiting":
            continue
        if group.capacity is not None and places_used(session, group) >= group.capacity:
            break
        moving = [enrolment]
        if group.capacity_per == "family":
            moving = [
                e for e in waiting if e.family_id == enrolment.family_id and e.status == "waiting"
            ]
        for e in moving:
            e.status, e.enrolled_on, e.to_inform = "enrolled", today, True
            promoted.append(e.id)
        session.flush()
    return promoted


def withdraw(
    session: Session, enrolment_id: int, version: int, reason: str = "", today: date | None = None
) -> WithdrawResult:
    """Withdraw a person (enrolled or waiting); a freed place goes to the first waiting
    unless the group has ended."""
    permissions.require(session, permissions.GROUPS)
    today = today or local_now().date()
    enrolment = load_for_update(session, Enrolment, enrolment_id, version)
    _lock_group(session, enrolment.group_id)
    if enrolment.status == "withdrawn":
        raise FamilyDeskError(_("This person had already withdrawn."))
    if len((reason or "").strip()) > 200:
        raise ValidationError("reason", _("Reason: at most {count} characters.").format(count=200))
    was_enrolled = enrolment.status == "enrolled"
    enrolment.status, enrolment.withdrawn_on = "withdrawn", today
    enrolment.withdraw_reason, enrolment.to_inform = (reason or "").strip(), False
    session.flush()
    promoted: list[int] = []
    group = get_group(session, enrolment.group_id, today)
    if was_enrolled and group.phase != "ended":
        promoted = fill_places(session, enrolment.group_id, today)
    rows = {r.id: r for r in participants(session, enrolment.group_id)}
    return WithdrawResult(rows[enrolment.id], tuple(rows[i] for i in promoted))


def mark_informed(
    session: Session, enrolment_id: int, version: int, today: date | None = None
) -> EnrolmentRow:
    """The promoted person was told they have a place."""
    permissions.require(session, permissions.GROUPS)
    enrolment = load_for_update(session, Enrolment, enrolment_id, version)
    enrolment.to_inform, enrolment.informed_on = False, today or local_now().date()
    session.flush()
    return next(r for r in participants(session, enrolment.group_id) if r.id == enrolment.id)


def to_inform(session: Session, group_id: int | None = None) -> list[ToInformRow]:
    """Promoted from a waiting list and not told yet (all groups, or one)."""
    require_read(session)
    query = select(Enrolment.group_id).where(Enrolment.to_inform.is_(True)).distinct()
    if group_id is not None:
        query = query.where(Enrolment.group_id == group_id)
    rows = []
    for gid in sorted(session.scalars(query)):
        group = get_group(session, gid)
        for row in participants(session, gid):
            if row.to_inform:
                rows.append(ToInformRow(gid, group.title, row))
    return rows

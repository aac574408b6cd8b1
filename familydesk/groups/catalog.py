"""Groups and courses: what they are, where, for whom, how many places; listed by phase.

Reading groups is open to every role that sees families; planning them
(creating, changing, calling one off: :mod:`familydesk.groups.editing`) needs
``GROUPS_RUN`` (educators, coordinators, admins).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.models.appointments import Place, Room
from familydesk.db.models.groups import Enrolment, Group, GroupEducator, GroupSession
from familydesk.db.models.registry import MemberComune, Operator
from familydesk.i18n import _, format_money, format_number, ngettext
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.kernel.text import fold
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions


@dataclass(frozen=True)
class GroupRow:
    id: int
    uid: str
    version: int
    title: str
    kind: str
    description: str
    place_id: int
    place: str
    comune: str
    address: str
    room_id: int | None
    room: str
    target: str
    age_from: int | None
    age_to: int | None
    age_unit: str
    capacity: int | None
    capacity_per: str
    signup_opens: date | None
    signup_closes: date | None
    language: str
    cost_cents: int | None
    cost_note: str
    completion_percent: int
    cancelled: bool
    educator_ids: tuple[int, ...]
    educators: tuple[str, ...]
    #: First and last session not cancelled (empty before sessions are planned).
    first_session: datetime | None
    last_session: datetime | None
    sessions: int
    enrolled: int
    #: Places taken: enrolled people, or their families when places are per family.
    places_taken: int
    waiting: int
    #: planned, open, running, ended or cancelled (see ``names.PHASES``).
    phase: str
    #: Sign-ups are taken today.
    signup_open: bool

    @property
    def start_date(self) -> date | None:
        """The day the age rule is checked on: the first session's day."""
        return self.first_session.date() if self.first_session else None

    @property
    def age_label(self) -> str:
        """'0-3 years', 'from 6 months'...; empty when there is no age rule."""
        return age_range_label(self.age_from, self.age_to, self.age_unit)

    @property
    def cost_label(self) -> str:
        if self.cost_cents is None:
            return _("free of charge")
        return format_money(self.cost_cents / 100)


def age_range_label(age_from: int | None, age_to: int | None, unit: str) -> str:
    if age_from is None and age_to is None:
        return ""
    if age_to is None:
        return (
            ngettext("from {n} month", "from {n} months", age_from or 0).format(n=age_from)
            if unit == "months"
            else ngettext("from {n} year", "from {n} years", age_from or 0).format(n=age_from)
        )
    low = age_from or 0
    if unit == "months":
        return ngettext("{low}-{n} month", "{low}-{n} months", age_to).format(
            low=low, n=format_number(age_to)
        )
    return ngettext("{low}-{n} year", "{low}-{n} years", age_to).format(
        low=low, n=format_number(age_to)
    )


def require_read(session: Session) -> None:
    permissions.require(session, permissions.VIEW_REGISTRY)


def phase_of(group: Group, first: datetime | None, last: datetime | None, today: date) -> str:
    if group.cancelled:
        return "cancelled"
    if last is not None and last.date() < today:
        return "ended"
    if first is not None and first.date() <= today:
        return "running"
    if signup_is_open(group, first, last, today):
        return "open"
    return "planned"


def signup_is_open(
    group: Group, first: datetime | None, last: datetime | None, today: date
) -> bool:
    """Sign-ups are taken between the window's days (open-ended sides: until the last session)."""
    if group.cancelled or (last is not None and last.date() < today):
        return False
    if group.signup_opens is not None and today < group.signup_opens:
        return False
    return group.signup_closes is None or today <= group.signup_closes


def _rows(session: Session, groups: list[Group], today: date) -> list[GroupRow]:
    ids = [g.id for g in groups]
    if not ids:
        return []
    spans = {
        row[0]: row[1:]
        for row in session.execute(
            select(
                GroupSession.group_id,
                func.min(GroupSession.starts_at),
                func.max(GroupSession.starts_at),
                func.count(),
            )
            .where(GroupSession.group_id.in_(ids), GroupSession.cancelled.is_(False))
            .group_by(GroupSession.group_id)
        )
    }
    counts: dict[tuple[int, str], int] = {
        (row[0], row[1]): row[2]
        for row in session.execute(
            select(Enrolment.group_id, Enrolment.status, func.count())
            .where(Enrolment.group_id.in_(ids))
            .group_by(Enrolment.group_id, Enrolment.status)
        )
    }
    families = dict(
        session.execute(
            select(Enrolment.group_id, func.count(func.distinct(Enrolment.family_id)))
            .where(Enrolment.group_id.in_(ids), Enrolment.status == "enrolled")
            .group_by(Enrolment.group_id)
        ).all()
    )
    educators: dict[int, list[tuple[int, str]]] = {}
    for group_id, operator_id, full_name, username in session.execute(
        select(GroupEducator.group_id, Operator.id, Operator.full_name, Operator.username)
        .join(Operator, Operator.id == GroupEducator.operator_id)
        .where(GroupEducator.group_id.in_(ids))
        .order_by(Operator.full_name, Operator.username)
    ):
        educators.setdefault(group_id, []).append((operator_id, full_name or username))
    places = {
        row[0]: row[1:]
        for row in session.execute(
            select(Place.id, Place.name, MemberComune.name, Place.address)
            .join(MemberComune, MemberComune.id == Place.comune_id)
            .where(Place.id.in_({g.place_id for g in groups}))
        )
    }
    rooms = dict(
        session.execute(
            select(Room.id, Room.name).where(Room.id.in_({g.room_id for g in groups if g.room_id}))
        ).all()
    )
    rows = []
    for g in groups:
        first, last, sessions = spans.get(g.id, (None, None, 0))
        place, comune, address = places.get(g.place_id, ("", "", ""))
        leads = educators.get(g.id, [])
        rows.append(
            GroupRow(
                id=g.id,
                uid=str(g.uid),
                version=g.version,
                title=g.title,
                kind=g.kind,
                description=g.description,
                place_id=g.place_id,
                place=place,
                comune=comune,
                address=address,
                room_id=g.room_id,
                room=rooms.get(g.room_id, ""),
                target=g.target,
                age_from=g.age_from,
                age_to=g.age_to,
                age_unit=g.age_unit,
                capacity=g.capacity,
                capacity_per=g.capacity_per,
                signup_opens=g.signup_opens,
                signup_closes=g.signup_closes,
                language=g.language,
                cost_cents=g.cost_cents,
                cost_note=g.cost_note,
                completion_percent=g.completion_percent,
                cancelled=g.cancelled,
                educator_ids=tuple(i for i, _n in leads),
                educators=tuple(n for _i, n in leads),
                first_session=first,
                last_session=last,
                sessions=sessions,
                enrolled=counts.get((g.id, "enrolled"), 0),
                places_taken=families.get(g.id, 0)
                if g.capacity_per == "family"
                else counts.get((g.id, "enrolled"), 0),
                waiting=counts.get((g.id, "waiting"), 0),
                phase=phase_of(g, first, last, today),
                signup_open=signup_is_open(g, first, last, today),
            )
        )
    return rows


def get_group(session: Session, group_id: int, today: date | None = None) -> GroupRow:
    require_read(session)
    group = session.get(Group, group_id)
    if group is None:
        raise NotFoundError(_("This group no longer exists."))
    return _rows(session, [group], today or local_now().date())[0]


def group_id_by_uid(session: Session, uid: str) -> int:
    """The group with this uid (as printed on exports); a clear message when there is none."""
    try:
        key = uuid.UUID(str(uid).strip())
    except ValueError:
        raise ValidationError(
            "group", _("Group: give the group's code (uid) as shown in the export.")
        ) from None
    group_id = session.scalar(select(Group.id).where(Group.uid == key))
    if group_id is None:
        raise NotFoundError(_("There is no group with code {uid}.").format(uid=key))
    return group_id


def list_groups(
    session: Session, phase: str | None = None, text: str = "", today: date | None = None
) -> list[GroupRow]:
    """Groups meeting now first, then those taking sign-ups, planned, ended; ``phase`` keeps one
    of ``names.PHASES`` ("open" = taking sign-ups today, including groups that already meet);
    ``text`` matches title or comune."""
    require_read(session)
    today = today or local_now().date()
    groups = session.scalars(select(Group).order_by(Group.id.desc())).all()
    rows = _rows(session, list(groups), today)
    if phase == "open":
        rows = [r for r in rows if r.signup_open]
    elif phase:
        rows = [r for r in rows if r.phase == phase]
    words = fold(text).split()
    if words:
        rows = [r for r in rows if all(w in fold(f"{r.title} {r.comune} {r.place}") for w in words)]
    order = {"running": 0, "open": 1, "planned": 2, "ended": 3, "cancelled": 4}
    return sorted(rows, key=lambda r: (order[r.phase], r.first_session or datetime.max, r.title))


def educator_choices(session: Session) -> list[tuple[int, str]]:
    """Active operators who can lead a group (educators first), as (id, name)."""
    require_read(session)
    rows = session.execute(
        select(Operator.id, Operator.full_name, Operator.username, Operator.role).where(
            Operator.active.is_(True)
        )
    ).all()
    rows = sorted(rows, key=lambda r: (r[3] != "educator", fold(r[1] or r[2])))
    return [(r[0], r[1] or r[2]) for r in rows]

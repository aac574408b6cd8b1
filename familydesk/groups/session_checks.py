"""When a group session clashes: rooms and educators busy with appointments or other sessions.

Both directions live here: ``session_conflicts`` (a session against appointments and
other sessions) and ``booked_over_sessions``, registered with
``booking.register_busy_source`` so that booking an appointment in a room, or with a
professional whose operator leads a group, is refused while a session is held there.
Sessions of a cancelled group, and cancelled sessions, hold nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from familydesk.appointments.booking import HOLDING, MAX_MINUTES, register_busy_source, span_text
from familydesk.db.models.appointments import Appointment, Room, Staff
from familydesk.db.models.groups import Group, GroupEducator, GroupSession
from familydesk.db.models.registry import Operator
from familydesk.i18n import _

#: Sessions start and end on the same day: no session started more than a day before.
_LONGEST = timedelta(days=1)


def _live_sessions_between(start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    return [
        GroupSession.starts_at < end,
        GroupSession.starts_at > start - _LONGEST,
        GroupSession.ends_at > start,
        GroupSession.cancelled.is_(False),
        Group.cancelled.is_(False),
    ]


def _room_name(session: Session, room_id: int) -> str:
    room = session.get(Room, room_id)
    return room.name if room is not None else "?"


def _leaders(
    session: Session, group_ids: Iterable[int], operator_ids: set[int]
) -> dict[int, list[int]]:
    """group id -> the given operators who lead it."""
    found: dict[int, list[int]] = {}
    for group_id, operator_id in session.execute(
        select(GroupEducator.group_id, GroupEducator.operator_id)
        .where(
            GroupEducator.group_id.in_(set(group_ids)), GroupEducator.operator_id.in_(operator_ids)
        )
        .order_by(GroupEducator.operator_id)
    ):
        found.setdefault(group_id, []).append(operator_id)
    return found


def operator_names(session: Session, operator_ids: Iterable[int]) -> dict[int, str]:
    return {
        row[0]: row[1] or row[2]
        for row in session.execute(
            select(Operator.id, Operator.full_name, Operator.username).where(
                Operator.id.in_(set(operator_ids))
            )
        )
    }


def session_conflicts(
    session: Session,
    starts_at: datetime,
    ends_at: datetime,
    room_id: int | None,
    operator_ids: set[int],
    exclude: tuple[int, ...] = (),
) -> list[str]:
    """Why the room or the educators (operator ids) are busy from ``starts_at`` to
    ``ends_at``: appointments holding the room or the educators' staff records, and
    other sessions (not ``exclude``) in the room or led by them. Empty: they are free."""
    reasons = _appointment_clashes(session, starts_at, ends_at, room_id, operator_ids)
    clauses: list[ColumnElement[bool]] = []
    if room_id is not None:
        clauses.append(GroupSession.room_id == room_id)
    if operator_ids:
        led = select(GroupEducator.group_id).where(GroupEducator.operator_id.in_(operator_ids))
        clauses.append(GroupSession.group_id.in_(led))
    if not clauses:
        return reasons
    query = (
        select(GroupSession, Group.title)
        .join(Group, Group.id == GroupSession.group_id)
        .where(*_live_sessions_between(starts_at, ends_at), or_(*clauses))
        .order_by(GroupSession.starts_at, GroupSession.id)
    )
    if exclude:
        query = query.where(GroupSession.id.not_in(exclude))
    hits = session.execute(query).all()
    if not hits:
        return reasons
    leaders = _leaders(session, {s.group_id for s, _t in hits}, operator_ids)
    names = operator_names(session, {o for ids in leaders.values() for o in ids})
    for other, title in hits:
        span = span_text(other.starts_at, other.ends_at)
        if room_id is not None and other.room_id == room_id:
            reasons.append(
                _('room {room} is taken by the group "{group}" on {span}').format(
                    room=_room_name(session, room_id), group=title, span=span
                )
            )
        for operator_id in leaders.get(other.group_id, ()):
            reasons.append(
                _('{name} leads the group "{group}" on {span}').format(
                    name=names.get(operator_id, "?"), group=title, span=span
                )
            )
    return list(dict.fromkeys(reasons))


def _appointment_clashes(
    session: Session, start: datetime, end: datetime, room_id: int | None, operator_ids: set[int]
) -> list[str]:
    staff = (
        dict(
            session.execute(
                select(Staff.id, Staff.operator_id).where(Staff.operator_id.in_(operator_ids))
            ).all()
        )
        if operator_ids
        else {}
    )
    clauses: list[ColumnElement[bool]] = []
    if room_id is not None:
        clauses.append(Appointment.room_id == room_id)
    if staff:
        clauses += [Appointment.staff_id.in_(staff), Appointment.interpreter_id.in_(staff)]
    if not clauses:
        return []
    appointments = session.scalars(
        select(Appointment)
        .where(
            Appointment.starts_at < end,
            Appointment.starts_at > start - timedelta(minutes=MAX_MINUTES),
            Appointment.ends_at > start,
            Appointment.status.in_(HOLDING),
            or_(*clauses),
        )
        .order_by(Appointment.starts_at, Appointment.id)
    ).all()
    names = operator_names(session, staff.values()) if appointments and staff else {}
    reasons = []
    for other in appointments:
        span = span_text(other.starts_at, other.ends_at)
        for staff_id in sorted(set(staff) & {other.staff_id, other.interpreter_id}):
            reasons.append(
                _("{name} already has an appointment on {span}").format(
                    name=names.get(staff[staff_id], "?"), span=span
                )
            )
        if room_id is not None and other.room_id == room_id:
            reasons.append(
                _("room {room} is taken on {span}").format(
                    room=_room_name(session, room_id), span=span
                )
            )
    return reasons


def own_overlaps(
    session: Session, group_id: int, start: datetime, end: datetime, exclude: tuple[int, ...] = ()
) -> tuple[list[int], list[str]]:
    """The group's own sessions (not cancelled) overlapping ``start``-``end``: ids, reasons."""
    query = select(GroupSession.id, GroupSession.starts_at, GroupSession.ends_at).where(
        GroupSession.group_id == group_id,
        GroupSession.cancelled.is_(False),
        GroupSession.starts_at < end,
        GroupSession.starts_at > start - _LONGEST,
        GroupSession.ends_at > start,
    )
    if exclude:
        query = query.where(GroupSession.id.not_in(exclude))
    rows = session.execute(query.order_by(GroupSession.starts_at)).all()
    reasons = [
        _("the group already meets on {span}").format(span=span_text(s, e)) for _i, s, e in rows
    ]
    return [row[0] for row in rows], reasons


def lock(session: Session, group_id: int, room_id: int | None, operator_ids: set[int]) -> None:
    """Lock, in booking's order (staff, room) then the educators and the group, the rows a
    session depends on until commit (no-op on SQLite: BEGIN IMMEDIATE holds the database)."""
    ids = sorted(operator_ids)
    session.execute(
        select(Staff.id).where(Staff.operator_id.in_(ids)).order_by(Staff.id).with_for_update()
    )
    if room_id is not None:
        session.execute(select(Room.id).where(Room.id == room_id).with_for_update())
    session.execute(
        select(Operator.id).where(Operator.id.in_(ids)).order_by(Operator.id).with_for_update()
    )
    session.execute(select(Group.id).where(Group.id == group_id).with_for_update())


def booked_over_sessions(
    session: Session, start: datetime, end: datetime, staff_ids: set[int], room_ids: set[int]
) -> list[str]:
    """Busy source for bookings: group sessions in ``room_ids`` or led by the operators
    of ``staff_ids`` that overlap ``start``-``end`` (one query when nothing clashes)."""
    operators = select(Staff.operator_id).where(
        Staff.id.in_(staff_ids), Staff.operator_id.is_not(None)
    )
    led = select(GroupEducator.group_id).where(GroupEducator.operator_id.in_(operators))
    hits = session.execute(
        select(GroupSession, Group.title)
        .join(Group, Group.id == GroupSession.group_id)
        .where(
            *_live_sessions_between(start, end),
            or_(GroupSession.room_id.in_(room_ids), GroupSession.group_id.in_(led)),
        )
        .order_by(GroupSession.starts_at, GroupSession.id)
    ).all()
    if not hits:
        return []
    staff = session.execute(
        select(Staff.id, Staff.name, Staff.operator_id)
        .where(Staff.id.in_(staff_ids), Staff.operator_id.is_not(None))
        .order_by(Staff.id)
    ).all()
    leaders = _leaders(session, {s.group_id for s, _t in hits}, {row[2] for row in staff})
    reasons = []
    for other, title in hits:
        span = span_text(other.starts_at, other.ends_at)
        if other.room_id in room_ids:
            reasons.append(
                _('room {room} is taken by the group "{group}" on {span}').format(
                    room=_room_name(session, other.room_id), group=title, span=span
                )
            )
        for _id, name, operator_id in staff:
            if operator_id in leaders.get(other.group_id, ()):
                reasons.append(
                    _('{name} leads the group "{group}" on {span}').format(
                        name=name, group=title, span=span
                    )
                )
    return reasons


register_busy_source(booked_over_sessions)

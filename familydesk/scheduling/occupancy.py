"""What is busy when: rooms, staff (professionals and interpreters), educators and families,
held by appointments and by group sessions.

Appointments and groups both ask here before they write, so an appointment and a group
session never hold the same room or person at once, whichever is saved first. The
questions read both capabilities' tables (through ``familydesk.db.models``); neither
capability imports the other:

- :func:`booking_conflicts`: why an appointment cannot take a slot (other appointments of
  its professional, interpreter, room or family; group sessions in its room or led by the
  operator its professional or interpreter signs in as);
- :func:`session_conflicts`: why a group session cannot (appointments in its room or held
  by its educators' staff records; other groups' sessions in its room or led by them);
- :func:`group_overlaps`: a group's own sessions over a span;
- :func:`busy_map`: everything held over some days, for the free-slot finder.

Sessions of a cancelled group, cancelled sessions and cancelled appointments hold nothing.
The words of each refusal are :mod:`familydesk.scheduling.refusals`.

The lock order
--------------
A writer checks, then writes, in one transaction. Before checking it locks, with
:func:`lock`, the rows its check depends on until commit (``SELECT ... FOR UPDATE`` on
PostgreSQL; on SQLite the writer already holds the database from ``BEGIN IMMEDIATE``).
Two desks booking the same slot are therefore serialised, and the second one sees the
first one's appointment. Every writer takes these locks in ONE order, so two transactions
never wait for each other in a circle::

    staff  ->  room  ->  family  ->  operator  ->  group        (each table by ascending id)

A booking locks its professional and interpreter, its room and its family; a group session
its educators' staff records, its room, its educators and its group; an enrolment only its
group (the last in the order). The audit trail's advisory lock comes after all of them: it
is taken when the first audited change is flushed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from familydesk.db.models.appointments import Appointment, Room, Staff
from familydesk.db.models.groups import Group, GroupEducator, GroupSession
from familydesk.db.models.registry import Family, Operator
from familydesk.i18n import _
from familydesk.scheduling import refusals

#: Longest appointment (minutes): bounds the overlap search so it stays on the indexes.
MAX_MINUTES = 480
#: Appointment statuses that hold the slot (a cancelled appointment frees it).
HOLDING = ("booked", "confirmed", "done", "no_show")
#: Sessions start and end on the same day: no session started more than a day before.
SESSION_LONGEST = timedelta(days=1)

#: Intervals held, by ``("staff" | "room" | "family", id)``.
BusyMap = dict[tuple[str, int], list[tuple[datetime, datetime]]]


def lock(
    session: Session,
    *,
    staff: Iterable[int] = (),
    rooms: Iterable[int | None] = (),
    families: Iterable[int | None] = (),
    operators: Iterable[int] = (),
    groups: Iterable[int] = (),
) -> None:
    """Lock until commit, in the one lock order (staff, room, family, operator, group; each
    by id), the rows a check depends on. ``staff`` are staff ids; the staff records of
    ``operators`` are locked with them. ``None`` among rooms or families is ignored.
    A no-op on SQLite, where ``BEGIN IMMEDIATE`` already holds the database."""
    staff_ids, operator_ids = sorted(set(staff)), sorted(set(operators))
    if staff_ids or operator_ids:
        session.execute(
            select(Staff.id)
            .where(or_(Staff.id.in_(staff_ids), Staff.operator_id.in_(operator_ids)))
            .order_by(Staff.id)
            .with_for_update()
        )
    for model, ids in (
        (Room, rooms),
        (Family, families),
        (Operator, operator_ids),
        (Group, groups),
    ):
        wanted = sorted(set(ids) - {None})
        if wanted:
            session.execute(
                select(model.id).where(model.id.in_(wanted)).order_by(model.id).with_for_update()
            )


def booking_conflicts(
    session: Session,
    start: datetime,
    end: datetime,
    staff_ids: set[int],
    room_id: int | None,
    family_id: int | None,
    exclude: Sequence[int] = (),
) -> list[str]:
    """Why an appointment of ``staff_ids`` (professional and interpreter), in ``room_id``,
    for ``family_id``, cannot be held ``start``-``end``: other appointments (not
    ``exclude``) and group sessions. Empty: it can. Two queries when nothing clashes."""
    rooms: set[int] = {room_id} - {None}  # type: ignore[assignment]
    reasons = refusals.appointment_reasons(
        session,
        _appointments_over(session, start, end, _holding(staff_ids, rooms, family_id), exclude),
        staff_ids,
        lambda staff_id: refusals.staff_name(session, staff_id),
        room_id,
        family_id,
    )
    operators = select(Staff.operator_id).where(
        Staff.id.in_(staff_ids), Staff.operator_id.is_not(None)
    )
    hits = _sessions_over(session, start, end, rooms, operators)  # type: ignore[arg-type]
    if hits:
        people = session.execute(
            select(Staff.operator_id, Staff.name)
            .where(Staff.id.in_(staff_ids), Staff.operator_id.is_not(None))
            .order_by(Staff.id)
        ).all()
        reasons += _session_reasons(session, hits, rooms, [(o, n) for o, n in people])
    return list(dict.fromkeys(reasons))


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
    staff: dict[int, int] = (
        dict(
            session.execute(  # type: ignore[arg-type]
                select(Staff.id, Staff.operator_id).where(Staff.operator_id.in_(operator_ids))
            ).all()
        )
        if operator_ids
        else {}
    )
    rooms: set[int] = {room_id} - {None}  # type: ignore[assignment]
    others = _appointments_over(session, starts_at, ends_at, _holding(staff, rooms, None))
    names = refusals.operator_names(session, staff.values()) if others and staff else {}
    reasons = refusals.appointment_reasons(
        session, others, set(staff), lambda s: names.get(staff[s], "?"), room_id, None
    )
    hits = _sessions_over(session, starts_at, ends_at, rooms, operator_ids, exclude)
    if hits:
        people = sorted(refusals.operator_names(session, operator_ids).items())
        reasons += _session_reasons(session, hits, rooms, people)
    return list(dict.fromkeys(reasons))


def group_overlaps(
    session: Session, group_id: int, start: datetime, end: datetime, exclude: tuple[int, ...] = ()
) -> tuple[list[int], list[str]]:
    """The group's own sessions (not cancelled) overlapping ``start``-``end``: ids, reasons."""
    query = select(GroupSession.id, GroupSession.starts_at, GroupSession.ends_at).where(
        GroupSession.group_id == group_id,
        GroupSession.cancelled.is_(False),
        GroupSession.starts_at < end,
        GroupSession.starts_at > start - SESSION_LONGEST,
        GroupSession.ends_at > start,
    )
    if exclude:
        query = query.where(GroupSession.id.not_in(exclude))
    rows = session.execute(query.order_by(GroupSession.starts_at)).all()
    reasons = [
        _("the group already meets on {span}").format(span=refusals.span(s, e)) for _i, s, e in rows
    ]
    return [row[0] for row in rows], reasons


def busy_map(
    session: Session,
    first_day: date,
    last_day: date,
    staff_ids: set[int],
    room_ids: Collection[int],
    family_id: int | None,
    exclude: Sequence[int] = (),
) -> BusyMap:
    """Every interval from ``first_day`` to ``last_day`` held for the given staff, rooms
    and family: their appointments (not ``exclude``), the group sessions in the rooms,
    and the sessions led by the operators the staff sign in as. Three queries."""
    since = datetime.combine(first_day, time())
    until = datetime.combine(last_day + timedelta(days=1), time())
    rows = session.execute(
        select(
            Appointment.id,
            Appointment.staff_id,
            Appointment.interpreter_id,
            Appointment.room_id,
            Appointment.family_id,
            Appointment.starts_at,
            Appointment.ends_at,
        ).where(
            Appointment.starts_at >= since,
            Appointment.starts_at < until,
            Appointment.status.in_(HOLDING),
            or_(*_holding(staff_ids, room_ids, family_id)),
        )
    )
    busy: BusyMap = defaultdict(list)
    for id_, staff_id, interpreter_id, room_id, family, start, end in rows:
        if id_ in exclude:
            continue
        for key in (("staff", staff_id), ("staff", interpreter_id), ("room", room_id)):
            if key[1] is not None:
                busy[key].append((start, end))
        if family is not None:
            busy[("family", family)].append((start, end))
    _sessions_into(session, busy, since, until, staff_ids, set(room_ids))
    return busy


def _sessions_into(
    session: Session,
    busy: BusyMap,
    since: datetime,
    until: datetime,
    staff_ids: set[int],
    room_ids: set[int],
) -> None:
    """Add to ``busy`` the sessions from ``since`` to ``until`` that hold the rooms or the
    staff (through the operators who lead them)."""
    staff_of: dict[int, list[int]] = defaultdict(list)
    for staff_id, operator_id in session.execute(
        select(Staff.id, Staff.operator_id)
        .where(Staff.id.in_(staff_ids), Staff.operator_id.is_not(None))
        .order_by(Staff.id)
    ):
        staff_of[operator_id].append(staff_id)
    hits = _sessions_over(session, since, until, room_ids, list(staff_of))
    leaders = _leaders(session, {s.group_id for s, _t in hits}, set(staff_of)) if hits else {}
    for other, _title in hits:
        held = (other.starts_at, other.ends_at)
        if other.room_id in room_ids:
            busy[("room", other.room_id)].append(held)
        for operator_id in leaders.get(other.group_id, ()):
            for staff_id in staff_of[operator_id]:
                busy[("staff", staff_id)].append(held)


def _holding(
    staff_ids: Collection[int], room_ids: Collection[int], family_id: int | None
) -> list[ColumnElement[bool]]:
    """Appointments of the staff (as professional or interpreter), in the rooms or of the
    family."""
    clauses: list[ColumnElement[bool]] = []
    if staff_ids:
        clauses += [Appointment.staff_id.in_(staff_ids), Appointment.interpreter_id.in_(staff_ids)]
    if room_ids:
        clauses.append(Appointment.room_id.in_(room_ids))
    if family_id is not None:
        clauses.append(Appointment.family_id == family_id)
    return clauses


def _appointments_over(
    session: Session,
    start: datetime,
    end: datetime,
    clauses: list[ColumnElement[bool]],
    exclude: Sequence[int] = (),
) -> list[Appointment]:
    """Holding appointments overlapping ``start``-``end`` that match any of ``clauses``."""
    if not clauses:
        return []
    query = select(Appointment).where(
        Appointment.starts_at < end,
        Appointment.starts_at > start - timedelta(minutes=MAX_MINUTES),
        Appointment.ends_at > start,
        Appointment.status.in_(HOLDING),
        or_(*clauses),
    )
    if exclude:
        query = query.where(Appointment.id.not_in(exclude))
    return list(session.scalars(query.order_by(Appointment.starts_at, Appointment.id)))


def _led_by(operators: Iterable[int] | Select[tuple[int | None]]) -> Select[tuple[int]]:
    """The ids of the groups that ``operators`` (ids, or a query of ids) lead."""
    ids = operators if isinstance(operators, Select) else set(operators)
    return select(GroupEducator.group_id).where(GroupEducator.operator_id.in_(ids))


def _sessions_over(
    session: Session,
    start: datetime,
    end: datetime,
    room_ids: set[int],
    operators: Collection[int] | Select[tuple[int | None]],
    exclude: tuple[int, ...] = (),
) -> list[tuple[GroupSession, str]]:
    """Live sessions (and their group's title) overlapping ``start``-``end``, in
    ``room_ids`` or led by ``operators`` (ids, or a query of ids)."""
    clauses: list[ColumnElement[bool]] = []
    if room_ids:
        clauses.append(GroupSession.room_id.in_(room_ids))
    if isinstance(operators, Select) or operators:
        clauses.append(GroupSession.group_id.in_(_led_by(operators)))
    if not clauses:
        return []
    query = (
        select(GroupSession, Group.title)
        .join(Group, Group.id == GroupSession.group_id)
        .where(
            GroupSession.starts_at < end,
            GroupSession.starts_at > start - SESSION_LONGEST,
            GroupSession.ends_at > start,
            GroupSession.cancelled.is_(False),
            Group.cancelled.is_(False),
            or_(*clauses),
        )
        .order_by(GroupSession.starts_at, GroupSession.id)
    )
    if exclude:
        query = query.where(GroupSession.id.not_in(exclude))
    return [(row[0], row[1]) for row in session.execute(query)]


def _session_reasons(
    session: Session,
    hits: list[tuple[GroupSession, str]],
    room_ids: set[int],
    people: Sequence[tuple[int, str]],
) -> list[str]:
    leaders = _leaders(session, {s.group_id for s, _t in hits}, {o for o, _n in people})
    return refusals.session_reasons(session, hits, room_ids, people, leaders)


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

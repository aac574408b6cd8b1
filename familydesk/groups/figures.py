"""Figures per group and per period, computed from the attendance records.

- sessions held: not cancelled and started (within the period);
- hours delivered: the length of the sessions held;
- people and families reached: distinct ones marked present at least once;
- attendance rate: present marks / all marks recorded on sessions held;
- completion: present at least ``completion_percent`` of the group's sessions that are
  not cancelled; completion rate: completed / enrolled (not withdrawn);
- waiting list: people waiting now.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.models.groups import Attendance, Enrolment, GroupSession
from familydesk.groups.catalog import GroupRow, get_group, list_groups
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions


@dataclass(frozen=True)
class Completion:
    enrolment_id: int
    person_id: int | None
    present: int
    #: Sessions not cancelled (the course's length).
    sessions: int
    #: Present marks needed to complete.
    needed: int
    completed: bool
    hours_attended: float


@dataclass(frozen=True)
class GroupFigures:
    group_id: int
    group_uid: str
    title: str
    kind: str
    comune: str
    sessions_planned: int
    sessions_held: int
    hours_delivered: float
    people_reached: int
    families_reached: int
    present_marks: int
    recorded_marks: int
    #: present / recorded (None when nothing was recorded).
    attendance_rate: float | None
    enrolled: int
    completed: int
    #: completed / enrolled (None when nobody is enrolled).
    completion_rate: float | None
    waiting: int


@dataclass(frozen=True)
class PeriodFigures:
    first_day: date
    last_day: date
    groups: tuple[GroupFigures, ...]
    #: Totals; people and families counted once across groups.
    total: GroupFigures


def _hours(starts_at: datetime, ends_at: datetime) -> float:
    return (ends_at - starts_at).total_seconds() / 3600


def needed_sessions(sessions: int, percent: int) -> int:
    """Present marks needed to complete: ``percent`` of ``sessions``, rounded up."""
    return math.ceil(sessions * percent / 100)


def completions(session: Session, group_id: int) -> dict[int, Completion]:
    """Completion of every enrolled (not withdrawn) person, by enrolment id."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    group = get_group(session, group_id)
    meetings = {
        row[0]: _hours(row[1], row[2])
        for row in session.execute(
            select(GroupSession.id, GroupSession.starts_at, GroupSession.ends_at).where(
                GroupSession.group_id == group_id, GroupSession.cancelled.is_(False)
            )
        )
    }
    needed = needed_sessions(len(meetings), group.completion_percent)
    attended: dict[int, list[int]] = {}
    for enrolment_id, session_id in session.execute(
        select(Attendance.enrolment_id, Attendance.session_id)
        .join(Enrolment, Enrolment.id == Attendance.enrolment_id)
        .where(Enrolment.group_id == group_id, Attendance.mark == "present")
    ):
        if session_id in meetings:
            attended.setdefault(enrolment_id, []).append(session_id)
    result = {}
    for enrolment_id, person_id in session.execute(
        select(Enrolment.id, Enrolment.person_id).where(
            Enrolment.group_id == group_id, Enrolment.status == "enrolled"
        )
    ):
        present = attended.get(enrolment_id, [])
        result[enrolment_id] = Completion(
            enrolment_id=enrolment_id,
            person_id=person_id,
            present=len(present),
            sessions=len(meetings),
            needed=needed,
            completed=bool(meetings) and len(present) >= needed,
            hours_attended=round(sum(meetings[s] for s in present), 2),
        )
    return result


@dataclass(frozen=True)
class _Reach:
    """What a group's figures count, kept to add groups up without counting anyone twice."""

    figures: GroupFigures
    people: frozenset[object]
    families: frozenset[object]


def _reach(
    session: Session, group: GroupRow, first_day: date | None, last_day: date | None, now: datetime
) -> _Reach:
    query = select(GroupSession.id, GroupSession.starts_at, GroupSession.ends_at).where(
        GroupSession.group_id == group.id, GroupSession.cancelled.is_(False)
    )
    if first_day is not None:
        query = query.where(
            GroupSession.starts_at >= datetime.combine(first_day, datetime.min.time())
        )
    if last_day is not None:
        query = query.where(
            GroupSession.starts_at <= datetime.combine(last_day, datetime.max.time())
        )
    planned = session.execute(query).all()
    held = {row[0]: _hours(row[1], row[2]) for row in planned if row[1] <= now}
    present_marks = recorded = 0
    people: set[object] = set()
    families: set[object] = set()
    if held:
        for mark, person_id, family_id, enrolment_id in session.execute(
            select(Attendance.mark, Enrolment.person_id, Enrolment.family_id, Enrolment.id)
            .join(Enrolment, Enrolment.id == Attendance.enrolment_id)
            .where(Attendance.session_id.in_(list(held)))
        ):
            recorded += 1
            if mark == "present":
                present_marks += 1
                people.add(person_id or ("enrolment", enrolment_id))
                families.add(family_id or ("enrolment", enrolment_id))
    done = completions(session, group.id)
    completed = sum(1 for c in done.values() if c.completed)
    figures = GroupFigures(
        group_id=group.id,
        group_uid=group.uid,
        title=group.title,
        kind=group.kind,
        comune=group.comune,
        sessions_planned=len(planned),
        sessions_held=len(held),
        hours_delivered=round(sum(held.values()), 2),
        people_reached=len(people),
        families_reached=len(families),
        present_marks=present_marks,
        recorded_marks=recorded,
        attendance_rate=present_marks / recorded if recorded else None,
        enrolled=len(done),
        completed=completed,
        completion_rate=completed / len(done) if done else None,
        waiting=group.waiting,
    )
    return _Reach(figures, frozenset(people), frozenset(families))


def group_figures(
    session: Session,
    group_id: int,
    first_day: date | None = None,
    last_day: date | None = None,
    now: datetime | None = None,
) -> GroupFigures:
    """A group's figures, over all its sessions or those within the period."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    group = get_group(session, group_id)
    return _reach(session, group, first_day, last_day, now or local_now()).figures


def _total(reaches: Iterable[_Reach], first_day: date, last_day: date) -> GroupFigures:
    reaches = list(reaches)
    rows = [r.figures for r in reaches]
    people = frozenset().union(*(r.people for r in reaches))
    families = frozenset().union(*(r.families for r in reaches))
    present, recorded = sum(f.present_marks for f in rows), sum(f.recorded_marks for f in rows)
    enrolled, completed = sum(f.enrolled for f in rows), sum(f.completed for f in rows)
    return GroupFigures(
        group_id=0,
        group_uid="",
        title="",
        kind="",
        comune="",
        sessions_planned=sum(f.sessions_planned for f in rows),
        sessions_held=sum(f.sessions_held for f in rows),
        hours_delivered=round(sum(f.hours_delivered for f in rows), 2),
        people_reached=len(people),
        families_reached=len(families),
        present_marks=present,
        recorded_marks=recorded,
        attendance_rate=present / recorded if recorded else None,
        enrolled=enrolled,
        completed=completed,
        completion_rate=completed / enrolled if enrolled else None,
        waiting=sum(f.waiting for f in rows),
    )


def period_figures(
    session: Session, first_day: date, last_day: date, now: datetime | None = None
) -> PeriodFigures:
    """Every group with a session held in the period, with its figures within the period;
    the total counts a person or family reached by several groups once."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    now = now or local_now()
    start = datetime.combine(first_day, datetime.min.time())
    end = datetime.combine(last_day, datetime.max.time())
    active = set(
        session.scalars(
            select(GroupSession.group_id)
            .where(
                GroupSession.cancelled.is_(False),
                GroupSession.starts_at >= start,
                GroupSession.starts_at <= end,
                GroupSession.starts_at <= now,
            )
            .group_by(GroupSession.group_id)
            .having(func.count() > 0)
        )
    )
    groups = [g for g in list_groups(session) if g.id in active]
    reaches = [_reach(session, g, first_day, last_day, now) for g in groups]
    return PeriodFigures(
        first_day, last_day, tuple(r.figures for r in reaches), _total(reaches, first_day, last_day)
    )

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

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session


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


def completions(session: Session, group_id: int) -> dict[int, Completion]:
    """Completion of every enrolled (not withdrawn) person, by enrolment id."""
    raise NotImplementedError


def group_figures(session: Session, group_id: int, first_day: date | None = None,
                  last_day: date | None = None, now: datetime | None = None) -> GroupFigures:  # fmt: skip
    raise NotImplementedError


def period_figures(session: Session, first_day: date, last_day: date,
                   now: datetime | None = None) -> PeriodFigures:  # fmt: skip
    """Every group with a session held in the period, with its figures within the period."""
    raise NotImplementedError

"""Attendance: one mark per enrolled person per session held, saved a session at a time.

The grid is participants x sessions. Saving a session's marks replaces them in
one transaction and moves the session's version on, so two educators saving the
same session at once get a clear conflict instead of mixing their marks. Only
people enrolled on the session's day (not waiting, not yet withdrawn) can be
marked, and only on sessions held (not cancelled, already started).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from familydesk.groups.enrolment import EnrolmentRow
from familydesk.groups.sessions import SessionRow


@dataclass(frozen=True)
class AttendanceGrid:
    group_id: int
    sessions: tuple[SessionRow, ...]
    #: Enrolled people, then withdrawn ones who have marks (by name).
    participants: tuple[EnrolmentRow, ...]
    #: (enrolment id, session id) -> present / absent / excused.
    marks: dict[tuple[int, int], str]
    #: (enrolment id, session id) pairs that may be marked.
    markable: frozenset[tuple[int, int]]


def attendance_grid(session: Session, group_id: int, now: datetime | None = None) -> AttendanceGrid:
    """The whole grid of a group in a few queries."""
    raise NotImplementedError


def save_attendance(session: Session, session_id: int, version: int,
                    marks: dict[int, str | None], now: datetime | None = None) -> SessionRow:  # fmt: skip
    """Replace a session's marks (``enrolment id -> mark``, None clears one); refused for
    sessions not held and for people not enrolled that day, nothing saved then."""
    raise NotImplementedError


def add_walk_in(session: Session, session_id: int, version: int, person_id: int,
                now: datetime | None = None) -> SessionRow:  # fmt: skip
    """Someone who came on the spot: signed up (walk-in) and marked present at the session."""
    raise NotImplementedError

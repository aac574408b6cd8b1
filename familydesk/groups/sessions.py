"""Sessions of a group: planned from a weekly pattern, then moved, cancelled or added one by one.

A pattern ("every Tuesday 17:00-19:00, 16 times from 13 January") skips public
holidays, the comune's patron day and the place's closures, and keeps the
count by going on past them. Every session is checked like an appointment:
its room must be free of appointments and of other groups' sessions, and its
educators must not lead another session at the same time (nor, when they are
also bookable staff, hold an appointment). Plans are saved whole or not at all.

Group sessions keep their own hours: they often meet in the evening, outside
the desk's opening hours, so opening hours are not a rule here; closed days are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from familydesk.errors import FamilyDeskError
from familydesk.i18n import _


@dataclass(frozen=True)
class Pattern:
    """A weekly pattern: ``weekday`` (0 = Monday), from ``starts`` to ``ends``, from
    ``first_day`` on, ``count`` sessions or until ``until`` (one of the two), every
    ``every_weeks`` weeks; in ``room_id`` (empty: the group's room)."""

    weekday: int
    starts: time
    ends: time
    first_day: date
    count: int | None = None
    until: date | None = None
    every_weeks: int = 1
    room_id: int | None = None


@dataclass(frozen=True)
class PlannedDate:
    """One date of a pattern's preview: skipped (with the reason) or planned."""

    starts_at: datetime
    ends_at: datetime
    skipped: str | None = None


@dataclass(frozen=True)
class SessionRow:
    id: int
    uid: str
    version: int
    group_id: int
    #: 1-based position among all the group's sessions by start time (cancelled included).
    number: int
    starts_at: datetime
    ends_at: datetime
    place_id: int
    place: str
    room_id: int | None
    room: str
    topic: str
    cancelled: bool
    cancel_reason: str
    extra: bool
    #: Not cancelled and already started: attendance can be taken.
    held: bool

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def status(self) -> str:
        """held, planned or cancelled."""
        return "cancelled" if self.cancelled else "held" if self.held else "planned"


class SessionConflict(FamilyDeskError):
    """A session cannot be held then and there; carries every reason."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__(
            _("This session cannot be planned: {reasons}.").format(reasons="; ".join(reasons))
        )


def sessions_of(session: Session, group_id: int, now: datetime | None = None) -> list[SessionRow]:
    """The group's sessions by start time, numbered from 1."""
    raise NotImplementedError


def session_by_number(session: Session, group_id: int, number: int,
                      now: datetime | None = None) -> SessionRow:  # fmt: skip
    """Session ``number`` (as printed), or a clear ``ValidationError`` naming the range."""
    raise NotImplementedError


def preview_sessions(session: Session, group_id: int, pattern: Pattern) -> list[PlannedDate]:
    """The dates a pattern gives, with the skipped ones and why (nothing is saved)."""
    raise NotImplementedError


def plan_sessions(session: Session, group_id: int, pattern: Pattern) -> list[SessionRow]:
    """Add the pattern's sessions to the group (skipping closed days, keeping the count);
    ``SessionConflict`` with every clash and nothing saved when one cannot be held."""
    raise NotImplementedError


def add_session(session: Session, group_id: int, starts_at: datetime, ends_at: datetime,
                topic: str = "", room_id: int | None = None) -> SessionRow:  # fmt: skip
    """An extra session (``extra``), checked like the planned ones."""
    raise NotImplementedError


def change_session(session: Session, session_id: int, version: int, starts_at: datetime,
                   ends_at: datetime, room_id: int | None, topic: str) -> SessionRow:  # fmt: skip
    """Move a session (checked again) and/or change its topic."""
    raise NotImplementedError


def cancel_session(session: Session, session_id: int, version: int, reason: str) -> SessionRow:
    """Cancel a session with a reason (required); refused when attendance was taken."""
    raise NotImplementedError


def session_conflicts(session: Session, starts_at: datetime, ends_at: datetime,
                      room_id: int | None, operator_ids: set[int],
                      exclude: tuple[int, ...] = ()) -> list[str]:  # fmt: skip
    """Why the room or the educators are busy then (appointments and other sessions)."""
    raise NotImplementedError

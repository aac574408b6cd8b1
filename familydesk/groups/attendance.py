"""Attendance: one mark per enrolled person per session held, saved a session at a time.

The grid is participants x sessions. Saving a session's marks replaces them in
one transaction and moves the session's version on, so two educators saving the
same session at once get a clear conflict instead of mixing their marks. Only
people enrolled on the session's day (not waiting, not yet withdrawn) can be
marked, and only on sessions held (not cancelled, already started).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.groups import Attendance, Enrolment, Group, GroupSession
from familydesk.groups.enrolment import EnrolmentRow, enrol, participants
from familydesk.groups.names import MARKS
from familydesk.groups.sessions import SessionRow, sessions_of
from familydesk.i18n import _, format_date
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import touch
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import audit, permissions


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


def enrolled_on_day(enrolled_on: date | None, withdrawn_on: date | None, day: date) -> bool:
    """Had a place that day: enrolled on or before it, and not withdrawn on or before it."""
    return (
        enrolled_on is not None
        and enrolled_on <= day
        and (withdrawn_on is None or withdrawn_on > day)
    )


def _markable(person: EnrolmentRow, sessions: tuple[SessionRow, ...]) -> set[tuple[int, int]]:
    return {
        (person.id, s.id)
        for s in sessions
        if s.held and enrolled_on_day(person.enrolled_on, person.withdrawn_on, s.starts_at.date())
    }


def attendance_grid(session: Session, group_id: int, now: datetime | None = None) -> AttendanceGrid:
    """The whole grid of a group in a few queries."""
    sessions = tuple(sessions_of(session, group_id, now))
    marks = {
        (enrolment_id, session_id): mark
        for enrolment_id, session_id, mark in session.execute(
            select(Attendance.enrolment_id, Attendance.session_id, Attendance.mark)
            .join(GroupSession, GroupSession.id == Attendance.session_id)
            .where(GroupSession.group_id == group_id)
        )
    }
    marked = {enrolment_id for enrolment_id, _s in marks}
    people = tuple(
        p
        for p in participants(session, group_id)
        if p.status == "enrolled" or (p.status == "withdrawn" and p.id in marked)
    )
    markable: set[tuple[int, int]] = set()
    for person in people:
        markable |= _markable(person, sessions)
    return AttendanceGrid(group_id, sessions, people, marks, frozenset(markable))


def open_attendance(session: Session, group_id: int, now: datetime | None = None) -> AttendanceGrid:
    """The grid opened by an operator: the access to the participants is audited."""
    grid = attendance_grid(session, group_id, now)
    audit.record(session, "open", session.get(Group, group_id), note="attendance")
    return grid


def save_attendance(
    session: Session,
    session_id: int,
    version: int,
    marks: dict[int, str | None],
    now: datetime | None = None,
) -> SessionRow:
    """Replace a session's marks (``enrolment id -> mark``, None clears one); refused for
    sessions not held and for people not enrolled that day, nothing saved then."""
    permissions.require(session, permissions.GROUPS_RUN)
    now = now or local_now()
    meeting = load_for_update(session, GroupSession, session_id, version)
    day = meeting.starts_at.date()
    if meeting.cancelled:
        raise ValidationError(
            "session",
            _("The session of {day} was cancelled: it has no attendance.").format(
                day=format_date(day)
            ),
        )
    if meeting.starts_at > now:
        raise ValidationError(
            "session",
            _(
                "The session of {day} has not been held yet: attendance is taken from its start."
            ).format(day=format_date(day)),
        )
    enrolments = {
        e.id: e
        for e in session.scalars(
            select(Enrolment).where(
                Enrolment.group_id == meeting.group_id, Enrolment.id.in_(list(marks))
            )
        )
    }
    for enrolment_id, mark in marks.items():
        if mark is not None and mark not in MARKS:
            raise ValidationError("mark", _("Attendance: mark present, absent or excused."))
        enrolment = enrolments.get(enrolment_id)
        if enrolment is None or not enrolled_on_day(
            enrolment.enrolled_on, enrolment.withdrawn_on, day
        ):
            raise ValidationError(
                "participant",
                _("Attendance is only for people enrolled in the group on {day}.").format(
                    day=format_date(day)
                ),
            )
    existing = {
        a.enrolment_id: a
        for a in session.scalars(
            select(Attendance).where(
                Attendance.session_id == session_id, Attendance.enrolment_id.in_(list(marks))
            )
        )
    }
    for enrolment_id, mark in marks.items():
        row = existing.get(enrolment_id)
        if mark is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Attendance(session_id=session_id, enrolment_id=enrolment_id, mark=mark))
        elif row.mark != mark:
            row.mark = mark
    touch(meeting)  # the session's version moves on: a second saver of old marks is refused
    session.flush()
    return next(s for s in sessions_of(session, meeting.group_id, now) if s.id == session_id)


def add_walk_in(
    session: Session, session_id: int, version: int, person_id: int, now: datetime | None = None
) -> SessionRow:
    """Someone who came on the spot: signed up (walk-in) from the session's day and marked
    present. Someone waiting, or who had withdrawn, gets a place back if one is free."""
    permissions.require(session, permissions.GROUPS_RUN)
    meeting = session.get(GroupSession, session_id)
    if meeting is None:
        raise ValidationError("session", _("This session no longer exists."))
    day = meeting.starts_at.date()
    query = select(Enrolment).where(
        Enrolment.group_id == meeting.group_id, Enrolment.person_id == person_id
    )
    known = session.scalar(query)
    if known is None or known.status != "enrolled":
        if known is not None and known.status == "waiting":
            known.status = "withdrawn"  # signed up again below, as a walk-in with a place
            session.flush()
        enrol(session, meeting.group_id, [person_id], day, walk_in=True)
    enrolment = session.scalars(query).one()
    if not enrolled_on_day(enrolment.enrolled_on, enrolment.withdrawn_on, day):
        enrolment.enrolled_on = day  # enrolled later on: they came to this session
    return save_attendance(session, session_id, version, {enrolment.id: "present"}, now)

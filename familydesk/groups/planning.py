"""Planning a group's sessions from a weekly pattern, previewed before it is saved.

A pattern ("every Tuesday 17:00-19:00, 16 times from 13 January") skips public
holidays, the comune's patron day and the place's closures, and keeps the
count by going on past them. Every session is checked as a single one is
(:func:`familydesk.groups.sessions.refusals`); a plan is saved whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from familydesk.db.models.groups import Group, GroupSession
from familydesk.groups.catalog import require_read
from familydesk.groups.sessions import (
    SessionConflict,
    SessionRow,
    educators_of,
    group_record,
    lock,
    plannable_group,
    refusals,
    session_room,
    session_rows,
)
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.scheduling.calendar_rules import Rules, local_now

#: Most sessions a pattern may plan.
MAX_SESSIONS = 60


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


def _checked_pattern(pattern: Pattern) -> date:
    """The first day on the pattern's weekday; ``ValidationError`` naming the wrong field."""
    if not 0 <= pattern.weekday <= 6:
        raise ValidationError("weekday", _("Day of the week: choose one from Monday to Sunday."))
    if pattern.starts >= pattern.ends:
        raise ValidationError("ends", _("Ends: the session must end after it starts."))
    if pattern.every_weeks not in (1, 2):
        raise ValidationError("every_weeks", _("Repeat: every week or every two weeks."))
    if (pattern.count is None) == (pattern.until is None):
        raise ValidationError(
            "count", _("How many sessions: give either how many or the last day.")
        )
    if pattern.count is not None and not 1 <= pattern.count <= MAX_SESSIONS:
        raise ValidationError(
            "count", _("How many sessions: from 1 to {most}.").format(most=MAX_SESSIONS)
        )
    first = pattern.first_day + timedelta(days=(pattern.weekday - pattern.first_day.weekday()) % 7)
    if pattern.until is not None and not first <= pattern.until <= first + timedelta(days=731):
        raise ValidationError("until", _("Until: a day from the first session to two years later."))
    return first


def _dates(session: Session, group: Group, pattern: Pattern) -> list[PlannedDate]:
    first = _checked_pattern(pattern)
    step = timedelta(weeks=pattern.every_weeks)
    # Closed days are skipped and the count kept: allow up to MAX_SESSIONS skipped dates.
    last = pattern.until or first + step * (pattern.count + MAX_SESSIONS)  # type: ignore[operator]
    rules = Rules(session, first, last, {group.place_id}, set())
    dates: list[PlannedDate] = []
    planned, day = 0, first
    while day <= last and (pattern.count is None or planned < pattern.count):
        reason = rules.closed_reason(group.place_id, day, hours=False)
        dates.append(
            PlannedDate(
                datetime.combine(day, pattern.starts), datetime.combine(day, pattern.ends), reason
            )
        )
        planned += reason is None
        day += step
    if planned > MAX_SESSIONS:
        raise ValidationError(
            "until",
            _("Until: at most {most} sessions; choose an earlier day.").format(most=MAX_SESSIONS),
        )
    return dates


def preview_sessions(session: Session, group_id: int, pattern: Pattern) -> list[PlannedDate]:
    """The dates a pattern gives, with the skipped ones and why (nothing is saved, nothing
    is checked for clashes: ``plan_sessions`` does that)."""
    require_read(session)
    group = group_record(session, group_id)
    session_room(session, group, pattern.room_id)
    return _dates(session, group, pattern)


def plan_sessions(session: Session, group_id: int, pattern: Pattern) -> list[SessionRow]:
    """Add the pattern's sessions to the group (skipping closed days, keeping the count);
    ``SessionConflict`` with every clash and nothing saved when one cannot be held."""
    group = plannable_group(session, group_id)
    room_id = session_room(session, group, pattern.room_id)
    educators = educators_of(session, group.id)
    lock(session, group.id, room_id, educators)
    wanted = [d for d in _dates(session, group, pattern) if d.skipped is None]
    if not wanted or (pattern.count is not None and len(wanted) < pattern.count):
        raise FamilyDeskError(
            _("None of these dates falls on a day the venue is open: see the preview.")
            if not wanted
            else ngettext(
                "Only {n} of these dates falls on a day the venue is open: see the preview.",
                "Only {n} of these dates fall on days the venue is open: see the preview.",
                len(wanted),
            ).format(n=format_number(len(wanted)))
        )
    reasons: list[str] = []
    for d in wanted:
        reasons += refusals(session, group.id, d.starts_at, d.ends_at, room_id, educators)
    if reasons:
        raise SessionConflict(list(dict.fromkeys(reasons)))
    created = [
        GroupSession(
            group_id=group.id,
            starts_at=d.starts_at,
            ends_at=d.ends_at,
            place_id=group.place_id,
            room_id=room_id,
        )
        for d in wanted
    ]
    session.add_all(created)
    session.flush()
    ids = {s.id for s in created}
    return [
        r
        for r in session_rows(session, GroupSession.group_id == group.id, local_now())
        if r.id in ids
    ]

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
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from familydesk.appointments.resources_common import clean_text
from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Place, Room
from familydesk.db.models.groups import Attendance, Group, GroupEducator, GroupSession
from familydesk.groups.catalog import require_read
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError, NotFoundError, ValidationError
from familydesk.scheduling import occupancy
from familydesk.scheduling.calendar_rules import Rules, local_now
from familydesk.scheduling.occupancy import session_conflicts
from familydesk.trust import permissions

__all__ = [
    "Pattern", "PlannedDate", "SessionConflict", "SessionRow", "add_session", "cancel_session",
    "change_session", "plan_sessions", "preview_sessions", "session_by_number",
    "session_conflicts", "sessions_of",
]  # fmt: skip

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
    """The group's sessions by start time, numbered from 1 (cancelled ones included);
    two queries. ``NotFoundError`` when the group is gone."""
    require_read(session)
    _group(session, group_id)
    return _rows(session, GroupSession.group_id == group_id, now or local_now())


def session_by_number(session: Session, group_id: int, number: int,
                      now: datetime | None = None) -> SessionRow:  # fmt: skip
    """Session ``number`` (as printed), or a clear ``ValidationError`` naming the range."""
    rows = sessions_of(session, group_id, now)
    if not rows:
        raise ValidationError("session", _("Session: this group has no sessions yet."))
    if not 1 <= number <= len(rows):
        raise ValidationError("session", _("Session: give a number from 1 to {n}.").format(n=len(rows)))  # fmt: skip
    return rows[number - 1]


def _rows(session: Session, condition: ColumnElement[bool], now: datetime) -> list[SessionRow]:
    result = session.execute(
        select(GroupSession, Place.name, Room.name)
        .join(Place, Place.id == GroupSession.place_id)
        .outerjoin(Room, Room.id == GroupSession.room_id)
        .where(condition).order_by(GroupSession.starts_at, GroupSession.id)
    )  # fmt: skip
    return [
        SessionRow(
            id=s.id, uid=str(s.uid), version=s.version, group_id=s.group_id, number=number,
            starts_at=s.starts_at, ends_at=s.ends_at, place_id=s.place_id, place=place,
            room_id=s.room_id, room=room or "", topic=s.topic, cancelled=s.cancelled,
            cancel_reason=s.cancel_reason, extra=s.extra,
            held=not s.cancelled and s.starts_at <= now,
        )
        for number, (s, place, room) in enumerate(result, start=1)
    ]  # fmt: skip


def _row(session: Session, group_id: int, session_id: int) -> SessionRow:
    rows = _rows(session, GroupSession.group_id == group_id, local_now())
    return next(r for r in rows if r.id == session_id)


def _group(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise NotFoundError(_("This group no longer exists."))
    return group


def _plannable(session: Session, group_id: int) -> Group:
    permissions.require(session, permissions.GROUPS_RUN)
    group = _group(session, group_id)
    if group.cancelled:
        raise FamilyDeskError(_("This group has been called off: call it back on before planning its sessions."))  # fmt: skip
    return group


def _room(session: Session, group: Group, room_id: int | None) -> int | None:
    """``room_id``, or the group's room when empty; it must be a room of the group's venue."""
    room_id = room_id if room_id is not None else group.room_id
    if room_id is None:
        return None
    room = session.get(Room, room_id)
    if room is None or room.place_id != group.place_id or not room.active:
        raise ValidationError("room_id", _("Room: choose a room of the group's venue."))
    return room.id


def _educators(session: Session, group_id: int) -> set[int]:
    return set(session.scalars(select(GroupEducator.operator_id).where(GroupEducator.group_id == group_id)))  # fmt: skip


def _checked_pattern(pattern: Pattern) -> date:
    """The first day on the pattern's weekday; ``ValidationError`` naming the wrong field."""
    if not 0 <= pattern.weekday <= 6:
        raise ValidationError("weekday", _("Day of the week: choose one from Monday to Sunday."))
    if pattern.starts >= pattern.ends:
        raise ValidationError("ends", _("Ends: the session must end after it starts."))
    if pattern.every_weeks not in (1, 2):
        raise ValidationError("every_weeks", _("Repeat: every week or every two weeks."))
    if (pattern.count is None) == (pattern.until is None):
        raise ValidationError("count", _("How many sessions: give either how many or the last day."))  # fmt: skip
    if pattern.count is not None and not 1 <= pattern.count <= MAX_SESSIONS:
        raise ValidationError("count", _("How many sessions: from 1 to {most}.").format(most=MAX_SESSIONS))  # fmt: skip
    first = pattern.first_day + timedelta(days=(pattern.weekday - pattern.first_day.weekday()) % 7)
    if pattern.until is not None and not first <= pattern.until <= first + timedelta(days=731):
        raise ValidationError("until", _("Until: a day from the first session to two years later."))  # fmt: skip
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
        dates.append(PlannedDate(datetime.combine(day, pattern.starts),
                                 datetime.combine(day, pattern.ends), reason))  # fmt: skip
        planned += reason is None
        day += step
    if planned > MAX_SESSIONS:
        raise ValidationError("until", _("Until: at most {most} sessions; choose an earlier day.").format(most=MAX_SESSIONS))  # fmt: skip
    return dates


def preview_sessions(session: Session, group_id: int, pattern: Pattern) -> list[PlannedDate]:
    """The dates a pattern gives, with the skipped ones and why (nothing is saved, nothing
    is checked for clashes: ``plan_sessions`` does that)."""
    require_read(session)
    group = _group(session, group_id)
    _room(session, group, pattern.room_id)
    return _dates(session, group, pattern)


def _refusals(session: Session, group_id: int, start: datetime, end: datetime,
              room_id: int | None, operator_ids: set[int],
              exclude: tuple[int, ...] = ()) -> list[str]:  # fmt: skip
    own, reasons = occupancy.group_overlaps(session, group_id, start, end, exclude)
    return reasons + session_conflicts(session, start, end, room_id, operator_ids, (*exclude, *own))  # fmt: skip


def _lock(session: Session, group_id: int, room_id: int | None, educators: set[int]) -> None:
    """Lock what a session depends on, in the one order of ``scheduling.occupancy``."""
    occupancy.lock(session, rooms=[room_id], operators=educators, groups=[group_id])


def _closed(session: Session, place_id: int, day: date) -> list[str]:
    """A single session is refused on a closed day (holiday, patron day, closure)."""
    reason = Rules(session, day, day, {place_id}, set()).closed_reason(place_id, day, hours=False)
    return [reason] if reason else []


def plan_sessions(session: Session, group_id: int, pattern: Pattern) -> list[SessionRow]:
    """Add the pattern's sessions to the group (skipping closed days, keeping the count);
    ``SessionConflict`` with every clash and nothing saved when one cannot be held."""
    group = _plannable(session, group_id)
    room_id = _room(session, group, pattern.room_id)
    educators = _educators(session, group.id)
    _lock(session, group.id, room_id, educators)
    wanted = [d for d in _dates(session, group, pattern) if d.skipped is None]
    if not wanted or (pattern.count is not None and len(wanted) < pattern.count):
        raise FamilyDeskError(_("None of these dates falls on a day the venue is open: see the preview.") if not wanted else ngettext("Only {n} of these dates falls on a day the venue is open: see the preview.", "Only {n} of these dates fall on days the venue is open: see the preview.", len(wanted)).format(n=format_number(len(wanted))))  # fmt: skip
    reasons: list[str] = []
    for d in wanted:
        reasons += _refusals(session, group.id, d.starts_at, d.ends_at, room_id, educators)
    if reasons:
        raise SessionConflict(list(dict.fromkeys(reasons)))
    created = [GroupSession(group_id=group.id, starts_at=d.starts_at, ends_at=d.ends_at,
                            place_id=group.place_id, room_id=room_id) for d in wanted]  # fmt: skip
    session.add_all(created)
    session.flush()
    ids = {s.id for s in created}
    return [r for r in _rows(session, GroupSession.group_id == group.id, local_now()) if r.id in ids]  # fmt: skip


def _interval(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    start = starts_at.replace(second=0, microsecond=0, tzinfo=None)
    end = ends_at.replace(second=0, microsecond=0, tzinfo=None)
    if end <= start:
        raise ValidationError("ends_at", _("Ends: the session must end after it starts."))
    if end.date() != start.date():
        raise ValidationError("ends_at", _("Ends: the session must end on the day it starts."))
    return start, end


def _topic(topic: str) -> str:
    return clean_text("topic", _("Topic"), topic, 200)


def add_session(session: Session, group_id: int, starts_at: datetime, ends_at: datetime,
                topic: str = "", room_id: int | None = None) -> SessionRow:  # fmt: skip
    """An extra session (``extra``), checked like the planned ones; ``room_id`` empty: the
    group's room."""
    group = _plannable(session, group_id)
    start, end = _interval(starts_at, ends_at)
    text = _topic(topic)
    room_id = _room(session, group, room_id)
    educators = _educators(session, group.id)
    _lock(session, group.id, room_id, educators)
    reasons = _closed(session, group.place_id, start.date())
    reasons += _refusals(session, group.id, start, end, room_id, educators)
    if reasons:
        raise SessionConflict(reasons)
    added = GroupSession(group_id=group.id, starts_at=start, ends_at=end, place_id=group.place_id,
                         room_id=room_id, topic=text, extra=True)  # fmt: skip
    session.add(added)
    session.flush()
    return _row(session, group.id, added.id)


def _has_marks(session: Session, session_id: int) -> bool:
    return bool(session.scalar(select(exists().where(Attendance.session_id == session_id))))


def change_session(session: Session, session_id: int, version: int, starts_at: datetime,
                   ends_at: datetime, room_id: int | None, topic: str) -> SessionRow:  # fmt: skip
    """Move a session (checked again, excluding itself) and/or change its topic. It moves
    to the group's venue; ``room_id`` empty: the group's room. Once attendance was taken
    it may change its time but not its day. A cancelled session cannot be changed."""
    permissions.require(session, permissions.GROUPS_RUN)
    meeting = load_for_update(session, GroupSession, session_id, version)
    if meeting.cancelled:
        raise FamilyDeskError(_("This session was cancelled: add a new one instead."))
    group = _group(session, meeting.group_id)
    start, end = _interval(starts_at, ends_at)
    text = _topic(topic)
    room_id = _room(session, group, room_id)
    if start.date() != meeting.starts_at.date() and _has_marks(session, meeting.id):
        raise ValidationError("starts_at", _("Date: attendance was taken at this session, so it can change its time but not its day."))  # fmt: skip
    moved = (start, end, room_id, group.place_id) != (
        meeting.starts_at, meeting.ends_at, meeting.room_id, meeting.place_id)  # fmt: skip
    if moved:
        educators = _educators(session, group.id)
        _lock(session, group.id, room_id, educators)
        reasons = _closed(session, group.place_id, start.date())
        reasons += _refusals(session, group.id, start, end, room_id, educators, (meeting.id,))
        if reasons:
            raise SessionConflict(reasons)
        meeting.starts_at, meeting.ends_at = start, end
        meeting.room_id, meeting.place_id = room_id, group.place_id
    meeting.topic = text
    session.flush()
    return _row(session, group.id, meeting.id)


def cancel_session(session: Session, session_id: int, version: int, reason: str) -> SessionRow:
    """Cancel a session with a reason (required); refused when attendance was taken."""
    permissions.require(session, permissions.GROUPS_RUN)
    meeting = load_for_update(session, GroupSession, session_id, version)
    text = (reason or "").strip()
    if not text:
        raise ValidationError("reason", _("Reason: say why the session is cancelled."))
    if len(text) > 200:
        raise ValidationError("reason", _("{field}: at most {count} characters.").format(field=_("Reason"), count=200))  # fmt: skip
    if meeting.cancelled:
        raise FamilyDeskError(_("This session is already cancelled."))
    if _has_marks(session, meeting.id):
        raise FamilyDeskError(_("Attendance was taken at this session: clear its marks before cancelling it."))  # fmt: skip
    meeting.cancelled, meeting.cancel_reason = True, text
    session.flush()
    return _row(session, meeting.group_id, meeting.id)

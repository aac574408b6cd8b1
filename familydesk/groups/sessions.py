"""Sessions of a group: read, numbered, and moved, cancelled or added one by one.

Planning them from a weekly pattern is :mod:`familydesk.groups.planning`. Every session
is checked like an appointment (:mod:`familydesk.scheduling.occupancy`): its room must be
free of appointments and of other groups' sessions, and its educators must not lead
another session at the same time (nor, when they are also bookable staff, hold an
appointment). The checks and the lock that planning shares are here (``refusals``,
``lock``, ``plannable_group``, ``session_room``, ``educators_of``).

Group sessions keep their own hours: they often meet in the evening, outside
the desk's opening hours, so opening hours are not a rule here; closed days are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Place, Room
from familydesk.db.models.groups import Attendance, Group, GroupEducator, GroupSession
from familydesk.groups.catalog import require_read
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError, NotFoundError, ValidationError
from familydesk.kernel.fields import clean_text
from familydesk.scheduling import occupancy
from familydesk.scheduling.calendar_rules import Rules, local_now
from familydesk.scheduling.occupancy import session_conflicts
from familydesk.trust import permissions

__all__ = [
    "SessionConflict",
    "SessionRow",
    "add_session",
    "cancel_session",
    "change_session",
    "session_by_number",
    "session_conflicts",
    "sessions_of",
]


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
    group_record(session, group_id)
    return session_rows(session, GroupSession.group_id == group_id, now or local_now())


def session_by_number(
    session: Session, group_id: int, number: int, now: datetime | None = None
) -> SessionRow:
    """Session ``number`` (as printed), or a clear ``ValidationError`` naming the range."""
    rows = sessions_of(session, group_id, now)
    if not rows:
        raise ValidationError("session", _("Session: this group has no sessions yet."))
    if not 1 <= number <= len(rows):
        raise ValidationError(
            "session", _("Session: give a number from 1 to {n}.").format(n=len(rows))
        )
    return rows[number - 1]


def session_rows(
    session: Session, condition: ColumnElement[bool], now: datetime
) -> list[SessionRow]:
    result = session.execute(
        select(GroupSession, Place.name, Room.name)
        .join(Place, Place.id == GroupSession.place_id)
        .outerjoin(Room, Room.id == GroupSession.room_id)
        .where(condition)
        .order_by(GroupSession.starts_at, GroupSession.id)
    )
    return [
        SessionRow(
            id=s.id,
            uid=str(s.uid),
            version=s.version,
            group_id=s.group_id,
            number=number,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            place_id=s.place_id,
            place=place,
            room_id=s.room_id,
            room=room or "",
            topic=s.topic,
            cancelled=s.cancelled,
            cancel_reason=s.cancel_reason,
            extra=s.extra,
            held=not s.cancelled and s.starts_at <= now,
        )
        for number, (s, place, room) in enumerate(result, start=1)
    ]


def _row(session: Session, group_id: int, session_id: int) -> SessionRow:
    rows = session_rows(session, GroupSession.group_id == group_id, local_now())
    return next(r for r in rows if r.id == session_id)


def group_record(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise NotFoundError(_("This group no longer exists."))
    return group


def plannable_group(session: Session, group_id: int) -> Group:
    permissions.require(session, permissions.GROUPS_RUN)
    group = group_record(session, group_id)
    if group.cancelled:
        raise FamilyDeskError(
            _("This group has been called off: call it back on before planning its sessions.")
        )
    return group


def session_room(session: Session, group: Group, room_id: int | None) -> int | None:
    """``room_id``, or the group's room when empty; it must be a room of the group's venue."""
    room_id = room_id if room_id is not None else group.room_id
    if room_id is None:
        return None
    room = session.get(Room, room_id)
    if room is None or room.place_id != group.place_id or not room.active:
        raise ValidationError("room_id", _("Room: choose a room of the group's venue."))
    return room.id


def educators_of(session: Session, group_id: int) -> set[int]:
    return set(
        session.scalars(select(GroupEducator.operator_id).where(GroupEducator.group_id == group_id))
    )


def refusals(
    session: Session,
    group_id: int,
    start: datetime,
    end: datetime,
    room_id: int | None,
    operator_ids: set[int],
    exclude: tuple[int, ...] = (),
) -> list[str]:
    own, reasons = occupancy.group_overlaps(session, group_id, start, end, exclude)
    return reasons + session_conflicts(session, start, end, room_id, operator_ids, (*exclude, *own))


def lock(session: Session, group_id: int, room_id: int | None, educators: set[int]) -> None:
    """Lock what a session depends on, in the one order of ``scheduling.occupancy``."""
    occupancy.lock(session, rooms=[room_id], operators=educators, groups=[group_id])


def _closed(session: Session, place_id: int, day: date) -> list[str]:
    """A single session is refused on a closed day (holiday, patron day, closure)."""
    reason = Rules(session, day, day, {place_id}, set()).closed_reason(place_id, day, hours=False)
    return [reason] if reason else []


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


def add_session(
    session: Session,
    group_id: int,
    starts_at: datetime,
    ends_at: datetime,
    topic: str = "",
    room_id: int | None = None,
) -> SessionRow:
    """An extra session (``extra``), checked like the planned ones; ``room_id`` empty: the
    group's room."""
    group = plannable_group(session, group_id)
    start, end = _interval(starts_at, ends_at)
    text = _topic(topic)
    room_id = session_room(session, group, room_id)
    educators = educators_of(session, group.id)
    lock(session, group.id, room_id, educators)
    reasons = _closed(session, group.place_id, start.date())
    reasons += refusals(session, group.id, start, end, room_id, educators)
    if reasons:
        raise SessionConflict(reasons)
    added = GroupSession(
        group_id=group.id,
        starts_at=start,
        ends_at=end,
        place_id=group.place_id,
        room_id=room_id,
        topic=text,
        extra=True,
    )
    session.add(added)
    session.flush()
    return _row(session, group.id, added.id)


def _has_marks(session: Session, session_id: int) -> bool:
    return bool(session.scalar(select(exists().where(Attendance.session_id == session_id))))


def change_session(
    session: Session,
    session_id: int,
    version: int,
    starts_at: datetime,
    ends_at: datetime,
    room_id: int | None,
    topic: str,
) -> SessionRow:
    """Move a session (checked again, excluding itself) and/or change its topic. It moves
    to the group's venue; ``room_id`` empty: the group's room. Once attendance was taken
    it may change its time but not its day. A cancelled session cannot be changed."""
    permissions.require(session, permissions.GROUPS_RUN)
    meeting = load_for_update(session, GroupSession, session_id, version)
    if meeting.cancelled:
        raise FamilyDeskError(_("This session was cancelled: add a new one instead."))
    group = group_record(session, meeting.group_id)
    start, end = _interval(starts_at, ends_at)
    text = _topic(topic)
    room_id = session_room(session, group, room_id)
    if start.date() != meeting.starts_at.date() and _has_marks(session, meeting.id):
        raise ValidationError(
            "starts_at",
            _(
                "Date: attendance was taken at this session, so it can change its time but not its "
                "day."
            ),
        )
    moved = (start, end, room_id, group.place_id) != (
        meeting.starts_at,
        meeting.ends_at,
        meeting.room_id,
        meeting.place_id,
    )
    if moved:
        educators = educators_of(session, group.id)
        lock(session, group.id, room_id, educators)
        reasons = _closed(session, group.place_id, start.date())
        reasons += refusals(session, group.id, start, end, room_id, educators, (meeting.id,))
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
        raise ValidationError(
            "reason", _("{field}: at most {count} characters.").format(field=_("Reason"), count=200)
        )
    if meeting.cancelled:
        raise FamilyDeskError(_("This session is already cancelled."))
    if _has_marks(session, meeting.id):
        raise FamilyDeskError(
            _("Attendance was taken at this session: clear its marks before cancelling it.")
        )
    meeting.cancelled, meeting.cancel_reason = True, text
    session.flush()
    return _row(session, meeting.group_id, meeting.id)

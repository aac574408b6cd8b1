"""The words of a clash, as a refusal tells the operator: "room Sala Blu is taken on
9 dic 2026 10:00-11:00", "Elena Educatrice leads the group "Genitori" on ...".

:mod:`familydesk.scheduling.occupancy` finds what is busy; this module names it. Names
are looked up only here, so the path of a booking that fits runs no name query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.appointments import Appointment, Room, Staff
from familydesk.db.models.groups import GroupSession
from familydesk.db.models.registry import Operator
from familydesk.i18n import _, format_date
from familydesk.kernel.text import hhmm


def span(start: datetime, end: datetime) -> str:
    """ "9 dic 2026 10:00-11:00": how a refusal names the time that is taken."""
    return _("{day} {start}-{end}").format(
        day=format_date(start.date()), start=hhmm(start), end=hhmm(end)
    )


def appointment_reasons(
    session: Session,
    others: Sequence[Appointment],
    staff_ids: set[int],
    name_of: Callable[[int], str],
    room_id: int | None,
    family_id: int | None,
) -> list[str]:
    """Why the appointments ``others`` clash: each of ``staff_ids`` they hold (named by
    ``name_of``), the room ``room_id``, the family ``family_id``."""
    reasons = []
    for other in others:
        taken = span(other.starts_at, other.ends_at)
        for staff_id in sorted(staff_ids & {other.staff_id, other.interpreter_id}):
            reasons.append(
                _("{name} already has an appointment on {span}").format(
                    name=name_of(staff_id), span=taken
                )
            )
        if room_id is not None and other.room_id == room_id:
            reasons.append(
                _("room {room} is taken on {span}").format(
                    room=room_name(session, room_id), span=taken
                )
            )
        if family_id is not None and other.family_id == family_id:
            reasons.append(_("the family already has an appointment on {span}").format(span=taken))
    return reasons


def session_reasons(
    session: Session,
    hits: Sequence[tuple[GroupSession, str]],
    room_ids: set[int],
    people: Sequence[tuple[int, str]],
    leaders: dict[int, list[int]],
) -> list[str]:
    """Why the sessions ``hits`` (with their group's title) clash: the room taken, and
    each of ``people`` (operator id, name, in the order named) who leads the session's
    group (``leaders``: group id -> operator ids)."""
    reasons = []
    for other, title in hits:
        taken = span(other.starts_at, other.ends_at)
        if other.room_id in room_ids:
            reasons.append(
                _('room {room} is taken by the group "{group}" on {span}').format(
                    room=room_name(session, other.room_id), group=title, span=taken
                )
            )
        for operator_id, name in people:
            if operator_id in leaders.get(other.group_id, ()):
                reasons.append(
                    _('{name} leads the group "{group}" on {span}').format(
                        name=name, group=title, span=taken
                    )
                )
    return reasons


def operator_names(session: Session, operator_ids: Iterable[int]) -> dict[int, str]:
    """operator id -> full name (the user name when it has none)."""
    return {
        row[0]: row[1] or row[2]
        for row in session.execute(
            select(Operator.id, Operator.full_name, Operator.username).where(
                Operator.id.in_(set(operator_ids))
            )
        )
    }


def room_name(session: Session, room_id: int) -> str:
    room = session.get(Room, room_id)
    return room.name if room is not None else "?"


def staff_name(session: Session, staff_id: int) -> str:
    """Only a refusal names people: no query on the path of a booking that fits."""
    staff = session.get(Staff, staff_id)  # already loaded by the checks (identity map)
    return staff.name if staff is not None else "?"

"""A family's sign-ups to groups, for the family page: who, which group, where in the
queue, how many sessions attended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from familydesk.db.models.groups import Attendance, Enrolment
from familydesk.groups.catalog import get_group, require_read
from familydesk.groups.enrolment import participants


@dataclass(frozen=True)
class FamilyGroupRow:
    enrolment_id: int
    group_id: int
    group: str
    kind: str
    phase: str
    first_session: datetime | None
    last_session: datetime | None
    person_id: int | None
    person: str
    status: str
    position: int | None
    signed_up_on: date
    withdrawn_on: date | None
    present: int
    marked: int
    to_inform: bool


def groups_of_family(session: Session, family_id: int) -> list[FamilyGroupRow]:
    """The family's sign-ups, the groups still running or to come first."""
    require_read(session)
    group_ids = sorted(
        set(session.scalars(select(Enrolment.group_id).where(Enrolment.family_id == family_id)))
    )
    counts: dict[int, tuple[int, int]] = {
        row[0]: (row[1] or 0, row[2])
        for row in session.execute(
            select(
                Attendance.enrolment_id,
                func.sum(case((Attendance.mark == "present", 1), else_=0)),
                func.count(),
            )
            .join(Enrolment, Enrolment.id == Attendance.enrolment_id)
            .where(Enrolment.family_id == family_id)
            .group_by(Attendance.enrolment_id)
        )
    }
    rows = []
    for group_id in group_ids:
        group = get_group(session, group_id)
        for person in participants(session, group_id):
            if person.family_id != family_id:
                continue
            present, marked = counts.get(person.id, (0, 0))
            rows.append(
                FamilyGroupRow(
                    enrolment_id=person.id,
                    group_id=group_id,
                    group=group.title,
                    kind=group.kind,
                    phase=group.phase,
                    first_session=group.first_session,
                    last_session=group.last_session,
                    person_id=person.person_id,
                    person=person.name,
                    status=person.status,
                    position=person.position,
                    signed_up_on=person.signed_up_on,
                    withdrawn_on=person.withdrawn_on,
                    present=present,
                    marked=marked,
                    to_inform=person.to_inform,
                )
            )
    ended = ("ended", "cancelled")
    return sorted(
        rows,
        key=lambda r: (
            r.phase in ended,
            -(r.first_session or datetime.max).toordinal(),
            r.group,
            r.person,
        ),
    )

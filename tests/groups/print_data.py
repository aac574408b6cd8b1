"""A group that has met, for the printouts and exports: eight Tuesdays in the past (the
fourth cancelled), five people enrolled and one waiting, marks that make three of them
complete (6 of the 7 sessions held are needed at 75%)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from familydesk.db.database import Database
from familydesk.db.models.groups import GroupSession
from familydesk.groups.attendance import save_attendance
from familydesk.groups.catalog import get_group
from familydesk.groups.enrolment import enrol
from familydesk.groups.sessions import sessions_of
from tests.groups.group_data import (
    START,
    GroupWorld,
    add_sessions,
    family_members,
    new_group,
    weekly,
)

FIRST_DAY = START - timedelta(weeks=12)
P, A, E = "present", "absent", "excused"
#: Marks on the 7 sessions held, by who: (family index, "parent" or "child").
MARKS = {
    (0, "parent"): [P, P, P, P, P, P, P],  # completes, 14 hours
    (0, "child"): [P, P, A, P, P, P, P],  # completes (6 of 7)
    (1, "parent"): [P, A, E, E, P, A, P],  # 3 of 7: no
    (2, "parent"): [P, P, P, A, P, P, A],  # 5 of 7: no
    (3, "parent"): [P, P, P, P, P, P, E],  # completes
}


@dataclass(frozen=True)
class MetGroup:
    world: GroupWorld
    group_id: int
    group_uid: str
    #: Session ids in order (index 3 is cancelled).
    sessions: tuple[int, ...]
    #: (family index, "parent"/"child") -> person id and enrolment id.
    people: dict[tuple[int, str], int]
    enrolments: dict[tuple[int, str], int]
    #: The sixth person, on the waiting list (family 4's parent).
    waiting: int


def _cancel(session: Session, session_id: int) -> None:
    meeting = session.get(GroupSession, session_id)
    meeting.cancelled, meeting.cancel_reason = True, "Allerta meteo"
    session.flush()


def build_met_group(database: Database, world: GroupWorld) -> MetGroup:
    group_id = new_group(
        database, world, capacity=5, educator_ids=(world.educator, world.other_educator)
    )
    ids = tuple(add_sessions(database, group_id, weekly(FIRST_DAY, 8)))
    database.write(_cancel, ids[3])
    people: dict[tuple[int, str], int] = {}
    for index, who in MARKS:
        parent, child = family_members(world, index)
        people[index, who] = parent if who == "parent" else child
    signed = FIRST_DAY - timedelta(days=7)
    enrolments: dict[tuple[int, str], int] = {}
    for key, person_id in people.items():
        [row] = database.write(enrol, group_id, [person_id], today=signed)
        enrolments[key] = row.id
    waiting = family_members(world, 4)[0]
    database.write(enrol, group_id, [waiting], today=signed)
    held = [s for s in database.read(sessions_of, group_id) if not s.cancelled]
    for number, meeting in enumerate(held):
        marks = {enrolments[key]: marks[number] for key, marks in MARKS.items()}
        database.write(save_attendance, meeting.id, meeting.version, marks)
    uid = database.read(get_group, group_id).uid
    return MetGroup(world, group_id, uid, ids, people, enrolments, waiting)

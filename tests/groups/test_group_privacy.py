"""Privacy of group records: in the right-of-access report, cleared by anonymisation,
detached after the retention period, and counted as a family's activity."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from familydesk.db.base import utcnow
from familydesk.db.database import Database
from familydesk.db.models.groups import Attendance, Enrolment
from familydesk.db.models.registry import Family
from familydesk.privacy import access as privacy
from familydesk.privacy import retention
from familydesk.privacy.anonymise import anonymise_family
from familydesk.privacy.retention.activity import activity_sources
from tests.groups.group_data import GroupWorld, add_sessions, family_members, new_group, weekly

TODAY = date(2026, 11, 22)


def _signed_up(
    database: Database, world: GroupWorld, first: date, note: str = ""
) -> tuple[int, int]:
    """A group that met 3 times from ``first``; the first family's parent present twice."""
    group_id = new_group(database, world, target="parents")
    sessions = add_sessions(database, group_id, weekly(first, 3))
    parent = family_members(world, 0)[0]

    def add(session):  # noqa: ANN001, ANN202
        enrolment = Enrolment(
            group_id=group_id,
            person_id=parent,
            family_id=world.families[0][0],
            status="withdrawn",
            signed_up_at=utcnow(),
            signed_up_on=first,
            enrolled_on=first,
            withdrawn_on=first + timedelta(weeks=2),
            withdraw_reason="si è trasferita a Mantova",
            note=note,
        )
        session.add(enrolment)
        session.flush()
        for session_id, mark in zip(sessions, ("present", "present"), strict=False):
            session.add(Attendance(session_id=session_id, enrolment_id=enrolment.id, mark=mark))
        return enrolment.id

    return group_id, database.write(add)


def test_the_right_of_access_lists_groups_and_attendance(
    database: Database, world: GroupWorld, tmp_path
) -> None:  # noqa: ANN001
    _group_id, enrolment_id = _signed_up(database, world, date(2026, 3, 3), note="allergica")
    parent = family_members(world, 0)[0]
    data = database.write(privacy.subject_access, parent)
    [record] = data["groups"]
    assert record["group"] == "Genitori imperfetti cercasi"
    assert record["note"] == "allergica" and record["status"] == "withdrawn"
    assert [a["mark"] for a in record["attendance"]] == ["present", "present"]
    paths = database.write(privacy.write_access_export, parent, tmp_path, "it")
    assert paths[1].read_bytes().startswith(b"%PDF")


def test_anonymising_the_family_clears_notes_and_reasons(
    database: Database, world: GroupWorld
) -> None:
    _group_id, enrolment_id = _signed_up(database, world, date(2026, 3, 3), note="allergica")

    def anonymise(session):  # noqa: ANN001, ANN202
        anonymise_family(session, session.get(Family, world.families[0][0]), TODAY)

    database.write(anonymise)
    row = database.read(lambda s: s.get(Enrolment, enrolment_id))
    assert (row.note, row.withdraw_reason) == ("", "")


def test_old_sign_ups_are_detached_keeping_the_marks(database: Database, world: GroupWorld) -> None:
    _old_group, old = _signed_up(database, world, date(2020, 2, 4), note="x")
    summary = {r.kind: r.count for r in database.write(retention.apply_retention, TODAY).rows}
    assert summary["group_participation"] == 1
    row = database.read(lambda s: s.get(Enrolment, old))
    assert (row.person_id, row.family_id, row.note, row.withdraw_reason) == (None, None, "", "")
    marks = database.read(
        lambda s: s.scalars(select(Attendance.mark).where(Attendance.enrolment_id == old)).all()
    )
    assert marks == ["present", "present"]


def test_a_recent_session_is_family_activity(database: Database, world: GroupWorld) -> None:
    _signed_up(database, world, date(2026, 9, 1))
    since = datetime(2026, 6, 1, tzinfo=utcnow().tzinfo)

    def active(session):  # noqa: ANN001, ANN202
        return {fid for source in activity_sources() for fid in session.scalars(source(since))}

    assert world.families[0][0] in database.read(active)

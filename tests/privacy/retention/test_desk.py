"""Retention and anonymisation of front-desk records: contacts and appointments."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from familydesk import frontdesk
from familydesk.db.database import Database
from familydesk.db.models.appointments import Appointment, Place, Service, Staff
from familydesk.db.models.frontdesk import Contact, ContactRequest
from familydesk.db.models.registry import Family
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.privacy import access as privacy
from familydesk.privacy import retention
from familydesk.privacy.anonymise import anonymise_family
from tests.privacy.privacy_data import TODAY, age, family, member


def _contact(database: Database, person_id: int, day: date, note: str = "") -> int:
    row = database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=person_id, contact_date=day, requests=(RequestInput("housing", note=note),)
        ),
    )
    return row.id


def _appointment(database: Database, family_id: int, person_id: int, day: date, note: str) -> int:
    """An appointment written straight to the table (booking refuses the past)."""

    def add(session):  # type: ignore[no-untyped-def]
        from familydesk.db.models.registry import MemberComune

        comune = MemberComune(name="Suzzara", province="MN", cadastral_code="L020")
        session.add(comune)
        session.flush()
        place = Place(name="Sede", comune_id=comune.id)
        staff = Staff(name="Dott.ssa Rinaldi")
        session.add_all([place, staff])
        session.flush()
        service = session.scalar(select(Service).limit(1))
        start = datetime.combine(day, time(10))
        appointment = Appointment(
            service_id=service.id,
            staff_id=staff.id,
            place_id=place.id,
            family_id=family_id,
            person_id=person_id,
            starts_at=start,
            ends_at=start.replace(hour=11),
            note=note,
            status="done",
        )
        session.add(appointment)
        session.flush()
        return appointment.id

    return database.write(add)


def test_old_contacts_are_detached_keeping_statistics_and_notes_cleared(database: Database) -> None:
    anna = family(database, "Bianchi", [member("Anna", "Bianchi", date(1980, 5, 6))]).members[0]
    old = _contact(database, anna.id, date(2020, 3, 2), note="sfratto in corso")
    middle = _contact(database, anna.id, date(2024, 3, 2), note="cerca casa")
    recent = _contact(database, anna.id, date(2026, 10, 1), note="nuova domanda")
    summary = database.write(retention.apply_retention, TODAY)
    counts = {row.kind: row.count for row in summary.rows}
    assert counts["contacts"] == 1 and counts["contact_notes"] == 2

    def look(session):  # type: ignore[no-untyped-def]
        contacts = {c.id: c for c in session.scalars(select(Contact))}
        notes = {r.contact_id: r.note for r in session.scalars(select(ContactRequest))}
        return (
            {
                i: (c.person_id, c.family_id, c.anon_sex, c.anon_birth_year, c.anon_comune)
                for i, c in contacts.items()
            },
            notes,
        )

    contacts, notes = database.read(look)
    assert contacts[old] == (None, None, "F", 1980, "Suzzara")
    assert contacts[middle][0] == anna.id and contacts[recent][0] == anna.id
    assert notes == {old: "", middle: "", recent: "nuova domanda"}


def test_an_appointment_is_activity_and_old_ones_are_detached(database: Database) -> None:
    seen = family(database, "Neri", [member("Rita", "Neri", date(1985, 1, 1))])
    age(database, seen.id, date(2019, 1, 1))
    recent = _appointment(database, seen.id, seen.members[0].id, date(2026, 6, 1), "colloquio")
    database.write(retention.apply_retention, TODAY)
    assert database.read(lambda s: s.get(Family, seen.id).anonymised_on) is None  # still active

    def move_back(session):  # type: ignore[no-untyped-def]
        appointment = session.get(Appointment, recent)
        appointment.starts_at, appointment.ends_at = (
            datetime(2020, 1, 7, 10),
            datetime(2020, 1, 7, 11),
        )

    database.write(move_back)
    summary = {r.kind: r.count for r in database.write(retention.apply_retention, TODAY).rows}
    assert summary["appointments"] == 1  # detaching clears the note too
    detached = database.read(lambda s: s.get(Appointment, recent))
    assert (detached.family_id, detached.person_id, detached.note) == (None, None, "")
    assert detached.status == "done"


def test_anonymising_a_family_clears_desk_notes(database: Database) -> None:
    anna = family(database, "Bianchi", [member("Anna", "Bianchi", date(1980, 5, 6))])
    contact = _contact(
        database, anna.members[0].id, date(2026, 10, 1), note="la signora Bianchi dice"
    )
    appointment = _appointment(
        database, anna.id, anna.members[0].id, date(2026, 6, 1), "Anna piange"
    )

    def anonymise(session):  # type: ignore[no-untyped-def]
        anonymise_family(session, session.get(Family, anna.id), TODAY)

    database.write(anonymise)
    assert (
        database.read(
            lambda s: s.scalar(
                select(ContactRequest.note).where(ContactRequest.contact_id == contact)
            )
        )
        == ""
    )
    assert database.read(lambda s: s.get(Appointment, appointment).note) == ""


def test_the_right_of_access_includes_contacts_and_appointments(database: Database) -> None:
    anna = family(database, "Bianchi", [member("Anna", "Bianchi", date(1980, 5, 6))])
    _contact(database, anna.members[0].id, date(2026, 10, 1), note="cerca casa")
    _appointment(database, anna.id, anna.members[0].id, date(2026, 6, 1), "primo colloquio")
    data = database.write(privacy.subject_access, anna.members[0].id)
    assert [c["requests"][0]["note"] for c in data["contacts"]] == ["cerca casa"]
    assert data["contacts"][0]["requests"][0]["need"] == "Housing"
    assert [(a["service"], a["note"], a["status"]) for a in data["appointments"]] == [
        ("Psychological counselling", "primo colloquio", "done")
    ]

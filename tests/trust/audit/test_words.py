"""The audit trail in words: every kind of record the trail names, batch look-ups."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from familydesk import i18n
from familydesk.db.base import Base, RecordMixin
from familydesk.db.database import Database
from familydesk.db.models.groups import Attendance, Enrolment, Group, GroupSession
from familydesk.db.models.registry import Person
from familydesk.demo import fill_demo
from familydesk.groups.sessions import sessions_of
from familydesk.kernel import clock
from familydesk.privacy.anonymise import anonymise_person
from familydesk.privacy.trail.words import (
    action_text,
    changes_text,
    describe,
    described_page,
    detail_text,
    what_text,
    who_text,
)
from familydesk.trust import audit
from familydesk.trust.audit import AuditRow

PERSON = r"[\w' ]+, family [\w' ]+"
#: What each kind of record reads like (the demo data has one of each, but merges,
#: erasure requests and retention rules, made in the tests that need them).
EXPECTED: dict[str, tuple[str | None, str]] = {
    "family": (r"family [\w' ]+", "family record"),
    "person": (PERSON, "member record"),
    "consent": (PERSON, r"consent: [\w ]+, given on \d\d/\d\d/\d{4}"),
    "operator": (r"Demo \w+", r"operator account “\w+”"),
    "site": (None, r"centre “.+”"),
    "member_comune": (None, r"comune “[\w ]+”"),
    "service": (None, r"service “[\w ]+”"),
    "staff": (None, r"(professional|interpreter or cultural mediator) “.+”"),
    "place": (None, r"venue “.+”"),
    "room": (None, r"room “.+” at .+"),
    "opening_hours": (
        None,
        r"opening hours of .+, (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    ),
    "closure": (None, r"closure on \d\d/\d\d/\d{4} \(.+\)"),
    "absence": (None, r"absence of .+, \d\d/\d\d/\d{4} to \d\d/\d\d/\d{4}"),
    "appointment_series": (None, "series of appointments"),
    "appointment": (PERSON, r"appointment “.+” with .+, \d\d/\d\d/\d{4} \d\d:\d\d"),
    "need": (None, r"need “.+”"),
    "contact": (rf"{PERSON}|anonymous visitor", r"walk-in contact of \d\d/\d\d/\d{4}"),
    "contact_request": (
        rf"{PERSON}|anonymous visitor",
        r"request “.+” \(walk-in of \d\d/\d\d/\d{4}\)",
    ),
    "card_type": (None, r"card type “.+”"),
    "card_sequence": (None, r"card numbering of comune [A-Z]\d{3}"),
    "card": (PERSON, r"card [A-Z]\d{3} \d{6} [A-Z0-9*] \(.+\)"),
    "card_member": (PERSON, r"covered by card [A-Z]\d{3} \d{6} [A-Z0-9*]"),
    "partner": (None, r"partner “.+”"),
    "organisation": (None, r"organisation “.+”"),
    "directory_service": (None, r"service “.+”( of .+)?"),
    "directory_service_need": (None, r"need “.+” of service “.+”"),
    "benefit": (None, r"benefit “.+” of .+"),
    "benefit_card_type": (None, r"benefit “.+” for .+"),
    "redemption": (PERSON, r"(refused )?use of card [A-Z]\d{3} \d{6} [A-Z0-9*] at .+: “.+”"),
    "parent_group": (None, r"group “.+”"),
    "group_educator": (r"Demo \w+", r"educator of “.+”"),
    "group_session": (None, r"“.+”, session \d+ of \d+, \d\d/\d\d/\d{4} \d\d:\d\d"),
    "enrolment": (PERSON, r"sign-up to “.+”"),
    "centre_setting": (None, r"setting “.+”"),
    "plan_action": (None, r"plan action “.+”"),
    "plan_indicator": (None, r"indicator “.+” of “.+”"),
    "plan_action_group": (None, r"group “.+” tagged with “.+”"),
    "siuss_flow": (None, r"SIUSS flow of \d\d/\d\d/\d{4}"),
    "siuss_flow_card": (
        None,
        r"card [A-Z]\d{3} \d{6} [A-Z0-9*] in the SIUSS flow of \d\d/\d\d/\d{4}",
    ),
    "attendance": (PERSON, r"attendance at “.+”, session \d+ of \d+"),
}


@pytest.fixture
def demo(database: Database) -> Database:
    database.write(fill_demo, families=30, seed=5)
    database.write(_report_records)
    return database


def _report_records(session: Session) -> None:
    """What the demo does not make: a centre setting and a SIUSS flow with a card."""
    from familydesk.db.models import cards as mc
    from familydesk.db.models import reports as mr

    session.add(mr.CentreSetting(key="report.small_count_threshold", value="5"))
    flow = mr.SiussFlow(
        made_on=clock.today(),
        period_from=clock.today(),
        period_to=clock.today(),
        file_name="siuss.xml",
        operator="laura",
        records=1,
    )
    session.add(flow)
    session.flush()
    card = session.scalars(select(mc.Card).order_by(mc.Card.id).limit(1)).one()
    session.add(mr.SiussFlowCard(flow_id=flow.id, card_id=card.id, operation="I"))
    session.flush()


def _entry(
    table: str,
    uid: object,
    action: str = "update",
    fields: str = "",
    note: str = "",
    number: int = 1,
) -> AuditRow:
    return AuditRow(number, clock.utcnow(), "laura", action, table, str(uid), fields, note)


def _first(session: Session, model: type) -> RecordMixin:
    return session.scalars(select(model).order_by(model.id).limit(1)).one()  # type: ignore[attr-defined]


def _records(session: Session) -> Iterator[tuple[str, RecordMixin]]:
    for mapper in Base.registry.mappers:
        model = mapper.class_
        if issubclass(model, RecordMixin):
            found = session.scalars(select(model).order_by(model.id).limit(1)).first()  # type: ignore[attr-defined]
            if found is not None:
                yield model.__tablename__, found  # type: ignore[attr-defined]


def test_every_kind_of_record_reads_in_words(demo: Database) -> None:
    def check(session: Session) -> set[str]:
        records = dict(_records(session))
        lines = describe(session, [_entry(t, r.uid) for t, r in records.items()])
        for line in lines:
            who, what = EXPECTED[line.entry.table_name]
            assert re.fullmatch(what, what_text(line)), (line.entry.table_name, what_text(line))
            if who is None:
                assert line.who is None, line.entry.table_name
            else:
                assert re.fullmatch(who, who_text(line)), (line.entry.table_name, who_text(line))
            assert line.entry.record_uid not in what_text(line) + who_text(line)
        return set(records)

    described = demo.read(check)
    assert set(EXPECTED) - described == set()


def test_attendance_names_the_person_the_group_and_the_session(demo: Database) -> None:
    def check(session: Session) -> tuple[str, str, str, str]:
        mark = session.scalars(select(Attendance).order_by(Attendance.id.desc()).limit(1)).one()
        enrolment = session.get(Enrolment, mark.enrolment_id)
        person = session.get(Person, enrolment.person_id)
        meeting = session.get(GroupSession, mark.session_id)
        group = session.get(Group, meeting.group_id)
        rows = sessions_of(session, group.id)
        number = next(r.number for r in rows if r.id == meeting.id)
        expected_who = f"{person.last_name} {person.first_name}, {{}} {person.family.name}"
        expected_what = f"{group.title}”, {{}} {number} {{}} {len(rows)}"
        i18n.set_language("it")
        try:
            (line,) = describe(session, [_entry("attendance", mark.uid, "create")])
            italian = (who_text(line), what_text(line))
        finally:
            i18n.set_language("en")
        (line,) = describe(session, [_entry("attendance", mark.uid, "create")])
        assert who_text(line) == expected_who.format("family")
        assert what_text(line) == "attendance at “" + expected_what.format("session", "of")
        return italian + (expected_who, f"{group.title}», incontro {number} di {len(rows)}")

    who, what, expected_who, expected_what = demo.read(check)
    assert who == expected_who.format("famiglia")
    assert what == "presenza a «" + expected_what


def test_changes_name_the_fields_as_the_forms_do(demo: Database) -> None:
    def check(session: Session) -> list[str]:
        family = _first(session, Person).family
        rows = [
            _entry("family", family.uid, fields="isee_expiry,name,resident_since"),
            _entry("person", _first(session, Person).uid, fields="birth_place,last_name"),
        ]
        return [changes_text(line) for line in describe(session, rows)]

    assert demo.read(check) == [
        "ISEE expires on, Family name, Resident there since",
        "Birthplace, Surname",
    ]
    i18n.set_language("it")
    try:
        assert demo.read(check)[1] == "Luogo di nascita, Cognome"
    finally:
        i18n.set_language("en")


def test_an_anonymised_person_and_an_erased_record_say_so_without_names(demo: Database) -> None:
    def anonymise(session: Session) -> tuple[str, str, str]:
        person = _first(session, Person)
        names = (person.first_name, person.last_name)
        anonymise_person(session, person)
        return person.uid, *names

    uid, first, last = demo.write(anonymise)
    gone = uuid.uuid4()
    lines = demo.read(describe, [_entry("person", uid), _entry("attendance", gone, "delete")])
    assert who_text(lines[0]) == "anonymised person"
    assert first not in detail_text(lines[0]) and last not in detail_text(lines[0])
    assert (who_text(lines[1]), what_text(lines[1])) == (
        "",
        "attendance (no longer in the database)",
    )
    assert str(gone) in detail_text(lines[1])  # the uid stays, for filtering and copying


def test_entries_about_no_record_read_their_note(database: Database) -> None:
    rows = [
        _entry("", "", "export", note="appointments xlsx 2026-01-01..2026-01-31: 30"),
        _entry("", "", "export", note="families csv: 12"),
        _entry("", "", "demo", note="60 families, seed 1"),
        _entry("card", uuid.uuid4(), "print", note="card cover letter"),
    ]
    lines = database.read(describe, rows)
    assert [what_text(line) for line in lines[:3]] == [
        "appointments from 01/01/2026 to 31/01/2026 (XLSX): 30",
        "families (CSV): 12",
        "families: 60",
    ]
    assert action_text(lines[3]) == "printing: card cover letter"


def test_a_page_of_50_entries_takes_one_query_per_kind(demo: Database) -> None:
    def fill(session: Session) -> int:
        records = list(_records(session))
        for number in range(50):
            table, record = records[number % len(records)]
            audit.append(session, "update", table, str(record.uid), ["notes"])
        return len({table for table, _record in records[:50]})

    kinds = demo.write(fill)
    statements: list[str] = []
    event.listen(
        demo.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: statements.append(sql)
    )
    page = demo.read(described_page, 0, 50)
    assert len(page.rows) == 50 and all(line.what for line in page.rows)
    # the page, its count, one query per kind: never one per entry
    assert len(statements) <= kinds + 3, statements
    statements.clear()
    demo.read(described_page, 0, 5)
    assert len(statements) <= 5 + 3

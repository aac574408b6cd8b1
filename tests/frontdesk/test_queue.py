"""Today's queue at the desk (issue 5): waiting, being served, done; minutes waited; who came;
impossible moves refused; two desks calling the same visitor; permissions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from familydesk import frontdesk, registry
from familydesk.db.database import Database
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.kernel.errors import ConflictError, FamilyDeskError
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import signed_in

DAY = date(2026, 11, 23)
AT_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _family(database: Database):  # type: ignore[no-untyped-def]
    parent = MemberInput(
        first_name="Giulia",
        last_name="Ferrari",
        sex="F",
        relation="parent",
        birth_date=date(1988, 2, 3),
        no_code_reason="in attesa",
    )
    return database.write(registry.create_family, FamilyInput(name="Ferrari"), [parent])


def _person(database: Database):  # type: ignore[no-untyped-def]
    return _family(database).members[0]


def _arrive(database: Database, minutes: int, channel: str = "in_person", **who):  # type: ignore[no-untyped-def]
    contact = ContactInput(
        channel=channel,
        contact_date=DAY,
        requests=(
            RequestInput("housing"),
            RequestInput("schooling", ("referral",), referral_to="NPIA"),
        ),
        **who,
    )
    return database.write(frontdesk.record_contact, contact, AT_9 + timedelta(minutes=minutes))


def test_the_queue_shows_who_waits_first_and_how_long(database: Database) -> None:
    family = _family(database)
    signed_in(database, "reception", "laura")
    first = _arrive(database, 0, person_id=family.members[0].id)
    anonymous = _arrive(database, 5, anon_sex="M", anon_birth_year=1979)
    phone = _arrive(database, 7, "phone", family_id=family.id)
    queue = database.read(frontdesk.today_queue, DAY)
    assert [r.id for r in queue] == [first.id, anonymous.id, phone.id]
    assert [r.who for r in queue] == [
        "Ferrari Giulia",
        "Anonymous visitor (M, 1979)",
        "Ferrari family",
    ]
    assert [r.status for r in queue] == [
        "waiting",
        "waiting",
        "done",
    ]  # a phone call is done at once
    assert queue[0].needs == ("Housing", "Schooling and early school leaving")
    assert queue[0].minutes_waited(AT_9 + timedelta(minutes=25)) == 25
    assert (
        queue[2].minutes_waited(AT_9 + timedelta(minutes=25)) == 0 and queue[2].served_by == "laura"
    )
    assert database.read(frontdesk.today_queue, DAY + timedelta(days=1)) == []


def test_call_serve_and_finish(database: Database) -> None:
    signed_in(database, "reception", "laura")
    early, late = _arrive(database, 0), _arrive(database, 10)
    called = database.write(frontdesk.call_next, DAY, AT_9 + timedelta(minutes=12))
    assert called is not None and called.id == early.id
    assert (called.status, called.served_by, called.minutes_waited(AT_9 + timedelta(hours=3))) == (
        "serving",
        "laura",
        12,
    )
    signed_in(database, "professional", "marco")
    second = database.write(
        frontdesk.call_contact, late.id, late.version, AT_9 + timedelta(minutes=30)
    )
    assert (second.status, second.served_by, second.operator) == ("serving", "marco", "laura")
    assert database.write(frontdesk.call_next, DAY) is None  # nobody is waiting
    done = database.write(
        frontdesk.finish_contact, called.id, called.version, AT_9 + timedelta(minutes=40)
    )
    assert done.status == "done" and done.done_at == AT_9 + timedelta(minutes=40)
    queue = database.read(frontdesk.today_queue, DAY)
    assert [(r.id, r.status) for r in queue] == [(late.id, "serving"), (early.id, "done")]


def test_impossible_moves_are_refused_with_a_sentence(database: Database) -> None:
    signed_in(database, "reception", "laura")
    assert database.read(frontdesk.today_queue, DAY) == []
    contact = _arrive(database, 0)
    with pytest.raises(FamilyDeskError, match="Only a visitor being served"):
        database.write(frontdesk.requeue, contact.id, contact.version)
    serving = database.write(frontdesk.call_contact, contact.id, contact.version)
    with pytest.raises(FamilyDeskError, match=r"already being served \(by laura\)"):
        database.write(frontdesk.call_contact, serving.id, serving.version)
    back = database.write(frontdesk.requeue, serving.id, serving.version)
    assert (back.status, back.served_at, back.served_by) == ("waiting", None, "")
    done = database.write(frontdesk.finish_contact, back.id, back.version)  # seen without a call
    assert done.served_by == "laura" and done.served_at is not None
    for move in (frontdesk.call_contact, frontdesk.finish_contact, frontdesk.requeue):
        with pytest.raises(FamilyDeskError, match="already done|being served can go back"):
            database.write(move, done.id, done.version)


def test_two_desks_calling_the_same_visitor_the_second_is_told(database: Database) -> None:
    contact = _arrive(database, 0)
    database.write(frontdesk.call_contact, contact.id, contact.version)
    with pytest.raises(ConflictError):
        database.write(frontdesk.call_contact, contact.id, contact.version)  # an old version
    with pytest.raises(ConflictError):
        database.write(frontdesk.finish_contact, contact.id, contact.version)


def test_coming_back_in_person_after_being_seen_queues_again(database: Database) -> None:
    giulia = _person(database)
    first = _arrive(database, 0, person_id=giulia.id)
    done = database.write(frontdesk.finish_contact, first.id, first.version)
    again = _arrive(database, 120, person_id=giulia.id)
    assert again.id == done.id and again.status == "waiting"  # one contact a day, queued again
    row = database.read(frontdesk.today_queue, DAY)[0]
    assert row.served_at is None and row.arrived_at == AT_9 + timedelta(minutes=120)
    called = _arrive(database, 130, "phone", person_id=giulia.id)
    assert called.status == "waiting"  # a phone call while waiting keeps the place


def test_anonymised_people_stay_anonymous_in_the_queue(database: Database) -> None:
    from familydesk.db.models.registry import Person

    giulia = _person(database)
    _arrive(database, 0, person_id=giulia.id)

    def anonymise(session) -> None:  # type: ignore[no-untyped-def]
        session.get(Person, giulia.id).anonymised_on = DAY

    database.write(anonymise)
    assert database.read(frontdesk.today_queue, DAY)[0].who == "Anonymised person"


def test_follow_ups_say_who_and_what(database: Database) -> None:
    giulia = _person(database)
    signed_in(database, "reception", "laura")
    database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=giulia.id,
            contact_date=DAY,
            requests=(
                RequestInput(
                    "housing",
                    note="call back with the rent fund dates",
                    follow_up_on=DAY + timedelta(days=3),
                ),
            ),
        ),
    )
    [todo] = database.read(frontdesk.open_follow_ups, "laura", DAY)
    assert (todo.who, todo.note, todo.overdue) == (
        "Ferrari Giulia",
        "call back with the rent fund dates",
        False,
    )


def test_educators_see_neither_the_queue_nor_contact_notes(database: Database) -> None:
    family = _family(database)
    database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=family.members[0].id, requests=(RequestInput("violence", note="riservato"),)
        ),
    )
    contact = database.read(frontdesk.today_queue)[0]
    signed_in(database, "educator")
    for read in (frontdesk.today_queue, frontdesk.desk_operators):
        with pytest.raises(PermissionDenied):
            database.read(read)
    with pytest.raises(PermissionDenied):
        database.write(frontdesk.call_contact, contact.id, contact.version)
    history = database.read(frontdesk.contacts_of_family, family.id)
    assert history[0].requests[0].note == ""  # social notes are for roles that may read them
    signed_in(database, "reception")
    assert database.read(frontdesk.contacts_of_family, family.id)[0].requests[0].note == "riservato"


def test_desk_operators_are_the_active_ones_who_work_the_desk(database: Database) -> None:
    from familydesk.trust import operators

    database.write(operators.add_operator, "admin", "admin", "password-lunga-1")
    for name, role in (("laura", "reception"), ("elena", "educator"), ("marco", "professional")):
        database.write(operators.add_operator, name, role, "password-lunga-1")
    database.write(operators.set_active, "marco", False)
    assert database.read(frontdesk.desk_operators) == ["admin", "laura"]


def test_each_centre_on_a_shared_server_has_its_own_queue(database: Database) -> None:
    from familydesk.db.models.frontdesk import Contact
    from familydesk.db.models.registry import Site

    ours = _arrive(database, 0, anon_sex="F", anon_birth_year=1990)
    other_centre = _arrive(database, 2, anon_sex="M", anon_birth_year=1985)

    def move_to_another_centre(session):  # type: ignore[no-untyped-def]
        site = Site(code="OSTIGL", name="Centro per le Famiglie di Ostiglia")
        session.add(site)
        session.flush()
        session.get(Contact, other_centre.id).site_id = site.id

    database.write(move_to_another_centre)
    assert [r.id for r in database.read(frontdesk.today_queue, DAY)] == [ours.id]
    called = database.write(frontdesk.call_next, DAY, AT_9 + timedelta(minutes=30))
    assert called is not None and called.id == ours.id
    assert database.write(frontdesk.call_next, DAY, AT_9 + timedelta(minutes=31)) is None


@pytest.mark.sqlite_only
def test_the_queue_reads_one_centres_day_from_an_index(database: Database) -> None:
    """With an index on the day and another on the centre, SQLite chose the centre's (every
    contact of a one-centre database): 500,000 contacts read for a day's thousand."""
    from sqlalchemy import event

    _arrive(database, 0, anon_sex="F", anon_birth_year=1990)
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if statement.lstrip().startswith("SELECT") and "FROM contact" in statement:
            seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", keep)
    try:
        assert len(database.read(frontdesk.today_queue, DAY)) == 1
    finally:
        event.remove(database.engine, "before_cursor_execute", keep)
    statement, parameters = seen[0]
    with database.engine.connect() as connection:
        plan = " ".join(
            row[-1]
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )
    assert "contact USING INDEX ix_contact_day_site (contact_date=? AND site_id=?)" in plan

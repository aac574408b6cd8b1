"""Walk-in contacts (issue 5, step 1): one contact per person per day, requests with a need
from the taxonomy and outcomes, anonymous visitors, follow-ups, permissions."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest

from familydesk import audit, frontdesk, registry
from familydesk.db.database import Database
from familydesk.errors import ValidationError
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.permissions import PermissionDenied
from familydesk.registry import FamilyInput, MemberInput
from tests.helpers import open_signed, signed_in

DAY = date(2026, 11, 23)
MORNING = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)
AFTERNOON = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def _giulia(database: Database):  # type: ignore[no-untyped-def]
    parent = MemberInput(first_name="Giulia", last_name="Ferrari", sex="F", relation="parent",
                         birth_date=date(1988, 2, 3), no_code_reason="in attesa")  # fmt: skip
    return database.write(registry.create_family, FamilyInput(name="Ferrari"), [parent])


def test_the_taxonomy_is_seeded_with_macro_areas(database: Database) -> None:
    needs = database.read(frontdesk.list_needs)
    assert len(needs) == 16 and needs[0].name == "Orientation to services"
    assert {n.macro_area for n in needs} <= set(frontdesk.MACRO_AREAS)
    assert {n.key for n in needs} == set(frontdesk.NEED_NAMES)


def test_a_second_visit_the_same_day_adds_to_the_same_contact(database: Database) -> None:
    family = _giulia(database)
    giulia = family.members[0]
    signed_in(database, "reception", "laura")
    first = database.write(frontdesk.record_contact, ContactInput(
        person_id=giulia.id, contact_date=DAY, referred_by="scuola",
        requests=(RequestInput("economic_support", ("referral",), referral_to="CAF Suzzara"),)),
        MORNING)  # fmt: skip
    second = database.write(frontdesk.record_contact, ContactInput(
        person_id=giulia.id, contact_date=DAY, channel="phone",
        requests=(RequestInput("parenting", ("appointment",), follow_up_on=date(2026, 12, 1)),)),
        AFTERNOON)  # fmt: skip
    assert second.id == first.id and second.family_id == family.id
    assert [r.need_key for r in second.requests] == ["economic_support", "parenting"]
    assert second.requests[0].referral_to == "CAF Suzzara" and second.operator == "laura"
    assert second.requests[1].follow_up_owner == "laura"
    next_day = database.write(frontdesk.record_contact, ContactInput(
        person_id=giulia.id, contact_date=date(2026, 11, 24),
        requests=(RequestInput("orientation"),)))  # fmt: skip
    assert next_day.id != first.id
    history = database.read(frontdesk.contacts_of_family, family.id)
    assert [c.contact_date for c in history] == [date(2026, 11, 24), DAY]
    assert database.read(lambda s: audit.count(s)) > 0


def test_an_anonymous_visitor_keeps_statistics_only(database: Database) -> None:
    row = database.write(frontdesk.record_contact, ContactInput(
        anon_sex="F", anon_birth_year=1990, anon_citizenship="marocchina", anon_comune="Gonzaga",
        requests=(RequestInput("language_mediation", ("information",)),)))  # fmt: skip
    assert row.anonymous and row.person_id is None and row.family_id is None
    again = database.write(frontdesk.record_contact, ContactInput(
        requests=(RequestInput("other", ("nothing_possible",)),)))  # fmt: skip
    assert again.id != row.id  # two anonymous visitors are two contacts


@pytest.mark.parametrize(("contact", "field"), [
    (ContactInput(channel="fax", requests=(RequestInput("other"),)), "channel"),
    (ContactInput(anon_birth_year=1800, requests=(RequestInput("other"),)), "anon_birth_year"),
    (ContactInput(requests=()), "need"),
    (ContactInput(requests=(RequestInput("astrology"),)), "need"),
    (ContactInput(requests=(RequestInput("other", ()),)), "outcomes"),
    (ContactInput(requests=(RequestInput("other", ("magic",)),)), "outcomes"),
    (ContactInput(requests=(RequestInput("housing", ("referral",)),)), "referral_to"),
    (ContactInput(contact_date=DAY, requests=(RequestInput("other", follow_up_on=date(2026, 1, 1)),)),
     "follow_up_on"),
])  # fmt: skip
def test_bad_input_names_the_field_and_writes_nothing(
    database: Database, contact: ContactInput, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        database.write(frontdesk.record_contact, contact)
    assert error.value.field == field and error.value.message
    assert database.read(frontdesk.open_follow_ups) == []


def test_follow_ups_are_a_to_do_list_per_operator(database: Database) -> None:
    signed_in(database, "reception", "laura")
    database.write(frontdesk.record_contact, ContactInput(contact_date=DAY, requests=(
        RequestInput("housing", follow_up_on=date(2026, 11, 30)),
        RequestInput("schooling", follow_up_on=date(2026, 11, 25), follow_up_owner="marco"),
    )))  # fmt: skip
    mine = database.read(frontdesk.open_follow_ups, "laura", date(2026, 12, 1))
    assert [(f.need, f.overdue) for f in mine] == [("Housing", True)]
    everyone = database.read(frontdesk.open_follow_ups)
    assert [f.owner for f in everyone] == ["marco", "laura"]
    database.write(frontdesk.close_follow_up, mine[0].request_id, mine[0].version)
    assert database.read(frontdesk.open_follow_ups, "laura") == []


def test_educators_do_not_record_contacts(database: Database) -> None:
    signed_in(database, "educator")
    with pytest.raises(PermissionDenied, match="walk-in contacts"):
        database.write(frontdesk.record_contact, ContactInput(requests=(RequestInput("other"),)))


def test_two_desks_recording_the_same_person_the_same_day_make_one_contact(
    db_location: str,
) -> None:
    setup = open_signed(db_location)
    giulia = _giulia(setup).members[0]
    setup.dispose()
    desks = [open_signed(db_location, "reception") for _ in range(2)]
    barrier, results, errors = threading.Barrier(2), [], []

    def desk(database: Database, need: str) -> None:
        barrier.wait()
        try:
            results.append(database.write(frontdesk.record_contact, ContactInput(
                person_id=giulia.id, contact_date=DAY, requests=(RequestInput(need),))))  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - the loser may be refused, never both saved twice
            errors.append(exc)

    threads = [
        threading.Thread(target=desk, args=(d, n))
        for d, n in zip(desks, ("housing", "youth"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        contacts = desks[0].read(frontdesk.contacts_of_family, results[0].family_id)
        assert len(contacts) == 1  # never two contacts for one person on one day
        assert len(contacts[0].requests) == len(results) and len(results) + len(errors) == 2
    finally:
        for database in desks:
            database.dispose()


def test_a_family_seen_at_the_desk_is_not_inactive_for_retention(database: Database) -> None:
    from familydesk import retention
    from tests.privacy_data import TODAY, age, family, member

    old = family(database, "Bianchi", [member("Anna", "Bianchi", date(1980, 5, 6))])
    age(database, old.id, date(2020, 6, 1))
    preview = {p.kind: p for p in database.read(retention.retention_preview, TODAY)}
    assert preview["registry"].count == 1
    database.write(frontdesk.record_contact, ContactInput(
        person_id=old.members[0].id, requests=(RequestInput("housing"),)))  # fmt: skip
    preview = {p.kind: p for p in database.read(retention.retention_preview, TODAY)}
    assert preview["registry"].count == 0

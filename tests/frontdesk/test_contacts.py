"""Walk-in contacts (issue 5, step 1): one contact per person per day, requests with a need
from the taxonomy and outcomes, anonymous visitors, follow-ups, permissions."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from familydesk import frontdesk, registry
from familydesk.db.database import Database
from familydesk.db.models.frontdesk import Contact
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.kernel.errors import ValidationError
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust import audit
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import open_signed, signed_in

DAY = date(2026, 11, 23)
MORNING = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)
AFTERNOON = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def _giulia(database: Database):  # type: ignore[no-untyped-def]
    parent = MemberInput(
        first_name="Giulia",
        last_name="Ferrari",
        sex="F",
        relation="parent",
        birth_date=date(1988, 2, 3),
        no_code_reason="in attesa",
    )
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
    first = database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=giulia.id,
            contact_date=DAY,
            referred_by="scuola",
            requests=(RequestInput("economic_support", ("referral",), referral_to="CAF Suzzara"),),
        ),
        MORNING,
    )
    second = database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=giulia.id,
            contact_date=DAY,
            channel="phone",
            requests=(RequestInput("parenting", ("appointment",), follow_up_on=date(2026, 12, 1)),),
        ),
        AFTERNOON,
    )
    assert second.id == first.id and second.family_id == family.id
    assert [r.need_key for r in second.requests] == ["economic_support", "parenting"]
    assert second.requests[0].referral_to == "CAF Suzzara" and second.operator == "laura"
    assert second.requests[1].follow_up_owner == "laura"
    next_day = database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=giulia.id,
            contact_date=date(2026, 11, 24),
            requests=(RequestInput("orientation"),),
        ),
    )
    assert next_day.id != first.id
    history = database.read(frontdesk.contacts_of_family, family.id)
    assert [c.contact_date for c in history] == [date(2026, 11, 24), DAY]
    assert database.read(lambda s: audit.count(s)) > 0


def test_an_anonymous_visitor_keeps_statistics_only(database: Database) -> None:
    row = database.write(
        frontdesk.record_contact,
        ContactInput(
            anon_sex="F",
            anon_birth_year=1990,
            anon_citizenship="marocchina",
            anon_comune="Gonzaga",
            requests=(RequestInput("language_mediation", ("information",)),),
        ),
    )
    assert row.anonymous and row.person_id is None and row.family_id is None
    again = database.write(
        frontdesk.record_contact,
        ContactInput(requests=(RequestInput("other", ("nothing_possible",)),)),
    )
    assert again.id != row.id  # two anonymous visitors are two contacts


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        (ContactInput(channel="fax", requests=(RequestInput("other"),)), "channel"),
        (ContactInput(anon_birth_year=1800, requests=(RequestInput("other"),)), "anon_birth_year"),
        (ContactInput(requests=()), "need"),
        (ContactInput(requests=(RequestInput("astrology"),)), "need"),
        (ContactInput(requests=(RequestInput("other", ()),)), "outcomes"),
        (ContactInput(requests=(RequestInput("other", ("magic",)),)), "outcomes"),
        (ContactInput(requests=(RequestInput("housing", ("referral",)),)), "referral_to"),
        (
            ContactInput(
                contact_date=DAY, requests=(RequestInput("other", follow_up_on=date(2026, 1, 1)),)
            ),
            "follow_up_on",
        ),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    database: Database, contact: ContactInput, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        database.write(frontdesk.record_contact, contact)
    assert error.value.field == field and error.value.message
    assert database.read(frontdesk.open_follow_ups) == []


def test_follow_ups_are_a_to_do_list_per_operator(database: Database) -> None:
    signed_in(database, "reception", "laura")
    database.write(
        frontdesk.record_contact,
        ContactInput(
            contact_date=DAY,
            requests=(
                RequestInput("housing", follow_up_on=date(2026, 11, 30)),
                RequestInput("schooling", follow_up_on=date(2026, 11, 25), follow_up_owner="marco"),
            ),
        ),
    )
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
            results.append(
                database.write(
                    frontdesk.record_contact,
                    ContactInput(
                        person_id=giulia.id, contact_date=DAY, requests=(RequestInput(need),)
                    ),
                )
            )
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
    from familydesk.privacy import retention
    from tests.privacy.privacy_data import TODAY, age, family, member

    old = family(database, "Bianchi", [member("Anna", "Bianchi", date(1980, 5, 6))])
    age(database, old.id, date(2020, 6, 1))
    preview = {p.kind: p for p in database.read(retention.retention_preview, TODAY)}
    assert preview["registry"].count == 1
    database.write(
        frontdesk.record_contact,
        ContactInput(person_id=old.members[0].id, requests=(RequestInput("housing"),)),
    )
    preview = {p.kind: p for p in database.read(retention.retention_preview, TODAY)}
    assert preview["registry"].count == 0


def test_an_anonymous_visitor_s_comune_and_citizenship_are_entries_of_the_lists(
    database: Database,
) -> None:
    """As the registry stores them: the comune's name and the citizenship's adjective,
    whether the entry of the list, the name or the country (or the codice catastale) came."""
    lists = database.read(frontdesk.visitor_lists)
    assert "Suzzara (MN)" in lists.comuni and "marocchina (Marocco)" in lists.citizenships
    assert lists.citizenships[0] == "italiana (Italia)"
    signed_in(database, "reception", "laura")
    typed = [
        ("marocchina (Marocco)", "Suzzara (MN)"),
        ("Marocco", "suzzara"),
        ("  ROMENA ", "L020"),
        ("", ""),
    ]
    for citizenship, comune in typed:
        database.write(
            frontdesk.record_contact,
            ContactInput(
                anon_citizenship=citizenship, anon_comune=comune, requests=(RequestInput("other"),)
            ),
        )
    stored = database.read(
        lambda s: s.execute(
            select(Contact.anon_citizenship, Contact.anon_comune).order_by(Contact.id)
        ).all()
    )
    assert [tuple(row) for row in stored] == [
        ("marocchina", "Suzzara"),
        ("marocchina", "Suzzara"),
        ("rumena", "Suzzara"),
        ("", ""),
    ]


def test_a_citizenship_or_comune_not_in_the_lists_is_refused_naming_the_field(
    database: Database,
) -> None:
    with pytest.raises(ValidationError) as error:
        database.write(
            frontdesk.record_contact,
            ContactInput(
                anon_citizenship="marocch",
                anon_comune="Atlantide",
                requests=(RequestInput("other"),),
            ),
        )
    assert error.value.errors == (
        (
            "anon_citizenship",
            "Citizenship: choose one from the list, e.g. “marocchina "
            "(Marocco)”, or leave it empty.",
        ),
        ("anon_comune", "Comune: choose a comune from the list, e.g. “Suzzara (MN)”."),
    )
    assert database.read(lambda s: s.scalar(select(func.count()).select_from(Contact))) == 0


def test_what_a_known_person_s_form_kept_of_an_anonymous_visitor_is_not_checked(
    database: Database,
) -> None:
    giulia = _giulia(database).members[0]
    row = database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=giulia.id, anon_citizenship="Atlantide", requests=(RequestInput("other"),)
        ),
    )
    assert row.person_id == giulia.id


def test_three_wrong_fields_are_said_together_top_to_bottom(database: Database) -> None:
    """In the order of the form, each naming its field with its label's words."""
    contact = ContactInput(
        anon_birth_year=1800,
        anon_comune="Atlantide",
        channel="fax",
        requests=(RequestInput("astrology", ("referral",), follow_up_on=date(2026, 1, 1)),),
    )
    with pytest.raises(ValidationError) as error:
        database.write(frontdesk.record_contact, contact)
    assert [field for field, _message in error.value.errors] == [
        "anon_birth_year",
        "anon_comune",
        "channel",
        "need",
        "referral_to",
        "follow_up_on",
    ]
    assert [message.split(":")[0] for _field, message in error.value.errors] == [
        "Birth year",
        "Comune",
        "Channel",
        "Need",
        "Referred to",
        "Follow-up date",
    ]
    assert error.value.field == "anon_birth_year"
    with pytest.raises(ValidationError) as checked:
        database.read(frontdesk.check_contact, contact)
    assert checked.value.errors == error.value.errors
    with pytest.raises(ValidationError) as request:
        database.read(frontdesk.check_request, contact.requests[0])
    assert [field for field, _m in request.value.errors] == ["need", "referral_to", "follow_up_on"]

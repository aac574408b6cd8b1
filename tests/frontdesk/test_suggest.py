"""From a walk-in request to an appointment: the service a need suggests, the requests of a
saved contact that ask for an appointment, the need keys the queue and follow-ups carry."""

from __future__ import annotations

from datetime import date

from familydesk import frontdesk, registry
from familydesk.appointments.names import SERVICE_NAMES
from familydesk.db.database import Database
from familydesk.frontdesk import (
    NEED_NAMES,
    SUGGESTED_SERVICES,
    ContactInput,
    RequestInput,
    first_suggestion,
    requests_to_book,
    suggested_service,
)
from familydesk.kernel import clock
from familydesk.registry import FamilyInput, MemberInput

DAY = date(2026, 11, 23)


def test_obvious_needs_suggest_a_seeded_service_and_the_others_none() -> None:
    assert suggested_service("mediation") == "family_mediation"
    assert suggested_service("parenting") == "pedagogical_counselling"
    assert suggested_service("language_mediation") == "language_mediation"
    assert suggested_service("violence") == "psychological_counselling"
    assert suggested_service("orientation") is None and suggested_service("") is None
    assert suggested_service("a_need_of_the_centre") is None
    assert set(SUGGESTED_SERVICES) <= set(NEED_NAMES)
    assert set(SUGGESTED_SERVICES.values()) <= set(SERVICE_NAMES)
    assert first_suggestion(["orientation", "housing", "mediation"]) == "social_worker_interview"
    assert first_suggestion(["orientation", "other"]) is None and first_suggestion([]) is None


def test_only_the_requests_just_saved_with_an_appointment_are_to_book(database: Database) -> None:
    family = database.write(
        registry.create_family,
        FamilyInput(name="Ferrari"),
        [
            MemberInput(
                first_name="Giulia",
                last_name="Ferrari",
                sex="F",
                relation="parent",
                birth_date=date(1988, 2, 3),
                no_code_reason="in attesa",
            )
        ],
    )
    person = family.members[0].id
    morning = database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=person,
            contact_date=DAY,
            requests=(RequestInput("mediation", ("appointment",)),),
        ),
    )
    assert [r.need_key for r in requests_to_book(morning, 1)] == ["mediation"]
    afternoon = database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=person,
            contact_date=DAY,
            requests=(
                RequestInput("housing"),
                RequestInput("parenting", ("information", "appointment")),
            ),
        ),
    )
    assert afternoon.id == morning.id and len(afternoon.requests) == 3
    [parenting] = requests_to_book(afternoon, 2)  # the morning's mediation is not asked again
    assert parenting.need_key == "parenting" and parenting.id == afternoon.requests[2].id
    assert requests_to_book(afternoon, 0) == ()


def test_queue_rows_and_follow_ups_carry_need_keys_and_who(database: Database) -> None:
    family = database.write(
        registry.create_family,
        FamilyInput(name="Bianchi"),
        [
            MemberInput(
                first_name="Anna",
                last_name="Bianchi",
                sex="F",
                relation="parent",
                birth_date=date(1990, 5, 6),
                no_code_reason="in attesa",
            )
        ],
    )
    person = family.members[0].id
    database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=person,
            requests=(
                RequestInput("orientation"),
                RequestInput("violence", follow_up_on=clock.today()),
            ),
        ),
    )
    [row] = database.read(frontdesk.today_queue)
    assert row.need_keys == ("orientation", "violence") and row.person_id == person
    assert first_suggestion(row.need_keys) == "psychological_counselling"
    [follow_up] = database.read(frontdesk.open_follow_ups, "tester")
    assert (follow_up.person_id, follow_up.family_id, follow_up.need_key) == (
        person,
        family.id,
        "violence",
    )

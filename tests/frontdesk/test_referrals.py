"""Referrals at the desk (issue 16, items 3 and 5): a referral names a directory service,
its follow-up asks whether the family got there, the answer is kept and exported."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from familydesk import frontdesk, registry
from familydesk.db.database import Database
from familydesk.db.models.frontdesk import ContactRequest
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.frontdesk.export import CSV_COLUMNS, export_contacts
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.privacy.access import subject_access
from familydesk.registry import FamilyInput, MemberInput
from tests.frontdesk.referral_data import PEGOGNAGA, build_directory
from tests.helpers import signed_in


def _family(database: Database):  # type: ignore[no-untyped-def]
    parent = MemberInput(
        first_name="Giulia",
        last_name="Ferrari",
        sex="F",
        relation="parent",
        birth_date=date(1988, 2, 3),
        no_code_reason="in attesa",
    )
    family = FamilyInput(name="Ferrari", comune_name="Pegognaga", comune_code=PEGOGNAGA)
    return database.write(registry.create_family, family, [parent])


def _refer(database: Database, *requests: RequestInput, person_id: int | None = None):  # type: ignore[no-untyped-def]
    contact = ContactInput(person_id=person_id, requests=requests)
    return database.write(frontdesk.record_contact, contact)


def _follow_up(database: Database) -> frontdesk.FollowUp:
    (follow_up,) = database.read(frontdesk.open_follow_ups)
    return follow_up


def test_a_referral_s_follow_up_asks_about_the_service(database: Database) -> None:
    ids = build_directory(database).ids
    week = clock.today() + timedelta(days=7)
    _refer(
        database,
        RequestInput(
            "parenting",
            ("referral",),
            service_id=ids["Consultorio di Pegognaga"],
            follow_up_on=week,
        ),
        RequestInput("housing", ("referral",), referral_to="Caritas", follow_up_on=week),
        RequestInput("schooling", follow_up_on=week),
    )
    rows = database.read(frontdesk.open_follow_ups)
    assert [(f.is_referral, f.service_name) for f in rows] == [
        (True, "Consultorio di Pegognaga"),
        (True, "Caritas"),
        (False, ""),
    ]
    assert rows[0].question() == "did the family reach «Consultorio di Pegognaga»?"
    assert rows[2].question() == ""


@pytest.mark.parametrize("outcome", ["reached", "not_reached", "refused"])
def test_an_answer_closes_the_referral_s_follow_up(database: Database, outcome: str) -> None:
    ids = build_directory(database).ids
    row = _refer(
        database,
        RequestInput(
            "parenting",
            ("referral",),
            service_id=ids["Consultorio di Pegognaga"],
            follow_up_on=clock.today() + timedelta(days=7),
        ),
    )
    assert row.requests[0].referral_outcome == "waiting"
    follow_up = _follow_up(database)
    database.write(
        frontdesk.close_follow_up, follow_up.request_id, follow_up.version, outcome=outcome
    )
    assert database.read(frontdesk.open_follow_ups) == []
    request = database.read(lambda s: s.get(ContactRequest, follow_up.request_id))
    assert request.referral_outcome == outcome
    assert request.referral_outcome_on == clock.today()
    assert request.follow_up_done_on == clock.today()


def test_still_waiting_keeps_it_open_a_week_on_or_to_the_date_given(database: Database) -> None:
    _refer(
        database,
        RequestInput(
            "parenting", ("referral",), referral_to="Consultorio", follow_up_on=clock.today()
        ),
    )
    follow_up = _follow_up(database)
    database.write(
        frontdesk.close_follow_up, follow_up.request_id, follow_up.version, outcome="waiting"
    )
    moved = _follow_up(database)
    assert moved.follow_up_on == clock.today() + timedelta(days=7)
    later = clock.today() + timedelta(days=20)
    database.write(
        frontdesk.close_follow_up, moved.request_id, moved.version, outcome="waiting", next_on=later
    )
    assert _follow_up(database).follow_up_on == later


def test_outcomes_and_next_dates_are_refused_where_they_do_not_apply(database: Database) -> None:
    _refer(database, RequestInput("schooling", follow_up_on=clock.today()))
    plain = _follow_up(database)
    with pytest.raises(ValidationError, match="only a referral"):
        database.write(
            frontdesk.close_follow_up, plain.request_id, plain.version, outcome="reached"
        )
    with pytest.raises(ValidationError, match="still waiting"):
        database.write(
            frontdesk.close_follow_up,
            plain.request_id,
            plain.version,
            next_on=clock.today() + timedelta(days=3),
        )
    database.write(frontdesk.close_follow_up, plain.request_id, plain.version)  # the old call
    _refer(
        database,
        RequestInput("housing", ("referral",), referral_to="Caritas", follow_up_on=clock.today()),
    )
    referral = _follow_up(database)
    for outcome, next_on, words in (
        ("waiting", clock.today(), "from tomorrow on"),
        ("lost", None, "reached, not reached"),
        ("reached", clock.today() + timedelta(days=2), "still waiting"),
    ):
        with pytest.raises(ValidationError, match=words):
            database.write(
                frontdesk.close_follow_up,
                referral.request_id,
                referral.version,
                outcome=outcome,
                next_on=next_on,
            )
    assert _follow_up(database) == referral


def test_the_family_s_comune_code_is_the_registry_s(database: Database) -> None:
    family = _family(database)
    assert database.read(frontdesk.family_comune_code, family.id) == PEGOGNAGA
    assert database.read(frontdesk.family_comune_code, None) == ""


def test_the_export_and_the_access_report_name_the_service_and_the_outcome(
    database: Database,
) -> None:
    ids = build_directory(database).ids
    family = _family(database)
    person_id = family.members[0].id
    _refer(
        database,
        RequestInput(
            "parenting",
            ("referral",),
            service_id=ids["Consultorio di Pegognaga"],
            follow_up_on=clock.today() + timedelta(days=7),
        ),
        person_id=person_id,
    )
    follow_up = _follow_up(database)
    database.write(
        frontdesk.close_follow_up, follow_up.request_id, follow_up.version, outcome="reached"
    )
    out = io.StringIO()
    database.write(export_contacts, clock.today(), clock.today(), "csv", None, out)
    (line,) = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert set(CSV_COLUMNS) >= {"servizio", "servizio_uid", "esito_invio", "esito_invio_il"}
    assert line["servizio"] == "Consultorio di Pegognaga" and line["servizio_uid"]
    assert line["esito_invio"] == "reached the service"
    assert line["esito_invio_il"] == clock.today().strftime("%d/%m/%Y")
    out = io.StringIO()
    database.write(export_contacts, clock.today(), clock.today(), "json", None, out)
    assert '"referral_outcome": "reached"' in out.getvalue()
    signed_in(database, "admin")
    report = database.write(subject_access, person_id)
    (request,) = [r for c in report["contacts"] for r in c["requests"]]
    assert request["service"] == "Consultorio di Pegognaga"
    assert request["referral_outcome"] == "reached the service"

"""Erasure requests (GDPR art. 17): recorded at the desk, carried out or refused."""

from __future__ import annotations

from datetime import date

import pytest

from familydesk import registry
from familydesk.db.database import Database
from familydesk.kernel.errors import ConflictError, FamilyDeskError, ValidationError
from familydesk.privacy import erasure
from familydesk.trust import audit
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import signed_in
from tests.privacy.privacy_data import TODAY, family, member


def _two_parents(database: Database):  # type: ignore[no-untyped-def]
    return family(
        database,
        "Rossi",
        [
            member("Giulia", "Rossi", date(1984, 2, 2)),
            member("Marco", "Rossi", date(1982, 8, 8), sex="M"),
        ],
    )


def test_desk_records_a_request_and_only_managers_decide(database: Database) -> None:
    fam = _two_parents(database)
    giulia = fam.members[0]
    signed_in(database, "reception")
    row = database.write(erasure.record_erasure_request, giulia.id, TODAY, "di persona", TODAY)
    assert (row.status, row.person_uid, row.requested_by) == ("open", str(giulia.uid), "di persona")
    with pytest.raises(PermissionDenied):
        database.read(erasure.list_erasure_requests)
    with pytest.raises(PermissionDenied):
        database.write(erasure.carry_out_erasure, row.id, row.version)
    signed_in(database, "coordinator")
    assert [r.person_name for r in database.read(erasure.list_erasure_requests)] == ["Rossi Giulia"]
    with pytest.raises(ValidationError) as error:
        database.write(erasure.record_erasure_request, giulia.id, TODAY, "", TODAY)
    assert error.value.field == "person"  # already open
    with pytest.raises(ValidationError) as error:
        database.write(erasure.record_erasure_request, giulia.id, date(2027, 1, 1), "", TODAY)
    assert error.value.field == "received_on"


def test_carry_out_anonymises_the_person_and_keeps_the_family_while_others_remain(
    database: Database,
) -> None:
    fam = _two_parents(database)
    giulia, marco = fam.members
    row = database.write(erasure.record_erasure_request, giulia.id, TODAY, "", TODAY)
    done = database.write(erasure.carry_out_erasure, row.id, row.version, TODAY)
    assert (done.status, done.decided_on, done.decided_by, done.person_name) == (
        "carried_out",
        TODAY,
        "tester",
        "",
    )
    detail = database.read(registry.get_family, fam.id)
    assert detail.name == "Rossi"  # Marco is still identified
    assert [m.first_name for m in detail.members] == ["", "Marco"]
    assert database.read(registry.search_people, "Giulia") == []
    with pytest.raises(ValidationError):  # decided already
        database.write(erasure.carry_out_erasure, done.id, done.version, TODAY)
    # The last identified member's erasure takes the family with it.
    second = database.write(erasure.record_erasure_request, marco.id, TODAY, "", TODAY)
    database.write(erasure.carry_out_erasure, second.id, second.version, TODAY)
    after = database.read(registry.get_family, fam.id)
    assert (after.name, after.phone, after.address, after.comune_name) == (
        "Anonymised family",
        "",
        "",
        "Suzzara",
    )
    with pytest.raises(FamilyDeskError, match="anonymised"):  # nobody edits it back to life
        database.write(registry.update_family, after.as_input())
    with pytest.raises(FamilyDeskError, match="anonymised"):
        database.write(registry.update_member, after.members[0].as_input())
    actions = [e.action for e in database.read(audit.entries, [str(row.uid), str(giulia.uid)])]
    assert {"erasure-request", "erasure-carry-out", "anonymise"} <= set(actions)
    with pytest.raises(ValidationError):  # nothing left to erase
        database.write(erasure.record_erasure_request, giulia.id, TODAY, "", TODAY)


def test_refusal_needs_a_ground_and_keeps_the_data(database: Database) -> None:
    fam = _two_parents(database)
    row = database.write(erasure.record_erasure_request, fam.members[0].id, TODAY, "", TODAY)
    with pytest.raises(ValidationError) as error:
        database.write(erasure.refuse_erasure, row.id, row.version, "", "no")
    assert error.value.field == "ground"
    with pytest.raises(ConflictError):
        database.write(erasure.refuse_erasure, row.id, row.version + 1, "legal_obligation")
    refused = database.write(
        erasure.refuse_erasure, row.id, row.version, "legal_obligation", " cartella sociale ", TODAY
    )
    assert (refused.status, refused.refusal_ground, refused.refusal_note) == (
        "refused",
        "legal_obligation",
        "cartella sociale",
    )
    assert database.read(registry.get_family, fam.id).members[0].first_name == "Giulia"
    assert database.read(audit.entries)[0].action == "erasure-refuse"
    assert [r.id for r in database.read(erasure.list_erasure_requests, "refused")] == [row.id]
    assert database.read(erasure.list_erasure_requests, "open") == []


def test_request_survives_deleting_the_family(database: Database) -> None:
    fam = _two_parents(database)
    row = database.write(erasure.record_erasure_request, fam.members[0].id, TODAY, "", TODAY)
    database.write(registry.delete_family, fam.id, fam.version)
    kept = database.read(erasure.list_erasure_requests)[0]
    assert (kept.person_id, kept.person_uid) == (None, row.person_uid)
    done = database.write(erasure.carry_out_erasure, kept.id, kept.version, TODAY)
    assert done.status == "carried_out"


def test_closed_requests_expire_with_their_rule(database: Database) -> None:
    from familydesk.privacy import retention

    fam = _two_parents(database)
    row = database.write(
        erasure.record_erasure_request, fam.members[0].id, date(2020, 1, 1), "", TODAY
    )
    database.write(
        erasure.refuse_erasure, row.id, row.version, "legal_claims", "", date(2020, 2, 1)
    )
    summary = database.write(retention.apply_retention, TODAY)
    assert {r.kind: r.count for r in summary.rows}["erasure_requests"] == 1
    assert database.read(erasure.list_erasure_requests) == []

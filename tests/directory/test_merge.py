"""Merging two entries for the same service or organisation: what moves over, what is
refused, who may do it, and the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from familydesk.db.database import Database
from familydesk.db.models.cards import Partner
from familydesk.db.models.registry import AuditEntry
from familydesk.directory import merge, records
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.directory import directory_data as data
from tests.helpers import signed_in


def _two_consultori(database: Database):  # type: ignore[no-untyped-def]
    needs = data.need_ids(database)
    asst = data.organisation(database, "ASST Mantova")
    keep = data.service(database, asst.id, "Consultorio familiare", need_ids=(needs["parenting"],))
    drop = data.service(
        database,
        asst.id,
        "Consultorio di Suzzara",
        need_ids=(needs["pregnancy_newborns"], needs["parenting"]),
    )
    return keep, drop


def test_merging_services_moves_the_referrals_and_unites_the_needs(database: Database) -> None:
    keep, drop = _two_consultori(database)
    moved = [data.referral(database, "consultorio", drop.id) for _ in range(2)]
    stays = data.referral(database, "consultorio", keep.id)
    assert database.read(merge.referral_count, drop.id) == 2
    merged = database.write(merge.merge_services, keep.id, drop.id)
    assert merged.need_keys == ("parenting", "pregnancy_newborns")
    assert [data.request_of(database, r)[0] for r in (*moved, stays)] == [keep.id] * 3
    assert [s.id for s in database.read(records.list_services, False)] == [keep.id]
    with pytest.raises(NotFoundError):
        database.read(records.get_service, drop.id)
    entries = database.read(
        lambda s: s.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).all()
    )
    assert [e.record_uid for e in entries] == [keep.uid] and drop.uid in entries[0].note


def test_merging_organisations_moves_services_and_card_partners(database: Database) -> None:
    keep = data.organisation(database, "Comune di Suzzara")
    drop = data.organisation(database, "Comune Suzzara")
    service = data.service(database, drop.id, "Servizi sociali")

    def add_partner(session):  # type: ignore[no-untyped-def]
        partner = Partner(organisation_id=drop.id, category="social")
        session.add(partner)
        session.flush()
        return partner.id

    partner_id = database.write(add_partner)
    merged = database.write(merge.merge_organisations, keep.id, drop.id)
    assert merged.id == keep.id
    assert database.read(records.get_service, service.id).organisation.id == keep.id
    assert database.read(lambda s: s.get(Partner, partner_id).organisation_id) == keep.id
    assert [o.id for o in database.read(records.list_organisations)] == [keep.id]


def test_a_merge_names_what_is_wrong_and_writes_nothing(database: Database) -> None:
    keep, drop = _two_consultori(database)
    with pytest.raises(ValidationError, match="two different"):
        database.write(merge.merge_services, keep.id, keep.id)
    with pytest.raises(ValidationError, match="duplicate service is no longer"):
        database.write(merge.merge_services, keep.id, drop.id + 100)
    with pytest.raises(ValidationError, match="kept organisation is no longer"):
        database.write(merge.merge_organisations, 999, keep.organisation.id)
    assert len(database.read(records.list_services)) == 2


@pytest.mark.parametrize("role", ["reception", "educator"])
def test_only_coordinators_and_admins_merge(database: Database, role: str) -> None:
    keep, drop = _two_consultori(database)
    signed_in(database, role)
    with pytest.raises(PermissionDenied):
        database.write(merge.merge_services, keep.id, drop.id)
    with pytest.raises(PermissionDenied):
        database.write(merge.merge_organisations, keep.organisation.id, keep.organisation.id)
    assert len(database.read(records.list_services)) == 2

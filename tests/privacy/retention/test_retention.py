"""Retention rules (GDPR storage limitation): defaults, changes, preview, application."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from familydesk import registry
from familydesk.db.database import Database
from familydesk.db.models.registry import Consent, Family, Person, PersonMerge
from familydesk.kernel.errors import ConflictError, ValidationError
from familydesk.privacy import retention
from familydesk.registry import MemberInput
from familydesk.trust import audit
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import signed_in
from tests.privacy.privacy_data import TODAY, age, family, member


def _by_kind(rows):  # type: ignore[no-untyped-def]
    return {row.kind: row for row in rows}


def test_defaults_then_a_change_is_stored_and_versioned(database: Database) -> None:
    rules = _by_kind(database.read(retention.retention_rules))
    assert list(rules) == [
        "registry",
        "notes",
        "consents",
        "erasure_requests",
        "cards",
        "contacts",
        "contact_notes",
        "appointments",
        "appointment_notes",
        "group_participation",
    ]
    assert (rules["registry"].months, rules["notes"].months, rules["registry"].version) == (
        60,
        24,
        0,
    )
    changed = database.write(retention.set_retention, "notes", 36, 0)
    assert (changed.months, changed.version) == (36, 1)
    assert _by_kind(database.read(retention.retention_rules))["notes"].months == 36
    with pytest.raises(ConflictError):
        database.write(retention.set_retention, "notes", 12, 0)
    database.write(retention.set_retention, "notes", 12, 1)
    assert database.read(audit.entries)[0].action == "retention-rule"


@pytest.mark.parametrize("months", [5, 601, 0, -1])
def test_months_out_of_range_are_refused_naming_the_field(database: Database, months: int) -> None:
    with pytest.raises(ValidationError) as error:
        database.write(retention.set_retention, "registry", months, 0)
    assert (
        error.value.field == "months"
        and "6" in error.value.message
        and "600" in error.value.message
    )


def test_unknown_kind_is_refused(database: Database) -> None:
    with pytest.raises(ValidationError) as error:
        database.write(retention.set_retention, "walk_ins", 24, 0)
    assert error.value.field == "kind"


def test_only_privacy_managers_see_or_apply_rules(database: Database) -> None:
    signed_in(database, "reception")
    for call in (retention.retention_rules, retention.retention_preview, retention.apply_retention):
        with pytest.raises(PermissionDenied):
            database.write(call)
    with pytest.raises(PermissionDenied):
        database.write(retention.set_retention, "notes", 36, 0)


def test_months_before_keeps_the_end_of_month() -> None:
    assert retention.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert retention.months_before(date(2026, 11, 22), 60) == date(2021, 11, 22)
    assert retention.months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def _old_and_recent(database: Database):  # type: ignore[no-untyped-def]
    old = family(
        database,
        "Bianchi",
        [
            member(
                "Anna", "Bianchi", date(1980, 5, 6), notes="segnalata dai servizi", disability=True
            ),
            member("Luca", "Bianchi", date(2015, 2, 3), sex="M", relation="child"),
        ],
        notes="situazione delicata",
        isee_value=Decimal("8000.00"),
        isee_expiry=date(2027, 1, 15),
        postal_code="46029",
    )
    recent = family(
        database, "Verdi", [member("Sara", "Verdi", date(1990, 1, 1))], notes="nota recente"
    )
    anna = old.members[0]
    database.write(registry.record_consent, anna.id, "privacy", date(2020, 1, 10), today=TODAY)
    age(database, old.id, date(2020, 6, 1))
    return old, recent


def test_preview_counts_and_describes_without_names(database: Database) -> None:
    old, recent = _old_and_recent(database)
    before = database.read(audit.count)
    preview = _by_kind(database.read(retention.retention_preview, TODAY))
    assert preview["registry"].count == 1 and preview["notes"].count == 1
    assert preview["registry"].cutoff == date(2021, 11, 22)
    sample = preview["registry"].samples[0]
    assert sample.uid == str(old.uid) and "Suzzara" in sample.description
    assert "Bianchi" not in sample.description
    assert database.read(audit.count) == before  # a preview writes nothing
    assert database.read(registry.get_family, recent.id).notes == "nota recente"


def test_apply_anonymises_inactive_families_keeping_statistics(database: Database) -> None:
    old, recent = _old_and_recent(database)
    summary = database.write(retention.apply_retention, TODAY)
    counts = {row.kind: row.count for row in summary.rows}
    assert counts["registry"] == 1 and summary.total >= 1

    def stored(session):  # type: ignore[no-untyped-def]
        fam = session.get(Family, old.id)
        people = session.scalars(
            select(Person).where(Person.family_id == old.id).order_by(Person.id)
        ).all()
        consents = session.scalar(
            select(func.count(Consent.id)).where(Consent.person_id.in_([p.id for p in people]))
        )
        return fam, people, consents

    fam, people, consents = database.read(stored)
    assert (fam.name, fam.address, fam.phone, fam.email, fam.notes, fam.isee_value) == (
        "",
        "",
        "",
        "",
        "",
        None,
    )
    assert fam.comune_name == "Suzzara" and fam.anonymised_on == TODAY
    assert fam.postal_code == ""  # in a city a CAP narrows a family down to a neighbourhood
    anna = people[0]
    assert (anna.first_name, anna.last_name, anna.tax_code, anna.birth_date) == ("", "", None, None)
    assert (anna.phone, anna.notes, anna.languages, anna.search_text, anna.name_key) == ("",) * 5
    assert (anna.birth_year, anna.sex, anna.citizenship, anna.relation) == (
        1980,
        "F",
        "Italiana",
        "parent",
    )
    assert anna.disability is False and consents == 0
    # The recent family is untouched; nobody is found by the old names any more.
    assert database.read(registry.get_family, recent.id).name == "Verdi"
    assert database.read(registry.search_people, "Bianchi") == []
    assert database.read(registry.search_people, "Verdi")
    actions = [e.action for e in database.read(audit.entries, [str(old.uid), str(anna.uid)])]
    assert actions.count("anonymise") == 2
    assert database.read(audit.entries)[0].action == "retention-purge"
    # A second run finds nothing left to do.
    assert database.write(retention.apply_retention, TODAY).total == 0


def test_anonymised_people_stay_out_of_duplicates_and_are_listed_last(database: Database) -> None:
    old, _recent = _old_and_recent(database)
    database.write(retention.apply_retention, TODAY)
    # Editing an anonymised person does not bring their search words back.
    anna = database.read(registry.get_family, old.id).members[0]
    database.write(lambda s: setattr(s.get(Person, anna.id), "citizenship", "Italiana, Rumena"))
    assert database.read(lambda s: s.get(Person, anna.id).search_text) == ""
    assert database.read(registry.duplicate_groups) == []
    assert database.read(registry.likely_duplicates, "", "", None) == []
    page = database.read(registry.family_page)
    assert [row.name for row in page.rows] == ["Verdi", "Anonymised family"]
    assert page.rows[-1].anonymised


def test_notes_expire_without_restarting_the_registry_clock(database: Database) -> None:
    kept = family(
        database,
        "Neri",
        [member("Marta", "Neri", date(1988, 3, 3), notes="nota")],
        notes="nota di famiglia",
    )
    age(database, kept.id, date(2024, 1, 10))  # 34 months: notes (24) go, the family (60) stays
    summary = database.write(retention.apply_retention, TODAY)
    assert {row.kind: row.count for row in summary.rows}["notes"] == 1
    detail = database.read(registry.get_family, kept.id)
    assert detail.notes == "" and detail.members[0].notes == "" and detail.name == "Neri"
    assert database.read(lambda s: s.get(Family, kept.id).updated_at.date()) == date(2024, 1, 10)
    assert detail.version == kept.version + 1
    fields = [e.fields for e in database.read(audit.entries, [str(kept.uid)])]
    assert "notes" in fields


def test_withdrawn_consents_go_after_their_period(database: Database) -> None:
    fam = family(database, "Gialli", [member("Ada", "Gialli", date(1975, 7, 7))])
    ada = fam.members[0]
    old = database.write(registry.record_consent, ada.id, "photos", date(2019, 1, 1), today=TODAY)
    database.write(registry.withdraw_consent, old.id, old.version, date(2020, 1, 1), today=TODAY)
    new = database.write(registry.record_consent, ada.id, "privacy", date(2026, 1, 1), today=TODAY)
    summary = database.write(retention.apply_retention, TODAY)
    assert {row.kind: row.count for row in summary.rows}["consents"] == 1
    left = [c.id for c in database.read(registry.get_family, fam.id).members[0].consents]
    assert left == [new.id]


def test_merge_snapshots_of_anonymised_people_are_deleted(database: Database) -> None:
    old, _recent = _old_and_recent(database)
    anna = old.members[0]
    twin = family(
        database,
        "Bianchi bis",
        [
            MemberInput(
                first_name="Anna",
                last_name="Bianchi",
                sex="F",
                birth_date=date(1980, 5, 6),
                no_code_reason="doppione",
            )
        ],
    )
    fresh = database.read(registry.get_family, old.id).members[0]
    dupe = twin.members[0]
    database.write(registry.merge_people, fresh.id, fresh.version, dupe.id, dupe.version)
    age(database, old.id, date(2020, 6, 1))
    database.write(retention.apply_retention, TODAY)
    snapshots = database.read(lambda s: s.scalar(select(func.count(PersonMerge.id))))
    assert snapshots == 0 and anna.id


def test_every_kind_written_is_in_the_explicit_list() -> None:
    """Kinds do not register themselves on import: ``kinds.KINDS`` lists them, so a kind
    written in one of the retention modules but left out of the list would never apply."""
    import importlib
    import pkgutil

    from familydesk.privacy.retention import kinds
    from familydesk.privacy.retention.kind import RetentionKind

    written = {
        value.key
        for info in pkgutil.iter_modules(retention.__path__)
        for value in vars(importlib.import_module(f"{retention.__name__}.{info.name}")).values()
        if isinstance(value, RetentionKind)
    }
    assert written == {kind.key for kind in kinds.KINDS} and len(written) == 10

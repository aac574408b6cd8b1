"""Registry services: families, members, codes, duplicates, search, consents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from codicefiscale import codicefiscale as cf

from familydesk import registry
from familydesk.db.database import Database
from familydesk.kernel.errors import ConflictError, ValidationError
from familydesk.registry import FamilyInput, MemberInput

TODAY = date(2026, 11, 22)


def code(last: str, first: str, sex: str, born: date, place: str = "Suzzara") -> str:
    return cf.encode(last, first, sex, datetime(born.year, born.month, born.day), place)


def parent(
    first: str = "Nicolò",
    last: str = "D'Angelo",
    sex: str = "M",
    born: date = date(1985, 4, 2),
    **extra: object,
) -> MemberInput:
    return MemberInput(
        first_name=first,
        last_name=last,
        tax_code=code(last, first, sex, born),
        relation="parent",
        **extra,
    )  # type: ignore[arg-type]


def child(first: str, born: date, sex: str = "F", last: str = "D'Angelo") -> MemberInput:
    return MemberInput(
        first_name=first,
        last_name=last,
        relation="child",
        tax_code=code(last, first, sex, born, "Mantova"),
    )


def new_family(database: Database, members: list[MemberInput], **fields: object):  # type: ignore[no-untyped-def]
    family = FamilyInput(
        name=fields.pop("name", "D'Angelo"), comune_name="Suzzara", comune_code="L020", **fields
    )  # type: ignore[arg-type]
    return database.write(registry.create_family, family, members, today=TODAY)


def test_code_fills_sex_birth_date_and_place(database: Database) -> None:
    detail = new_family(database, [parent()])
    member = detail.members[0]
    assert (member.sex, member.birth_date, member.birth_place) == ("M", date(1985, 4, 2), "Suzzara")
    assert member.age == 41


def test_code_contradicting_typed_data_shows_both(database: Database) -> None:
    wrong = replace(parent(), birth_date=date(1985, 4, 3))
    with pytest.raises(ValidationError) as error:
        new_family(database, [wrong])
    assert "02/04/1985" in error.value.message and "03/04/1985" in error.value.message
    assert database.read(registry.count_families) == 0


def test_person_without_code_needs_a_reason(database: Database) -> None:
    baby = MemberInput(
        first_name="Leo", last_name="Rossi", sex="M", relation="child", birth_date=date(2026, 11, 1)
    )
    with pytest.raises(ValidationError) as error:
        new_family(database, [baby], name="Rossi")
    assert error.value.field == "tax_code"
    detail = new_family(database, [replace(baby, no_code_reason="newborn")], name="Rossi")
    assert detail.members[0].tax_code is None


def test_existing_code_is_refused_with_a_link(database: Database) -> None:
    first = new_family(database, [parent()])
    with pytest.raises(registry.DuplicateCodeError) as error:
        new_family(database, [parent()], name="Altra")
    assert error.value.person_id == first.members[0].id
    assert error.value.family_id == first.id
    assert "already belongs to D'Angelo Nicolò" in error.value.message


def test_markers(database: Database) -> None:
    kids = [
        child("Anna", date(2015, 1, 1)),
        child("Bea", date(2018, 1, 1)),
        child("Ciro", date(2025, 6, 1), "M"),
    ]
    detail = new_family(database, [parent(disability=True), *kids])
    markers = detail.markers
    assert (
        markers.large_family,
        markers.single_parent,
        markers.early_childhood,
        markers.disability,
    ) == (True, True, True, True)
    assert markers.labels() == ["large family", "single parent", "child 0-3", "disability"]


def test_family_edit_checks_version_and_isee(database: Database) -> None:
    detail = new_family(database, [parent()])
    with pytest.raises(ValidationError) as error:
        database.write(
            registry.update_family, replace(detail.as_input(), isee_value=Decimal("9500.50"))
        )
    assert error.value.field == "isee_expiry"
    saved = database.write(
        registry.update_family,
        replace(detail.as_input(), isee_value=Decimal("9500.50"), isee_expiry=date(2027, 1, 15)),
    )
    assert saved.isee_value == Decimal("9500.50") and saved.version == 2
    with pytest.raises(ConflictError):
        database.write(registry.update_family, replace(detail.as_input(), phone="0376 1"))


def test_members_are_added_edited_and_removed(database: Database) -> None:
    detail = new_family(database, [parent()])
    detail = database.write(
        registry.add_member, detail.id, child("Giulia", date(2019, 2, 3)), today=TODAY
    )
    giulia = detail.members[1]
    detail = database.write(
        registry.update_member,
        replace(giulia.as_input(), languages="italiano, arabo "),
        today=TODAY,
    )
    assert detail.members[1].languages == "italiano, arabo"
    database.write(registry.remove_member, giulia.id, giulia.version + 1)
    assert len(database.read(registry.get_family, detail.id).members) == 1


@pytest.mark.parametrize(
    "typed",
    ["nicolo", "NICOLÒ", "dangelo", "d'ang", "angelo nic", "347 12", "nico.dangelo", "dngncl"],
)
def test_search_ignores_case_accents_and_apostrophes(database: Database, typed: str) -> None:
    new_family(database, [parent(phone="+39 347 123 4567", email="nico.dangelo@esempio.it")])
    new_family(database, [parent("Anna", "Rossi", "F", date(1990, 1, 1))], name="Rossi")
    hits = database.read(registry.search_people, typed)
    assert [(h.surname, h.given_name) for h in hits] == [("D'Angelo", "Nicolò")]
    assert hits[0].as_json()["birth_date"] == "1985-04-02"


def test_search_follows_edits(database: Database) -> None:
    detail = new_family(database, [parent()])
    member = detail.members[0]
    database.write(
        registry.update_member,
        replace(
            member.as_input(),
            first_name="Nicola",
            tax_code=code("D'Angelo", "Nicola", "M", date(1985, 4, 2)),
        ),
    )
    assert database.read(registry.search_people, "nicolo") == []
    assert len(database.read(registry.search_people, "nicola")) == 1
    database.write(
        registry.update_family, replace(detail.as_input(), version=1, phone="0376 99 88 77")
    )
    assert len(database.read(registry.search_people, "0376998877")) == 1


def test_likely_duplicates_and_merge_keep_history(database: Database) -> None:
    first = new_family(database, [parent()])
    no_code = MemberInput(
        first_name="nicolo",
        last_name="DANGELO",
        sex="M",
        birth_date=date(1985, 4, 2),
        no_code_reason="documents pending",
        relation="parent",
        phone="347 000 1111",
    )
    second = new_family(database, [no_code], name="Dangelo")
    dupes = database.read(registry.likely_duplicates, "Nicolò", "D'Angelo", date(1985, 4, 2))
    assert len(dupes) == 2
    groups = database.read(registry.duplicate_groups)
    assert len(groups) == 1 and len(groups[0]) == 2
    kept, other = first.members[0], second.members[0]
    database.write(registry.record_consent, other.id, "privacy", date(2026, 1, 10), today=TODAY)
    database.write(registry.merge_people, kept.id, kept.version, other.id, other.version)
    merged = database.read(registry.get_family, first.id).members[0]
    assert merged.phone == "347 000 1111"
    assert merged.privacy_acknowledged
    assert database.read(registry.duplicate_groups) == []
    from familydesk.db.models.registry import PersonMerge

    snapshots = database.read(lambda s: [m.snapshot for m in s.query(PersonMerge)])
    assert len(snapshots) == 1 and "documents pending" in snapshots[0]


def test_consents_for_minors_need_a_guardian(database: Database) -> None:
    detail = new_family(database, [parent(), child("Giulia", date(2019, 2, 3))])
    adult, minor = detail.members
    assert [m.first_name for m in detail.missing_privacy] == ["Nicolò", "Giulia"]
    database.write(
        registry.record_consent,
        adult.id,
        "privacy",
        date(2026, 11, 1),
        operator="Laura",
        today=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        database.write(registry.record_consent, minor.id, "privacy", date(2026, 11, 1), today=TODAY)
    assert error.value.field == "signed_by"
    row = database.write(
        registry.record_consent,
        minor.id,
        "photos",
        date(2026, 11, 1),
        signed_by="Nicolò D'Angelo",
        today=TODAY,
    )
    database.write(
        registry.record_consent,
        minor.id,
        "privacy",
        date(2026, 11, 1),
        signed_by="Nicolò D'Angelo",
        today=TODAY,
    )
    withdrawn = database.write(
        registry.withdraw_consent, row.id, row.version, date(2026, 11, 20), today=TODAY
    )
    assert not withdrawn.active
    detail = database.read(registry.get_family, detail.id)
    assert detail.missing_privacy == []


def test_surname_matches_come_before_other_matches(database: Database) -> None:
    new_family(
        database,
        [parent("Anna", "Artioli", "F", date(1990, 1, 1), email="bellini62@esempio.it")],
        name="Artioli",
    )
    new_family(database, [parent("Luca", "Bellini", "M", date(1988, 3, 3))], name="Bellini")
    hits = database.read(registry.search_people, "bell")
    assert [h.surname for h in hits] == ["Bellini", "Artioli"]


@pytest.mark.parametrize(
    ("typed", "found_by"),
    [
        ("347 12", "+39 347 123 4567"),
        ("nd85", "nd85@esempio.it"),
        ("nico.dangelo", ""),
        ("0376 55", "0376 555 111"),
        ("famiglia.dangelo", "famiglia.dangelo@esempio.it"),
        ("nicolo", ""),
        ("dngncl", ""),
        ("nicolo 347", "+39 347 123 4567"),
    ],
)
def test_a_hit_says_which_phone_or_email_found_it(
    database: Database, typed: str, found_by: str
) -> None:
    """Found by a member's phone or e-mail (or the family's), the hit carries it; found by
    name or tax code, nothing."""
    new_family(
        database,
        [parent(phone="+39 347 123 4567", email="nd85@esempio.it")],
        phone="0376 555 111",
        email="famiglia.dangelo@esempio.it",
    )
    hits = database.read(registry.search_people, typed)
    assert [(h.surname, h.found_by) for h in hits] == [("D'Angelo", found_by)]
    page = database.read(registry.search_page, 0, 10, typed)
    assert [h.found_by for h in page.rows] == [found_by]

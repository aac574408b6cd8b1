"""A partner is an agreement with an organisation of the services directory: a new
partner makes its organisation (or names one), its name, comune, address, phone and
e-mail are the organisation's, edits change the organisation the directory shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from familydesk import i18n
from familydesk.cards.partner_editing import PartnerInput, remove_partner, save_partner
from familydesk.cards.partners import get_partner, list_partners, partner_directory
from familydesk.db.database import Database
from familydesk.db.models.directory import Organisation
from familydesk.directory.editing import OrganisationInput, save_organisation
from familydesk.directory.records import get_organisation, list_organisations
from familydesk.kernel.errors import ConflictError, ValidationError
from tests.cards.card_data import TODAY, CardWorld
from tests.cards.partner_data import Partners, build_partners


@pytest.fixture
def partners(database: Database, world: CardWorld) -> Partners:
    return build_partners(database, world)


def _organisations(database: Database) -> int:
    return database.read(lambda s: s.scalar(select(func.count(Organisation.id))))


def test_a_new_partner_is_a_new_organisation_of_the_directory(
    database: Database, world: CardWorld
) -> None:
    saved = database.write(
        save_partner,
        PartnerInput(
            " Farmacia San Rocco ",
            "social",
            "Suzzara",
            "l020",
            "Via Roma 3",
            contact="Dott.ssa Bassi",
            phone="0376 531234",
            email="farmacia@sanrocco.it",
        ),
    )
    organisation = database.read(get_organisation, saved.organisation_id)
    assert (organisation.name, organisation.kind, organisation.comune_code) == (
        "Farmacia San Rocco",
        "third_sector",
        "L020",
    )
    assert (organisation.comune_name, organisation.address, organisation.phone) == (
        "Suzzara",
        "Via Roma 3",
        "0376 531234",
    )
    assert organisation.email == "farmacia@sanrocco.it"
    assert (saved.name, saved.comune, saved.comune_code, saved.contact) == (
        "Farmacia San Rocco",
        "Suzzara",
        "L020",
        "Dott.ssa Bassi",
    )


@pytest.mark.parametrize(
    ("category", "kind"),
    [
        ("sports", "sports"),
        ("commercial", "shop"),
        ("social", "third_sector"),
        ("cultural", "other"),
        ("educational", "other"),
    ],
)
def test_the_organisation_kind_follows_the_category(
    database: Database, world: CardWorld, category: str, kind: str
) -> None:
    saved = database.write(save_partner, PartnerInput("Bottega", category))
    assert database.read(get_organisation, saved.organisation_id).kind == kind


def test_a_partner_can_name_an_organisation_already_in_the_directory(
    database: Database, world: CardWorld
) -> None:
    library = database.write(
        save_organisation,
        OrganisationInput(
            "Biblioteca Comunale", "library", comune_name="Gonzaga", comune_code="E089"
        ),
    )
    before = _organisations(database)
    saved = database.write(
        save_partner, PartnerInput(category="cultural", organisation_id=library.id)
    )
    assert _organisations(database) == before
    assert (saved.organisation_id, saved.name, saved.comune) == (
        library.id,
        "Biblioteca Comunale",
        "Gonzaga",
    )
    assert database.read(get_organisation, library.id).kind == "library"  # kept


def test_editing_a_partner_changes_its_organisation(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    pool = database.read(get_partner, partners.pool)
    changed = database.write(
        save_partner,
        PartnerInput(
            "Piscina di Gonzaga",
            pool.category,
            pool.comune,
            pool.comune_code,
            "Via Roma 10",
            phone="0376 58999",
            agreement_start=pool.agreement_start,
            agreement_end=pool.agreement_end,
            organisation_id=pool.organisation_id,
            organisation_version=pool.organisation_version,
            id=pool.id,
            version=pool.version,
        ),
    )
    organisation = database.read(get_organisation, pool.organisation_id)
    assert (organisation.name, organisation.address, organisation.phone) == (
        "Piscina di Gonzaga",
        "Via Roma 10",
        "0376 58999",
    )
    assert changed.organisation_version == organisation.version > pool.organisation_version
    assert "Piscina di Gonzaga" in [o.name for o in database.read(list_organisations)]
    assert [b.id for b in changed.benefits] == [b.id for b in pool.benefits]


def test_an_organisation_changed_in_the_directory_meanwhile_is_a_conflict(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    pool = database.read(get_partner, partners.pool)
    organisation = database.read(get_organisation, pool.organisation_id)
    database.write(
        save_organisation,
        OrganisationInput(
            organisation.name,
            organisation.kind,
            comune_name=organisation.comune_name,
            comune_code=organisation.comune_code,
            address=organisation.address,
            phone="0376 11111",
            id=organisation.id,
            version=organisation.version,
        ),
    )
    stale = PartnerInput(
        pool.name,
        pool.category,
        pool.comune,
        pool.comune_code,
        pool.address,
        phone="0376 22222",
        organisation_id=pool.organisation_id,
        organisation_version=pool.organisation_version,
        id=pool.id,
        version=pool.version,
    )
    with pytest.raises(ConflictError):
        database.write(save_partner, stale)
    assert database.read(get_partner, partners.pool).phone == "0376 11111"


def test_every_wrong_field_is_named_at_once_and_nothing_is_written(
    database: Database, world: CardWorld
) -> None:
    before = _organisations(database)
    i18n.set_language("it")  # the autouse fixture ``english`` sets it back
    with pytest.raises(ValidationError) as error:
        database.write(
            save_partner,
            PartnerInput(" ", "shops", comune_code="X", email="no", phone="abc"),
        )
    fields = [field for field, _message in error.value.errors]
    assert sorted(fields) == ["category", "comune_code", "email", "name", "phone"]
    assert "Nome" in error.value.message and "Categoria" in error.value.message
    assert _organisations(database) == before
    assert database.read(list_partners, active_only=False) == []


def test_a_removed_partner_leaves_its_organisation_in_the_directory(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    cinema = database.read(get_partner, partners.cinema)
    assert database.write(remove_partner, cinema.id, cinema.version) == "deleted"
    assert database.read(get_organisation, cinema.organisation_id).name == "Cinema Italia"


@contextmanager
def _counted(database: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(database.engine, "before_cursor_execute", count)


def test_partners_are_read_with_their_organisations_in_one_query(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    with _counted(database) as few:
        database.read(list_partners)
    for n in range(10):
        database.write(save_partner, PartnerInput(f"Negozio {n}", "commercial", "Gonzaga", "E089"))
    with _counted(database) as many:
        rows = database.read(list_partners)
    assert len(rows) == 12 and len(many) == len(few)
    with _counted(database) as booklet:
        database.read(partner_directory, TODAY)
    assert len(booklet) == len(few)

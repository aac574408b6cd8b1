"""Partners and their benefits: validation naming the field, labels, retiring what was
used, the directory for the booklet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from familydesk.cards.partner_editing import (
    BenefitInput,
    PartnerInput,
    remove_benefit,
    remove_partner,
    save_benefit,
    save_partner,
)
from familydesk.cards.partners import get_partner, list_partners, partner_directory
from familydesk.cards.redemptions import redeem
from familydesk.db.database import Database
from familydesk.kernel.errors import ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.cards.card_data import TODAY, CardWorld, add_card
from tests.cards.partner_data import Partners, build_partners
from tests.helpers import signed_in


@pytest.fixture
def partners(database: Database, world: CardWorld) -> Partners:
    return build_partners(database, world)


def test_partners_are_listed_with_their_benefits(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    rows = database.read(list_partners)
    assert [p.name for p in rows] == ["Cinema Italia", "Piscina Comunale"]
    pool = rows[1]
    assert (pool.category_name, pool.comune, pool.agreement_end) == (
        "Sports",
        "Gonzaga",
        date(2027, 12, 31),
    )
    assert [(b.label, b.card_types) for b in pool.benefits] == [
        ("10% discount", ("Carta Famiglia",)),
        ("free entry", ("Carta Giovani",)),
    ]
    assert rows[0].benefits[0].label == "€2.50 off"
    assert [p.name for p in database.read(list_partners, category="cultural")] == ["Cinema Italia"]
    assert database.read(list_partners, comune_code="L020") == []
    assert len(database.read(list_partners, comune_code="E089")) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"category": "shops"}, "category"),
        (
            {"agreement_start": date(2026, 5, 1), "agreement_end": date(2026, 4, 30)},
            "agreement_end",
        ),
        ({"comune_code": "Gonzaga"}, "comune_code"),
        ({"email": "x" * 201}, "email"),
        ({"email": "farmacia.it"}, "email"),
        ({"phone": "tel. Mario"}, "phone"),
        ({"organisation_id": 9999}, "organisation_id"),
    ],
)
def test_partner_validation_names_the_field(
    database: Database, world: CardWorld, change: dict, field: str
) -> None:
    data = {"name": "Farmacia", "category": "social", **change}
    with pytest.raises(ValidationError) as error:
        database.write(save_partner, PartnerInput(**data))
    assert error.value.field == field


@pytest.mark.parametrize(
    ("kind", "value", "types", "field"),
    [
        ("percent", Decimal("0"), "family", "value"),
        ("percent", Decimal("101"), "family", "value"),
        ("percent", None, "family", "value"),
        ("amount", Decimal("-1"), "family", "value"),
        ("coupon", None, "family", "kind"),
        ("free_entry", None, "", "card_type_ids"),
        ("other", None, "family", "description"),
    ],
)
def test_benefit_validation_names_the_field(
    database: Database,
    world: CardWorld,
    partners: Partners,
    kind: str,
    value: Decimal | None,
    types: str,
    field: str,
) -> None:
    ids = (world.family_card,) if types else ()
    with pytest.raises(ValidationError) as error:
        database.write(save_benefit, BenefitInput(partners.pool, kind, value, card_type_ids=ids))
    assert error.value.field == field


def test_a_benefit_changes_its_card_types(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    row = get_partner_benefit(database, partners.pool, partners.pool_discount)
    changed = database.write(
        save_benefit,
        BenefitInput(
            partners.pool,
            "percent",
            Decimal("15"),
            conditions="Weekdays only",
            card_type_ids=(world.youth_card,),
            id=row.id,
            version=row.version,
        ),
    )
    assert (changed.label, changed.card_types, changed.conditions) == (
        "15% discount",
        ("Carta Giovani",),
        "Weekdays only",
    )


def get_partner_benefit(database: Database, partner_id: int, benefit_id: int):  # type: ignore[no-untyped-def]
    return next(b for b in database.read(get_partner, partner_id).benefits if b.id == benefit_id)


def test_used_benefits_and_partners_are_retired_unused_ones_deleted(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    database.write(redeem, partners.pool_discount, add_card(database, world))
    youth = get_partner_benefit(database, partners.pool, partners.pool_youth)
    assert database.write(remove_benefit, youth.id, youth.version) == "deleted"
    used = get_partner_benefit(database, partners.pool, partners.pool_discount)
    assert database.write(remove_benefit, used.id, used.version) == "retired"
    pool = database.read(get_partner, partners.pool)
    assert [b.active for b in pool.benefits] == [False]
    assert database.write(remove_partner, pool.id, pool.version) == "retired"
    cinema = database.read(get_partner, partners.cinema)
    assert database.write(remove_partner, cinema.id, cinema.version) == "deleted"
    assert database.read(list_partners) == []
    assert [p.active for p in database.read(list_partners, active_only=False)] == [False]


def test_the_directory_lists_partners_in_force_by_category_and_comune(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    database.write(
        save_partner,
        PartnerInput(
            "Museo del Po", "cultural", "Suzzara", "L020", agreement_start=date(2026, 1, 1)
        ),
    )  # no benefit yet
    shop = database.write(save_partner, PartnerInput("Libreria", "cultural", "Suzzara", "L020"))
    database.write(
        save_benefit,
        BenefitInput(shop.id, "percent", Decimal("5"), card_type_ids=(world.family_card,)),
    )
    sections = database.read(partner_directory, TODAY)
    assert [(s.category_name, s.comune, [p.name for p in s.partners]) for s in sections] == [
        ("Cultural", "Suzzara", ["Libreria"]),
        ("Sports", "Gonzaga", ["Piscina Comunale"]),
    ]
    earlier = database.read(partner_directory, date(2026, 6, 1))
    assert [p.name for s in earlier for p in s.partners] == [
        "Cinema Italia",
        "Libreria",
        "Piscina Comunale",
    ]


def test_changing_partners_needs_settings(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    signed_in(database, "reception")
    assert len(database.read(list_partners)) == 2
    with pytest.raises(PermissionDenied):
        database.write(save_partner, PartnerInput("Bar", "commercial"))
    with pytest.raises(PermissionDenied):
        database.write(
            save_benefit,
            BenefitInput(partners.pool, "free_entry", card_type_ids=(world.family_card,)),
        )


def test_labels_in_italian(database: Database, world: CardWorld, partners: Partners) -> None:
    from familydesk import i18n

    i18n.set_language("it")  # the autouse fixture ``english`` sets it back
    pool, cinema = (
        database.read(get_partner, partners.pool),
        database.read(get_partner, partners.cinema),
    )
    assert [b.label for b in pool.benefits] == ["sconto del 10%", "ingresso gratuito"]
    assert cinema.benefits[0].label == "sconto di 2,50\xa0€" and pool.category_name == "Sportiva"

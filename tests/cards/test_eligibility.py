"""Eligibility explains itself: every rule of a card type, met or not, in words."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from familydesk.cards.eligibility import add_months, check_eligibility
from familydesk.cards.types import CardTypeInput, list_card_types, save_card_type
from familydesk.db.database import Database
from familydesk.db.models.cards import CardType
from familydesk.db.models.registry import Family, Person
from familydesk.kernel.errors import ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.cards.card_data import TODAY, CardWorld, born
from tests.helpers import signed_in


def _check(
    database: Database, world: CardWorld, card_type: int | None = None, holder: int | None = None
):  # noqa: ANN202
    return database.read(
        check_eligibility, world.family[0], card_type or world.family_card, holder, TODAY
    )


def _person(database: Database, world: CardWorld, first: str, **changes: object) -> None:
    def change(session):  # noqa: ANN001, ANN202
        person = session.query(Person).filter_by(family_id=world.family[0], first_name=first).one()
        for key, value in changes.items():
            setattr(person, key, value)

    database.write(change)


def _family(database: Database, world: CardWorld, **changes: object) -> None:
    def change(session):  # noqa: ANN001, ANN202
        family = session.get(Family, world.family[0])
        for key, value in changes.items():
            setattr(family, key, value)

    database.write(change)


def _type(database: Database, world: CardWorld, card_type: int, **changes: object) -> None:
    def change(session):  # noqa: ANN001, ANN202
        row = session.get(CardType, card_type)
        for key, value in changes.items():
            setattr(row, key, value)

    database.write(change)


def test_a_large_family_qualifies_and_reads_why(database: Database, world: CardWorld) -> None:
    result = _check(database, world)
    assert result.eligible and result.reasons == ()
    texts = [r.text for r in result.rules]
    assert "Resident in Gonzaga, a member comune." in texts
    assert "3 children under 26 (the card needs 3)." in texts
    assert result.expires_on == add_months(TODAY, 24) - timedelta(days=1)
    assert len(result.members) == 4 and len(result.children) == 3


def test_two_children_are_not_enough_and_it_says_so(database: Database, world: CardWorld) -> None:
    _person(database, world, "Paolo", birth_date=born(26))
    result = _check(database, world)
    assert not result.eligible
    assert result.reasons == ("2 children under 26: the card needs 3.",)


def test_a_child_with_a_disability_counts_longer(database: Database, world: CardWorld) -> None:
    _person(database, world, "Paolo", birth_date=born(27), disability=True)
    assert not _check(database, world).eligible
    _type(database, world, world.family_card, disability_age_limit=30)
    assert _check(database, world).eligible


def test_foster_children_count_only_if_the_type_says_so(
    database: Database, world: CardWorld
) -> None:
    _person(database, world, "Luca", relation="foster")
    assert _check(database, world).eligible
    _type(database, world, world.family_card, count_foster=False)
    assert _check(database, world).reasons == ("2 children under 26: the card needs 3.",)


def test_the_expiry_is_shortened_when_a_child_ages_out(
    database: Database, world: CardWorld
) -> None:
    _type(database, world, world.family_card, validity_months=120)
    result = _check(database, world)
    paolo_26 = date(TODAY.year + 6, TODAY.month, TODAY.day)  # Paolo is 20 today
    assert result.expires_on == paolo_26 - timedelta(days=1)
    assert "Paolo Bianchi turns 26" in result.shortened_reason


def test_twins_age_out_on_the_same_day(database: Database, world: CardWorld) -> None:
    """Children who reach the age limit on the same day (here triplets) are no puzzle."""
    _person(database, world, "Luca", birth_date=born(10))
    _person(database, world, "Paolo", birth_date=born(10))
    result = _check(database, world)
    assert result.eligible and len(result.children) == 3
    _type(database, world, world.family_card, validity_months=240)
    result = _check(database, world)
    assert result.expires_on == date(TODAY.year + 16, TODAY.month, TODAY.day) - timedelta(days=1)
    assert "turns 26" in result.shortened_reason


def test_residence_rules(database: Database, world: CardWorld) -> None:
    _type(database, world, world.family_card, residence_months=24)
    _family(database, world, resident_since=TODAY - timedelta(days=160))
    assert _check(database, world).reasons == (
        f"Resident in Gonzaga since {(TODAY - timedelta(days=160)).strftime('%d/%m/%Y')}: 5 "
        "months, the card needs 24.",
    )
    _family(database, world, resident_since=None)
    assert "not recorded" in _check(database, world).reasons[0]
    _family(database, world, comune_code="F205", comune_name="Milano")
    assert _check(database, world).reasons == (
        "Resident in Milano, which is not one of the member comuni.",
    )


def test_isee_rules(database: Database, world: CardWorld) -> None:
    paolo = world.family[1] + 3  # the parent, then Luca, Marco, Paolo
    result = _check(database, world, world.youth_card, paolo)
    assert result.reasons == (
        "No ISEE is recorded: the card needs a valid ISEE of at most €30,000.00.",
    )
    _family(database, world, isee_value=Decimal("18000"), isee_expiry=date(2026, 1, 15))
    assert _check(database, world, world.youth_card, paolo).reasons == (
        "The ISEE expired on 15/01/2026: an updated one is needed.",
    )
    _family(database, world, isee_value=Decimal("32000"), isee_expiry=date(2027, 1, 15))
    assert _check(database, world, world.youth_card, paolo).reasons == (
        "ISEE €32,000.00 is above the ceiling of €30,000.00.",
    )
    _family(database, world, isee_value=Decimal("18000"))
    assert _check(database, world, world.youth_card, paolo).eligible


def test_a_youth_card_is_for_the_holder_of_the_right_age(
    database: Database, world: CardWorld
) -> None:
    _family(database, world, isee_value=Decimal("18000"), isee_expiry=date(2027, 12, 31))
    laura = _check(database, world, world.youth_card, world.family[1])
    assert laura.reasons == ("Laura Bianchi is 45: the holder's age must be 18-25.",)
    anyone = _check(database, world, world.youth_card)
    assert anyone.eligible and anyone.members == (anyone.holder_id,)
    _person(database, world, "Paolo", birth_date=born(26, days=-100))  # 25, turns 26 in 100 days
    shortened = _check(database, world, world.youth_card)
    assert shortened.expires_on == TODAY + timedelta(days=99)
    assert "turns 26" in shortened.shortened_reason


def test_card_types_are_validated_and_read_as_sentences(
    database: Database, world: CardWorld
) -> None:
    with pytest.raises(ValidationError) as caught:
        database.write(
            save_card_type, CardTypeInput(name="Carta Nonni", holder_min_age=70, holder_max_age=60)
        )
    assert caught.value.field == "holder_max_age"
    with pytest.raises(ValidationError) as caught:
        database.write(save_card_type, CardTypeInput(name="carta famiglia"))
    assert caught.value.field == "name"
    row = next(t for t in database.read(list_card_types) if t.id == world.family_card)
    assert row.rules_text == (
        "Resident in a member comune.",
        "At least 3 children under 26.",
        "No income limit.",
        "Valid for 24 months.",
    )


def test_educators_cannot_check_cards(database: Database, world: CardWorld) -> None:
    with pytest.raises(PermissionDenied):
        _check(signed_in(database, "educator"), world)


def test_the_date_of_residence_is_kept_by_the_registry(
    database: Database, world: CardWorld
) -> None:
    from dataclasses import replace

    from familydesk.registry import get_family, update_family

    detail = database.read(get_family, world.family[0])
    assert detail.resident_since == date(2015, 3, 1)
    database.write(update_family, replace(detail.as_input(), resident_since=date(2020, 5, 4)))
    assert database.read(get_family, world.family[0]).resident_since == date(2020, 5, 4)


@pytest.mark.parametrize(
    ("days", "it", "en"),
    [
        (
            10,
            "da meno di un mese, la carta ne richiede 24.",
            "less than a month, the card needs 24.",
        ),
        (40, "1 mese, la carta ne richiede 24.", "1 month, the card needs 24."),
        (70, "2 mesi, la carta ne richiede 24.", "2 months, the card needs 24."),
    ],
)
def test_months_of_residence_agree_with_their_number(
    database: Database, world: CardWorld, days: int, it: str, en: str
) -> None:
    """ "0 mesi" and "1 mesi" were shown for a family that had just moved in."""
    from familydesk import i18n

    _type(database, world, world.family_card, residence_months=24)
    _family(database, world, resident_since=TODAY - timedelta(days=days))
    assert _check(database, world).reasons[0].endswith(en)
    i18n.set_language("it")
    try:
        assert _check(database, world).reasons[0].endswith(it)
    finally:
        i18n.set_language("en")


def test_no_child_reads_in_words_and_one_month_is_singular(
    database: Database, world: CardWorld
) -> None:
    from familydesk import i18n

    for first in ("Luca", "Marco", "Paolo"):
        _person(database, world, first, birth_date=born(30))
    _type(database, world, world.family_card, residence_months=1)
    _family(database, world, resident_since=None)
    i18n.set_language("it")
    try:
        reasons = _check(database, world).reasons
    finally:
        i18n.set_language("en")
    assert reasons == (
        "Residente a Gonzaga, ma la data di inizio residenza non è registrata: la carta richiede 1 "
        "mese.",
        "Nessun figlio sotto i 26 anni: la carta ne richiede 3.",
    )

"""Card types refused all at once (issue 14, section 3): every wrong rule is said together,
in the order of the form, each message starting with its line's caption."""

from __future__ import annotations

from decimal import Decimal

import pytest

from familydesk.cards import types
from familydesk.cards.types import CardTypeInput
from familydesk.db.database import Database
from familydesk.kernel.errors import ValidationError
from tests.cards.card_data import CardWorld


def test_three_wrong_rules_are_said_together_top_to_bottom(
    database: Database, world: CardWorld
) -> None:
    before = database.read(types.list_card_types)
    wrong = CardTypeInput(
        name="Carta Famiglia",
        min_children=2,
        child_age_limit=18,
        disability_age_limit=16,
        holder_min_age=30,
        holder_max_age=25,
        isee_ceiling=Decimal(0),
    )
    with pytest.raises(ValidationError) as caught:
        database.write(types.save_card_type, wrong)
    assert caught.value.errors == (
        ("name", "Name: another card type is already called Carta Famiglia."),
        (
            "disability_age_limit",
            "Disability: the age cannot be lower than the children's age limit (18).",
        ),
        ("holder_max_age", "Holder's age: the maximum cannot be lower than the minimum."),
        (
            "isee_ceiling",
            "ISEE ceiling: give an amount above zero, or leave it empty for no income limit.",
        ),
    )
    assert database.read(types.list_card_types) == before


def test_numbers_out_of_range_name_their_line(database: Database, world: CardWorld) -> None:
    wrong = CardTypeInput(
        name=" ",
        residence_months=300,
        min_children=21,
        child_age_limit=0,
        holder_max_age=130,
        validity_months=0,
    )
    with pytest.raises(ValidationError) as caught:
        database.write(types.save_card_type, wrong)
    assert [message for _field, message in caught.value.errors] == [
        "Name: please fill it in.",
        "Residence: give a whole number from 0 to 240.",
        "Children (how many): give a whole number from 0 to 20.",
        "Children (age limit): give a whole number from 1 to 40.",
        "Holder's age (at most): give a whole number from 0 to 120.",
        "Validity: give a whole number from 1 to 120.",
    ]
    # Without the database (the form, when its own ceiling cannot be read): the same.
    assert types.card_type_errors(wrong) == caught.value.errors

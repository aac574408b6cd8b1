"""A family's address has a CAP (five digits): stored, refused when malformed."""

from __future__ import annotations

import pytest

from familydesk.db.database import Database
from familydesk.kernel.errors import ValidationError
from familydesk.registry.families import create_family, get_family
from familydesk.registry.records import FamilyInput
from familydesk.registry.validation import clean_family


def test_the_cap_is_stored_with_the_address(database: Database) -> None:
    family = FamilyInput(
        name="Rossi",
        address="Via Roma 1",
        postal_code=" 46029 ",
        comune_name="Suzzara",
        comune_code="L020",
    )
    created = database.write(create_family, family, [])
    assert database.read(get_family, created.id).postal_code == "46029"


@pytest.mark.parametrize("cap", ["4602", "460299", "46O29"])
def test_a_cap_that_is_not_five_digits_is_refused(cap: str) -> None:
    with pytest.raises(ValidationError) as error:
        clean_family(FamilyInput(name="Rossi", postal_code=cap))
    assert error.value.field == "postal_code" and "five digits" in error.value.message

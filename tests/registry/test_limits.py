"""Names and other texts have a longest length, checked by the services and by the import,
with a message naming the field and the limit (PostgreSQL used to refuse them with a bare
'unexpected error'; SQLite took a 5,000-character family name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk import i18n, registry
from familydesk.db.database import Database
from familydesk.kernel.errors import ValidationError
from familydesk.registry import FamilyInput, MemberInput
from familydesk.transfer import REJECTED
from tests.transfer import family_count, run_import
from tests.transfer.test_import_rules import ELSA, PIO, write

ANNA = MemberInput(first_name="Anna", last_name="Benatti", sex="F", no_code_reason="in attesa")


def test_a_5000_character_family_name_is_refused_with_the_field_and_the_limit(
    database: Database,
) -> None:
    with pytest.raises(ValidationError) as refused:
        database.write(registry.create_family, FamilyInput(name="Z" * 5000), [ANNA])
    assert refused.value.field == "name"
    assert refused.value.message == "Family name: at most 100 characters (this one has 5,000)."
    assert family_count(database) == 0


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"last_name": "B" * 81}, "last_name", "Surname: at most 80 characters (this one has 81)."),
        (
            {"first_name": "A" * 300},
            "first_name",
            "Given name: at most 80 characters (this one has 300).",
        ),
        ({"notes": "x" * 4001}, "notes", "Notes: at most 4,000 characters (this one has 4,001)."),
    ],
)
def test_a_member_field_longer_than_its_limit_is_refused(
    database: Database, change: dict[str, str], field: str, message: str
) -> None:
    member = MemberInput(**{**ANNA.__dict__, **change})
    with pytest.raises(ValidationError) as refused:
        database.write(registry.create_family, FamilyInput(name="Benatti"), [member])
    assert (refused.value.field, refused.value.message) == (field, message)


def test_names_at_the_limit_are_taken(database: Database) -> None:
    member = MemberInput(**{**ANNA.__dict__, "last_name": "B" * 80, "first_name": "A" * 80})
    detail = database.write(registry.create_family, FamilyInput(name="F" * 100), [member])
    assert detail.name == "F" * 100 and detail.members[0].last_name == "B" * 80


def test_the_message_is_in_italian_for_an_italian_desk(database: Database) -> None:
    i18n.set_language("it")
    with pytest.raises(ValidationError) as refused:
        database.write(registry.create_family, FamilyInput(name="Z" * 5000), [ANNA])
    assert refused.value.message == "Nome del nucleo: al massimo 100 caratteri (qui sono 5.000)."


def test_the_import_refuses_a_row_with_a_too_long_surname(
    database: Database, tmp_path: Path
) -> None:
    summary = run_import(database, write(tmp_path, ELSA, {**PIO, "cognome": "V" * 200}))
    assert [(row.line, row.status, row.reason) for row in summary.rows] == [
        (2, REJECTED, "Not imported because line 3 of the same family was rejected."),
        (3, REJECTED, "Surname: at most 80 characters (this one has 200)."),
    ]
    assert family_count(database) == 0

"""Every field a family and a member have goes out in an export and comes back in.

The columns are read from the models, not listed by hand: a column added to
Family or Person that the export forgets, or the import drops, fails here.
Only the columns below are left out, each with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from familydesk.db.database import Database
from familydesk.db.models.registry import Family, Person
from familydesk.demo import fill_demo
from familydesk.registry.families import create_family
from familydesk.registry.records import FamilyInput, MemberInput
from familydesk.transfer import export_families
from tests.helpers import open_signed
from tests.transfer import MANTOVA, code, run_import

#: Columns that are not the family's or the person's data, and why.
NOT_DATA = {
    "id": "the database's own key: a new database gives new ones",
    "uid": "a record's identity in one database (the family's comes back as its key, below)",
    "created_at": "when this database stored the row",
    "updated_at": "when this database last changed the row",
    "version": "this database's edit counter",
    "site_id": "the site of the database that imports",
    "family_id": "the family's key in this database (members are compared within the family)",
    "search_text": "derived from names, code and contacts by the session hook",
    "name_key": "derived from the names by the session hook",
    "birth_year": "derived: written only when anonymisation removes the birth date",
    "anonymised_on": "an anonymised record has no identity left to export",
    "external_key": "compared as the family's key: its external key, else its uid",
}


def data_columns(model: type) -> list[str]:
    names = [column.key for column in model.__table__.columns]  # type: ignore[attr-defined]
    return [name for name in names if name not in NOT_DATA]


def test_the_left_out_columns_exist() -> None:
    """A renamed column would otherwise drop out of the comparison silently."""
    columns = {c.key for m in (Family, Person) for c in m.__table__.columns}  # type: ignore[attr-defined]
    assert set(NOT_DATA) <= columns


def snapshot(database: Database) -> list[dict[str, object]]:
    """Every data column of every family and its members, in export order."""

    def read(session):  # type: ignore[no-untyped-def]
        families = session.scalars(
            select(Family).order_by(Family.id).options(selectinload(Family.members))
        ).all()
        return [
            {
                **{name: getattr(family, name) for name in data_columns(Family)},
                "key": family.external_key or str(family.uid),
                "members": [
                    {name: getattr(person, name) for name in data_columns(Person)}
                    for person in family.members
                ],
            }
            for family in families
        ]

    return database.read(read)


@pytest.fixture
def demo(database: Database) -> Database:
    """A small demo, plus a family with every field filled (the demo leaves some empty)."""
    database.write(fill_demo, families=12, seed=7, activity=False)
    family = FamilyInput(
        name="Ferrari Bianchi",
        address="Via Roma 1",
        comune_name="Suzzara",
        comune_code="L020",
        phone="0376 123456",
        email="ferrari@esempio.it",
        isee_value=Decimal("12345.60"),
        isee_expiry=date(2027, 1, 15),
        notes="Seguiti dal consultorio",
        external_key="F-1",
        resident_since=date(2019, 6, 1),
    )
    members = [
        MemberInput(
            first_name="Anna",
            last_name="Ferrari",
            sex="F",
            birth_date=date(1985, 4, 2),
            birth_place="Mantova",
            tax_code=code("Ferrari", "Anna", "F", date(1985, 4, 2), MANTOVA),
            relation="parent",
            citizenship="italiana",
            languages="italiano, inglese",
            phone="333 1234567",
            email="anna@esempio.it",
            notes="Preferisce il pomeriggio",
        ),
        MemberInput(
            first_name="Luca",
            last_name="Bianchi",
            sex="M",
            birth_date=date(2025, 11, 1),
            birth_place="Suzzara",
            no_code_reason="in attesa di attribuzione",
            relation="foster",
            citizenship="italiana",
            languages="italiano",
            disability=True,
            notes="Nato prematuro",
        ),
    ]
    database.write(create_family, family, members)
    return database


def test_the_demo_fills_every_compared_column(demo: Database) -> None:
    """Otherwise a column the export forgets could pass for one that is always empty."""
    families = snapshot(demo)
    for name in data_columns(Family):
        assert any(f[name] not in ("", None) for f in families), name
    for name in data_columns(Person):
        if name != "disability":
            assert any(m[name] not in ("", None) for f in families for m in f["members"]), name
    assert any(m["disability"] for f in families for m in f["members"])


@pytest.fixture
def fresh(empty_location: str) -> Iterator[Database]:
    db = open_signed(empty_location)
    yield db
    db.dispose()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_import_export_keeps_every_column(
    demo: Database, fresh: Database, tmp_path: Path, fmt: str
) -> None:
    before = snapshot(demo)
    first = tmp_path / f"famiglie.{fmt}"
    demo.write(export_families, fmt, first)
    summary = run_import(fresh, first)
    assert summary.rows_rejected == 0, summary.rows[:3]
    after = snapshot(fresh)
    for family_before, family_after in zip(before, after, strict=True):
        assert family_after == family_before
    again = tmp_path / f"di_nuovo.{fmt}"
    fresh.write(export_families, fmt, again)
    if fmt == "xlsx":
        from tests.transfer.test_export import _xlsx_values

        assert _xlsx_values(again) == _xlsx_values(first)
    elif fmt == "csv":
        assert again.read_bytes() == first.read_bytes()
    else:
        assert _without_uids(again) == _without_uids(first)


def _without_uids(path: Path) -> list[dict[str, object]]:
    """A JSON export without the records' uids (each database gives its own)."""
    import json

    documents = json.loads(path.read_text(encoding="utf-8"))
    for document in documents:
        document.pop("uid")
        for member in document["members"]:
            member.pop("uid")
    return documents

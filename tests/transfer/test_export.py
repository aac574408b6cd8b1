"""Exports: CSV and XLSX import back unchanged; JSON holds families with their members."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.demo import fill_demo
from familydesk.transfer import export_families
from familydesk.transfer.columns import COLUMN_NAMES
from tests.helpers import open_signed
from tests.transfer import run_import


@pytest.fixture
def demo(database: Database) -> Database:
    database.write(fill_demo, families=40, seed=5)
    return database


@pytest.fixture
def second(empty_location: str) -> Iterator[Database]:
    db = open_signed(empty_location)
    yield db
    db.dispose()


def _xlsx_values(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_is_identical(
    demo: Database, second: Database, tmp_path: Path, fmt: str
) -> None:
    first = tmp_path / f"famiglie.{fmt}"
    rows = demo.write(export_families, fmt, first)
    summary = run_import(second, first)
    assert (summary.rows_rejected, summary.people_new) == (0, rows), summary.rows[:3]
    assert summary.families_new == 40
    again = tmp_path / f"di_nuovo.{fmt}"
    second.write(export_families, fmt, again)
    if fmt == "csv":
        assert again.read_bytes() == first.read_bytes()
        assert first.read_bytes().startswith(b"\xef\xbb\xbffamiglia;nome_famiglia;")
    else:
        assert _xlsx_values(again) == _xlsx_values(first)
        assert _xlsx_values(first)[0] == COLUMN_NAMES
    # Importing the export into the database it came from adds nothing.
    back = run_import(demo, first)
    assert (back.families_new, back.families_present, back.rows_rejected) == (0, 40, 0)


def test_json_lists_families_with_members(demo: Database) -> None:
    out = io.StringIO()
    count = demo.write(export_families, "json", None, out)
    data = json.loads(out.getvalue())
    assert count == len(data) == 40
    family = next(f for f in data if f["isee"] is not None)
    assert set(family) >= {
        "uid",
        "key",
        "name",
        "comune",
        "comune_code",
        "address",
        "isee",
        "isee_expiry",
        "members",
    }
    assert isinstance(family["isee"], float) and len(family["isee_expiry"]) == 10
    member = family["members"][0]
    assert member["birth_date"][4] == "-" and member["relation"] in ("parent", "child", "foster")
    assert sum(len(f["members"]) for f in data) == demo.write(
        export_families, "csv", None, io.StringIO()
    )


def test_keys_stay_unique(database: Database, tmp_path: Path) -> None:
    """Two families imported from different files with the same key export apart."""
    for name, person in (("a.csv", "1;Rossi;Ada;F;in attesa"), ("b.csv", "1;Neri;Ugo;M;in attesa")):
        (tmp_path / name).write_text(f"famiglia;cognome;nome;sesso;motivo_senza_codice\n{person}\n")
        run_import(database, tmp_path / name)
    out = io.StringIO()
    database.write(export_families, "csv", None, out)
    keys = [line.split(";")[0] for line in out.getvalue().splitlines()[1:]]
    assert keys[0] == "1" and len(keys[1]) == 36 and keys[0] != keys[1]

"""Tests of familydesk.transfer: spreadsheet import and export of families.

Shared helpers live here (the package has no conftest of its own).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from familydesk.db.database import Database
from familydesk.db.models.registry import Family, Person
from familydesk.demo.generator import _tax_code
from familydesk.transfer import ImportSummary, import_file

TODAY = date(2026, 11, 22)
SUZZARA, MANTOVA = "L020", "E897"


def code(last: str, first: str, sex: str, born: date, place: str = SUZZARA) -> str:
    """A valid codice fiscale for these details."""
    return _tax_code(last, first, sex, born, place)


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    return path


def run_import(database: Database, path: Path, **options: object) -> ImportSummary:
    return database.write(import_file, path, today=TODAY, **options)  # type: ignore[arg-type]


def people(database: Database) -> list[tuple[str, str, str | None, str]]:
    """(surname, given name, tax code, family key) of every person, in insertion order."""

    def fetch(session):  # type: ignore[no-untyped-def]
        query = (
            select(Person.last_name, Person.first_name, Person.tax_code, Family.external_key)
            .join(Family)
            .order_by(Person.id)
        )
        return [tuple(row) for row in session.execute(query)]

    return database.read(fetch)


def family_count(database: Database) -> int:
    from familydesk.registry import count_families

    return database.read(count_families)


ROSSI_MARIO = code("Rossi", "Mario", "M", date(1980, 3, 4))
BIANCHI_ANNA = code("Bianchi", "Anna", "F", date(1984, 1, 30), MANTOVA)
ROSSI_LUCA = code("Rossi", "Luca", "M", date(2018, 5, 9), MANTOVA)
VERDI_ELSA = code("Verdi", "Elsa", "F", date(1990, 6, 15))
VERDI_PIO = code("Verdi", "Pio", "M", date(2020, 2, 29), MANTOVA)

"""Exporting families: CSV and XLSX in the import's own columns, or JSON.

A CSV or XLSX export imports back unchanged: every family-level value is
written on each of the family's rows, the family key is the family's
``external_key`` (or its uid when it has none, or shares its key with
another family), and the comune carries its codice catastale. A family
without members has no row to write: it appears only in the JSON export.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from familydesk.db.models.registry import Family
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.kernel.tabular import write_csv, write_export
from familydesk.transfer.columns import COLUMN_NAMES
from familydesk.transfer.values import relation_word
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "json")
_PAGE = 1000
DATE_FORMAT = "DD/MM/YYYY"


def _families(session: Session) -> Iterator[Family]:
    """Every family with its members, by id, a page at a time."""
    last = 0
    while True:
        page = session.scalars(
            select(Family)
            .where(Family.id > last)
            .order_by(Family.id)
            .limit(_PAGE)
            .options(selectinload(Family.members))
        ).all()
        if not page:
            return
        yield from page
        last = page[-1].id
        session.expunge_all()


def _amount_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date_text(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _keyed(session: Session) -> Iterator[tuple[str, Family]]:
    """Every family with the key its rows carry: its ``external_key``, or its uid when it
    has none or shares it with a family before it (the import reads it back as the key)."""
    used: set[str] = set()
    for family in _families(session):
        key = family.external_key
        if not key or key in used:
            key = str(family.uid)
        used.add(key)
        yield key, family


def family_rows(session: Session, typed: bool = False) -> Iterator[list[object]]:
    """Rows in :data:`COLUMN_NAMES` order; ``typed`` keeps dates and amounts as values (XLSX)."""
    for key, family in _keyed(session):
        shared = {
            "famiglia": key,
            "nome_famiglia": family.name,
            "comune_residenza": family.comune_name,
            "codice_comune": family.comune_code,
            "residente_dal": family.resident_since if typed else _date_text(family.resident_since),
            "indirizzo": family.address,
            "cap": family.postal_code,
            "telefono_famiglia": family.phone,
            "email_famiglia": family.email,
            "note_famiglia": family.notes,
            "isee": family.isee_value if typed else _amount_text(family.isee_value),
            "isee_scadenza": family.isee_expiry if typed else _date_text(family.isee_expiry),
        }
        for person in family.members:
            values = {
                **shared,
                "cognome": person.last_name,
                "nome": person.first_name,
                "codice_fiscale": person.tax_code or "",
                "motivo_senza_codice": person.no_code_reason,
                "data_nascita": person.birth_date if typed else _date_text(person.birth_date),
                "luogo_nascita": person.birth_place,
                "sesso": person.sex,
                "ruolo": relation_word(person.relation, person.sex),
                "cittadinanza": person.citizenship,
                "lingue": person.languages,
                "telefono": person.phone,
                "email": person.email,
                "disabilita": "sì" if person.disability else "no",
                "note": person.notes,
            }
            yield [values[name] for name in COLUMN_NAMES]


def family_documents(session: Session) -> Iterator[dict[str, object]]:
    """Families with their members as JSON-ready dicts (ISO dates); ``key`` as in the CSV."""
    for key, family in _keyed(session):
        yield {
            "uid": str(family.uid),
            "key": key,
            "name": family.name,
            "comune": family.comune_name,
            "comune_code": family.comune_code,
            "resident_since": _iso(family.resident_since),
            "address": family.address,
            "postal_code": family.postal_code,
            "phone": family.phone,
            "email": family.email,
            "isee": float(family.isee_value) if family.isee_value is not None else None,
            "isee_expiry": family.isee_expiry.isoformat() if family.isee_expiry else None,
            "notes": family.notes,
            "members": [
                {
                    "uid": str(p.uid),
                    "last_name": p.last_name,
                    "first_name": p.first_name,
                    "tax_code": p.tax_code,
                    "no_code_reason": p.no_code_reason,
                    "birth_date": p.birth_date.isoformat() if p.birth_date else None,
                    "birth_place": p.birth_place,
                    "sex": p.sex,
                    "relation": p.relation,
                    "citizenship": p.citizenship,
                    "languages": p.languages,
                    "phone": p.phone,
                    "email": p.email,
                    "disability": p.disability,
                    "notes": p.notes,
                }
                for p in family.members
            ],
        }


def write_xlsx(
    rows: Iterator[list[object]],
    path: Path,
    title: str = "famiglie",
    headers: tuple[str, ...] = COLUMN_NAMES,
) -> int:
    """Write an XLSX workbook (one sheet, Italian headers, dates as dates, codes as text)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    bold = Font(bold=True)
    header = []
    for name in headers:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, str):
                cell.number_format = "@"  # text: Excel must not turn codes or phones into numbers
            cells.append(cell)
        sheet.append(cells)
        count += 1
    _save(workbook, path)
    return count


def _xlsx_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _save(workbook: object, path: Path) -> None:
    try:
        workbook.save(path)  # type: ignore[attr-defined]
    except OSError as exc:
        raise FamilyDeskError(
            _("The file {path} cannot be written: {reason}").format(path=path, reason=exc.strerror)
        ) from None


def export_families(
    session: Session, fmt: str, out: Path | None = None, stream: IO[str] | None = None
) -> int:
    """Export every family to ``out`` (or ``stream`` for CSV and JSON); return the rows written.

    For CSV and JSON the count is of rows (people) and families respectively.
    The export is audited: run it as a write.
    """
    permissions.require(session, permissions.EXPORT)
    count = _export(session, fmt, out, stream)
    audit.record(session, "export", note=f"families {fmt}: {count}")
    log.info("Exported %d %s as %s", count, "families" if fmt == "json" else "people", fmt)
    return count


def _export(session: Session, fmt: str, out: Path | None, stream: IO[str] | None) -> int:
    if fmt == "xlsx":
        assert out is not None
        return write_xlsx(family_rows(session, typed=True), out)
    return write_export(fmt, out, stream, lambda fh, end: _write_text(session, fmt, fh, end)).count


def _write_text(session: Session, fmt: str, fh: IO[str], lineterminator: str) -> int:
    if fmt == "csv":
        return write_csv(family_rows(session), fh, lineterminator, header=COLUMN_NAMES)
    documents = list(family_documents(session))
    json.dump(documents, fh, ensure_ascii=False, indent=2)
    fh.write("\n")
    return len(documents)

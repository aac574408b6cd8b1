"""The import template: every column, Italian headers, one example family.

CSV or XLSX by the file's extension. The XLSX template has a second sheet
explaining each column in the interface language (the import reads only
the first sheet); the example rows import as they are.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.transfer.columns import COLUMN_NAMES, COLUMNS, REQUIRED
from familydesk.transfer.reading import XLSX_SUFFIXES

_FAMILY = {
    "famiglia": "1",
    "nome_famiglia": "Rossi",
    "comune_residenza": "Suzzara",
    "codice_comune": "L020",
    "indirizzo": "Via Roma 12",
    "telefono_famiglia": "0376 123456",
    "email_famiglia": "famiglia.rossi@esempio.it",
    "isee": Decimal("12345.67"),
    "isee_scadenza": date(2027, 1, 15),
    "note_famiglia": "",
}
_PEOPLE = [
    {
        "cognome": "Rossi",
        "nome": "Mario",
        "codice_fiscale": "RSSMRA80C04L020C",
        "data_nascita": date(1980, 3, 4),
        "sesso": "M",
        "ruolo": "genitore",
        "cittadinanza": "italiana",
        "lingue": "italiano",
        "telefono": "347 1234567",
        "email": "mario.rossi@esempio.it",
        "disabilita": "no",
    },
    {
        "cognome": "Bianchi",
        "nome": "Anna",
        "codice_fiscale": "BNCNNA84A70E897C",
        "data_nascita": date(1984, 1, 30),
        "sesso": "F",
        "ruolo": "genitore",
        "cittadinanza": "italiana",
        "lingue": "italiano, inglese",
        "disabilita": "no",
    },
    {
        "cognome": "Rossi",
        "nome": "Luca",
        "codice_fiscale": "RSSLCU18E09E897F",
        "data_nascita": date(2018, 5, 9),
        "sesso": "M",
        "ruolo": "figlio",
        "cittadinanza": "italiana",
        "lingue": "italiano",
        "disabilita": "sì",
        "note": "Frequenta la scuola primaria",
    },
]


def example_rows(typed: bool = False) -> list[list[object]]:
    rows = []
    for person in _PEOPLE:
        values = {**_FAMILY, **person}
        if not typed:
            values = {k: _as_text(v) for k, v in values.items()}
        rows.append([values.get(name, "") for name in COLUMN_NAMES])
    return rows


def _as_text(value: object) -> object:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return value


def write_template(path: Path | str) -> Path:
    """Write the template to ``path`` (.xlsx, else CSV with ``;`` as Italian Excel uses)."""
    path = Path(path)
    try:
        if path.suffix.lower() in XLSX_SUFFIXES:
            _write_xlsx(path)
        else:
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
                writer.writerow(COLUMN_NAMES)
                writer.writerows(example_rows())
    except OSError as exc:
        raise FamilyDeskError(
            _("The file {path} cannot be written: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    return path


def _write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "famiglie"
    sheet.append(list(COLUMN_NAMES))
    for row in example_rows(typed=True):
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for column, name in enumerate(COLUMN_NAMES, start=1):
        sheet.cell(1, column).font = Font(bold=True)
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = max(12, len(name) + 2)
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row, column)
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
            else:
                cell.number_format = "@"
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("istruzioni")
    notes.append([_("Column"), _("What to write")])
    for spec in COLUMNS:
        notes.append([spec.name, _(spec.help)])
    notes.append([])
    notes.append(
        [
            _("Required columns: {columns}. Rows with the same famiglia form one family.").format(
                columns=", ".join(REQUIRED)
            )
        ]
    )
    notes.append([_("Only the first sheet is imported. English column names are accepted too.")])
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 100
    workbook.save(path)

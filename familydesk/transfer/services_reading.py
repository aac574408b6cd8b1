"""Reading a directory spreadsheet: CSV or XLSX as the families import reads them, or
FamilyDesk's own JSON export of the directory (read as the rows its CSV would have).

Plain Python: may run on any thread (the GUI calls it through its runner).
"""

from __future__ import annotations

import json
from pathlib import Path

from familydesk.i18n import _
from familydesk.transfer.columns import ERROR_COLUMN
from familydesk.transfer.reading import (
    XLSX_SUFFIXES,
    SourceRow,
    SourceTable,
    UnusableFileError,
    read_csv_rows,
    read_xlsx_rows,
)
from familydesk.transfer.services_columns import COLUMN_NAMES, JSON_FIELDS, REQUIRED, column_for


def read_services_table(path: Path | str) -> SourceTable:
    """Read ``path`` (CSV, XLSX or JSON, by its extension); ``UnusableFileError`` if unusable."""
    path = Path(path)
    if not path.is_file():
        raise UnusableFileError(_("The file {path} does not exist.").format(path=path))
    suffix = path.suffix.lower()
    delimiter = ";"
    if suffix in XLSX_SUFFIXES:
        kind, (headers, rows) = "xlsx", read_xlsx_rows(path)
    elif suffix == ".xls":
        raise UnusableFileError(
            _(
                "{name} is in the old Excel format (.xls): open it in Excel or LibreOffice and "
                "save it as .xlsx or .csv."
            ).format(name=path.name)
        )
    elif suffix == ".json":
        kind, (headers, rows) = "json", _read_json(path)
    else:
        kind = "csv"
        headers, rows, delimiter = read_csv_rows(path)
    return _table(path, kind, headers, rows, delimiter)


def _read_json(path: Path) -> tuple[list[str], list[SourceRow]]:
    try:
        documents = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UnusableFileError(
            _("{name} cannot be read as a FamilyDesk JSON export: {reason}").format(
                name=path.name, reason=exc.__class__.__name__
            )
        ) from None
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise UnusableFileError(
            _(
                "{name} is not a FamilyDesk JSON export of the directory (a list of services)."
            ).format(name=path.name)
        )
    rows = [
        SourceRow(line, tuple(_json_cell(document, column) for column in COLUMN_NAMES))
        for line, document in enumerate(documents, start=2)
    ]
    return list(COLUMN_NAMES), rows


def _json_cell(document: dict, column: str) -> object:
    value: object = document
    for key in JSON_FIELDS[column]:
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, list):
        return ("; " if column == "bisogni" else ", ").join(str(v) for v in value)
    return value


def _table(
    path: Path, kind: str, headers: list[str], rows: list[SourceRow], delimiter: str
) -> SourceTable:
    if not headers:
        raise UnusableFileError(_("{name} is empty: no header row found.").format(name=path.name))
    while headers and not headers[-1]:
        headers.pop()
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        column = column_for(header)
        if column is None:
            if header and header.lower() != ERROR_COLUMN:
                ignored.append(header)
        elif column in columns:
            raise UnusableFileError(
                _(
                    "The columns “{first}” and “{second}” both mean “{column}”: keep only one."
                ).format(first=headers[columns[column]], second=header, column=column)
            )
        else:
            columns[column] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise UnusableFileError(
            _("{name} has no column for: {missing} (the header row must name them).").format(
                name=path.name, missing=", ".join(missing)
            )
        )
    return SourceTable(path, kind, headers, columns, rows, delimiter, ignored)

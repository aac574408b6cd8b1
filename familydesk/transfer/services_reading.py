"""Reading a directory spreadsheet: CSV or XLSX as the families import reads them, or
FamilyDesk's own JSON export of the directory (read as the rows its CSV would have).

Plain Python: may run on any thread (the GUI calls it through its runner).
"""

from __future__ import annotations

import json
from pathlib import Path

from familydesk.i18n import _
from familydesk.transfer.reading import (
    Layout,
    SourceRow,
    SourceTable,
    UnusableFileError,
    read_table,
)
from familydesk.transfer.services_columns import COLUMN_NAMES, JSON_FIELDS, REQUIRED, column_for


def read_services_table(path: Path | str) -> SourceTable:
    """Read ``path`` (CSV, XLSX or JSON, by its extension); ``UnusableFileError`` if unusable."""
    return read_table(path, SERVICES)


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


#: The directory's spreadsheet (``familydesk.transfer.services_columns``).
SERVICES = Layout(_read_json, column_for, REQUIRED)

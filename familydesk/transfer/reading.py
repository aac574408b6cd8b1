"""Reading a families spreadsheet: CSV (``;`` or ``,``; UTF-8 or Windows-1252) or XLSX,
or FamilyDesk's own JSON export (read as the rows its CSV would have).

The result is a :class:`SourceTable`: the headers as written, which known
column each one is, and the non-blank rows with their line numbers and
cell values (text for CSV; text, numbers and dates for XLSX). Nothing is
interpreted here beyond finding the columns; a file that cannot be used
at all raises :class:`UnusableFileError`, naming what is wrong.

Plain Python: may run on any thread (the GUI calls it through its runner).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.transfer.columns import (
    COLUMN_NAMES,
    ERROR_COLUMN,
    JSON_FAMILY_FIELDS,
    JSON_MEMBER_FIELDS,
    REQUIRED,
    column_for,
)
from familydesk.transfer.values import relation_word

CSV_SUFFIXES = frozenset({".csv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_DELIMITERS = (";", ",", "\t")


class UnusableFileError(FamilyDeskError):
    """The file cannot be imported at all (missing, unreadable, no required columns)."""


@dataclass(frozen=True)
class SourceRow:
    """One non-blank row: ``line`` is its row number in the file (the header is 1)."""

    line: int
    cells: tuple[object, ...]


@dataclass
class SourceTable:
    path: Path
    kind: str  # "csv", "xlsx" or "json"
    headers: list[str]
    #: Known column name -> index of the cell in each row.
    columns: dict[str, int]
    rows: list[SourceRow]
    #: The CSV separator (the report uses the same); ";" for XLSX files.
    delimiter: str = ";"
    #: Headers that name no known column; their cells are not imported.
    ignored: list[str] = field(default_factory=list)

    def value(self, row: SourceRow, column: str) -> object:
        index = self.columns.get(column)
        if index is None or index >= len(row.cells):
            return None
        return row.cells[index]


#: What a reader of one kind of spreadsheet knows: its JSON export's rows, the column a
#: header means, and the columns a file must have.
@dataclass(frozen=True)
class Layout:
    read_json: Callable[[Path], tuple[list[str], list[SourceRow]]]
    column_for: Callable[[str], str | None]
    required: Sequence[str]


def read_table(path: Path | str, layout: Layout | None = None) -> SourceTable:
    """Read ``path`` (CSV, XLSX or its JSON export, by its extension) with the columns of
    ``layout`` (the families' by default); raise ``UnusableFileError`` if unusable."""
    layout = layout or FAMILIES
    path = Path(path)
    if not path.is_file():
        raise UnusableFileError(_("The file {path} does not exist.").format(path=path))
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        headers, rows = _read_xlsx(path)
        kind, delimiter = "xlsx", ";"
    elif suffix == ".xls":
        raise UnusableFileError(
            _(
                "{name} is in the old Excel format (.xls): open it in Excel or LibreOffice and "
                "save it as .xlsx or .csv."
            ).format(name=path.name)
        )
    elif suffix == ".json":
        headers, rows = layout.read_json(path)
        kind, delimiter = "json", ";"
    else:
        headers, rows, delimiter = _read_csv(path)
        kind = "csv"
    return _table(path, kind, headers, rows, delimiter, layout)


def _read_json(path: Path) -> tuple[list[str], list[SourceRow]]:
    """A JSON export as the rows of its CSV: one per member, the family's values on each.

    ``line`` is the member's position in the file (1 is the header the CSV would have).
    """
    import json

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
            _("{name} is not a FamilyDesk JSON export (a list of families).").format(name=path.name)
        )
    rows: list[SourceRow] = []
    for document in documents:
        shared = {column: document.get(field) for column, field in JSON_FAMILY_FIELDS.items()}
        shared["famiglia"] = shared["famiglia"] or document.get("uid")
        for member in document.get("members") or ():
            if not isinstance(member, dict):
                continue
            values = shared | {c: member.get(f) for c, f in JSON_MEMBER_FIELDS.items()}
            rows.append(
                SourceRow(len(rows) + 2, tuple(_json_cell(c, values) for c in COLUMN_NAMES))
            )
    return list(COLUMN_NAMES), rows


def _json_cell(column: str, values: dict[str, object]) -> object:
    """A JSON value as the CSV would hold it (codes and booleans in the file's words)."""
    from decimal import Decimal

    value = values.get(column)
    if value is None:
        return ""
    if column == "ruolo" and isinstance(value, str):
        return relation_word(value, str(values.get("sesso") or ""))
    if column == "disabilita":
        return "sì" if value is True else "no" if value is False else value
    if column == "isee" and isinstance(value, int | float):
        return f"{Decimal(str(value)):.2f}"
    return value


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252 as Italian Excel writes
    it."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 reads them rather than failing.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of ``;``, ``,`` and tab."""
    for line in text.splitlines():
        if line.strip(" \t;,"):
            counts = {d: line.count(d) for d in _DELIMITERS}
            best = max(_DELIMITERS, key=lambda d: counts[d])
            return best if counts[best] else ";"
    return ";"


def _read_csv(path: Path) -> tuple[list[str], list[SourceRow], str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableFileError(
            _("The file {path} cannot be read: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    if b"\x00" in data[:4096]:
        raise UnusableFileError(
            _("{name} is not a text (CSV) file: save it as CSV or .xlsx.").format(name=path.name)
        )
    text = decode(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list[str] | None = None
    rows: list[SourceRow] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if headers is None:
                headers = [cell.strip() for cell in cells]
                continue
            rows.append(SourceRow(reader.line_num, tuple(cells)))
    except csv.Error as exc:
        raise UnusableFileError(
            _("{name} cannot be read as CSV near line {line}: {reason}").format(
                name=path.name, line=reader.line_num, reason=exc
            )
        ) from None
    return headers or [], rows, delimiter


def _read_xlsx(path: Path) -> tuple[list[str], list[SourceRow]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UnusableFileError(
            _("{name} cannot be read as an Excel workbook (.xlsx): {reason}").format(
                name=path.name, reason=exc.__class__.__name__
            )
        ) from None
    try:
        sheet = workbook.worksheets[0]
        headers: list[str] | None = None
        rows: list[SourceRow] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = tuple("" if v is None else v for v in values)
            if not any(str(cell).strip() for cell in cells):
                continue
            if headers is None:
                headers = [str(cell).strip() for cell in cells]
                continue
            rows.append(SourceRow(number, cells))
    finally:
        workbook.close()
    return headers or [], rows


def _table(
    path: Path,
    kind: str,
    headers: list[str],
    rows: list[SourceRow],
    delimiter: str,
    layout: Layout,
) -> SourceTable:
    if not headers:
        raise UnusableFileError(_("{name} is empty: no header row found.").format(name=path.name))
    while headers and not headers[-1]:
        headers.pop()  # Excel often adds empty columns on the right
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        column = layout.column_for(header)
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
    missing = [name for name in layout.required if name not in columns]
    if missing:
        raise UnusableFileError(
            _("{name} has no column for: {missing} (the header row must name them).").format(
                name=path.name, missing=", ".join(missing)
            )
        )
    return SourceTable(path, kind, headers, columns, rows, delimiter, ignored)


#: The families' spreadsheet (``familydesk.transfer.columns``).
FAMILIES = Layout(_read_json, column_for, REQUIRED)

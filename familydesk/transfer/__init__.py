"""Families in and out of spreadsheets: import (CSV, XLSX) and export (CSV, XLSX, JSON).

Plain Python, no Qt. The importer applies the registry's own checks to
every row and writes all accepted families in the caller's unit of work;
the exporter writes the same columns, so an export imports back unchanged.
"""

from familydesk.transfer.exporter import FORMATS, export_families
from familydesk.transfer.importer import import_file, import_table, preview_file
from familydesk.transfer.reading import SourceTable, UnusableFileError, read_table
from familydesk.transfer.records import (
    DONE_LABELS,
    NEW,
    PRESENT,
    REJECTED,
    STATUS_LABELS,
    ImportSummary,
    RowOutcome,
)
from familydesk.transfer.report import report_path_for
from familydesk.transfer.template import write_template

__all__ = [
    "DONE_LABELS",
    "FORMATS",
    "NEW",
    "PRESENT",
    "REJECTED",
    "STATUS_LABELS",
    "ImportSummary",
    "RowOutcome",
    "SourceTable",
    "UnusableFileError",
    "export_families",
    "import_file",
    "import_table",
    "preview_file",
    "read_table",
    "report_path_for",
    "write_template",
]

"""The report of rejected rows: the file's own columns plus ``errore``, beside the input.

The operator opens it in Excel, fixes the rows and imports the report
itself (the ``errore`` column is ignored on import). It is written as
UTF-8 with a BOM, which Excel recognises, with the input's separator.
"""

from __future__ import annotations

import csv
from pathlib import Path

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.transfer.columns import ERROR_COLUMN
from familydesk.transfer.reading import SourceTable
from familydesk.transfer.records import RowOutcome
from familydesk.transfer.values import text

REPORT_SUFFIX = "_errori"


def report_path_for(source: Path) -> Path:
    return source.with_name(f"{source.stem}{REPORT_SUFFIX}.csv")


def write_report(table: SourceTable, rejected: list[RowOutcome]) -> Path:
    """Write the rejected rows (in file order) and return the report's path."""
    path = report_path_for(table.path)
    reasons = {outcome.line: outcome.reason for outcome in rejected}
    width = len(table.headers)
    headers = [h for h in table.headers if h.lower() != ERROR_COLUMN]
    keep = [i for i, h in enumerate(table.headers) if h.lower() != ERROR_COLUMN]
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=table.delimiter)
            writer.writerow([*headers, ERROR_COLUMN])
            for row in table.rows:
                if row.line in reasons:
                    cells = [text(c) for c in row.cells[:width]]
                    cells += [""] * (width - len(cells))
                    writer.writerow([cells[i] for i in keep] + [reasons[row.line]])
    except OSError as exc:
        raise FamilyDeskError(
            _("The report of rejected rows cannot be written to {path}: {reason}").format(
                path=path, reason=exc.strerror
            )
        ) from None
    return path

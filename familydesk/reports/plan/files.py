"""The monitoring sheet written to a file: PDF and XLSX by the report writers
(``familydesk.reports.outputs``, imported only when asked for), JSON here."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.reports import settings
from familydesk.reports.model import Cell, Section
from familydesk.reports.plan import monitoring

FORMATS = ("pdf", "xlsx", "json")


def write_sheet(session: Session, fmt: str, out: Path, plan: str | None) -> None:
    """The sheet written to ``out`` in ``fmt`` (a ``FamilyDeskError`` when a writer is
    missing)."""
    if fmt == "json":
        found = monitoring.lines(session, plan)
        out.write_text(
            json.dumps(monitoring.as_dict(found), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        return
    try:
        if fmt == "pdf":
            from familydesk.reports.outputs.pdf import write_sections  # heavy: reportlab
        else:
            from familydesk.reports.outputs.xlsx import write_sections  # heavy: openpyxl
    except ImportError:
        raise FamilyDeskError(
            _("The {format} writer is not available in this version.").format(format=fmt.upper())
        ) from None
    section = for_outside(monitoring.sheet(session, plan), settings.threshold(session))
    write_sections(session, _("Plan monitoring"), plan or "", [section], out)


def for_outside(section: Section, threshold: int) -> Section:
    """The sheet for a file leaving the centre: an actual (or the period before's) from 1
    to ``threshold`` - 1 is hidden, and with it the percent reached, which times the
    target would give it back. Targets are the plan's own, never hidden."""
    for table in section.tables:
        for row in table.rows:
            _target, actual, percent, before = row.cells
            if _small(actual, threshold):
                actual.suppressed = percent.suppressed = True
            if _small(before, threshold):
                before.suppressed = True
    return section


def _small(cell: Cell, threshold: int) -> bool:
    return cell.value is not None and 0 < cell.value < threshold

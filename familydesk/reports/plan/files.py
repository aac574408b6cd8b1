"""The monitoring sheet written to a file: PDF and XLSX by the report writers
(``familydesk.reports.outputs``, imported only when asked for), JSON here."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
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
    section = monitoring.sheet(session, plan)
    write_sections(session, _("Plan monitoring"), plan or "", [section], out)

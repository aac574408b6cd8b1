"""The activity report as an Excel workbook, and any report's sections (the plan's
monitoring sheet) in the same layout.

A cover sheet (title, period and comparison as real dates, scope, the small-count
note), then one sheet per section: each table a block with a bold header, its figures
and a native chart (``xlsx_blocks``). Services for the CLI and the GUI runner: they need
``EXPORT``, read with the given session (never commit), write in the interface language
(or ``language``), audit the export (no personal data) and write the file atomically.
``outside`` (the default for files): a suppressed cell holds "<N", never its number.
Importing this module loads openpyxl.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from familydesk import APP_NAME
from familydesk.i18n import N_
from familydesk.kernel import clock
from familydesk.kernel.files import write_atomically
from familydesk.reports.model import ActivityReport, Section
from familydesk.reports.outputs.pdf_words import (
    DEFINITIONS,
    LAST_YEAR,
    NOTHING,
    TITLE,
    Paper,
    paper_for,
    previous_table,
    scope_lines,
    threshold_note,
)
from familydesk.reports.outputs.xlsx_blocks import WRAP, write_block
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)

COVER = N_("Cover")
DATE_FORMAT = "dd/mm/yyyy"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_LABEL_WIDTH = (18, 60)
_VALUE_WIDTH = (11, 24)


def write_xlsx(
    session: Session,
    report: ActivityReport,
    path: Path,
    outside: bool = True,
    *,
    language: str | None = None,
) -> Path:
    """The activity report ``report`` (with last year's beside it when it has one) as a
    workbook at ``path``; the file's absolute path."""
    permissions.require(session, permissions.EXPORT)
    paper = paper_for(session, outside, language)
    lang = paper.lang
    period = report.scope.period
    dates: list[tuple[str, object]] = [
        (lang(N_("Period from")), period.start),
        (lang(N_("Period to")), period.end),
    ]
    if report.previous is not None:
        before = report.previous.scope.period
        dates += [
            (lang(N_("Compared with, from")), before.start),
            (lang(N_("Compared with, to")), before.end),
        ]
    about = dates + list(scope_lines(session, lang, report.scope))
    previous = report.previous.sections if report.previous is not None else None
    data = _workbook(paper, lang(TITLE), report.centre, about, report.sections, previous)
    audit.record(session, "export", table_name="report", note="activity xlsx")
    session.flush()
    out = write_atomically(Path(path), data)
    log.info("Exported the activity report as a workbook (%d sections)", len(report.sections))
    return out


def write_sections(
    session: Session,
    title: str,
    subtitle: str,
    sections: list[Section],
    path: Path,
    previous: list[Section] | None = None,
    outside: bool = True,
    *,
    language: str | None = None,
) -> Path:
    """``sections`` under ``title`` and ``subtitle`` (already in the reader's words) as a
    workbook at ``path``; ``previous``: the same sections last year. The absolute path."""
    permissions.require(session, permissions.EXPORT)
    paper = paper_for(session, outside, language)
    data = _workbook(paper, title, subtitle, [], sections, previous)
    keys = ",".join(item.key for item in sections)
    audit.record(session, "export", table_name="report", note=f"sections xlsx: {keys}")
    session.flush()
    out = write_atomically(Path(path), data)
    log.info("Exported report sections %s as a workbook", keys)
    return out


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unused sheet name from ``text``: no []:*?/\\, at most 31 characters."""
    base = _FORBIDDEN.sub(" ", text).strip().strip("'") or "-"
    name, number = base[:31], 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _workbook(
    paper: Paper,
    title: str,
    subtitle: str,
    about: Sequence[tuple[str, object]],
    sections: Sequence[Section],
    previous: Sequence[Section] | None,
) -> bytes:
    book = Workbook()
    book.properties.title = title
    book.properties.creator = APP_NAME
    taken: set[str] = set()
    cover = book.active
    cover.title = sheet_title(paper.lang(COVER), taken)
    _cover(cover, paper, title, subtitle, about)
    for part in sections:
        sheet = book.create_sheet(sheet_title(part.title, taken))
        _section(sheet, part, previous, paper)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cover(
    sheet: Worksheet,
    paper: Paper,
    title: str,
    subtitle: str,
    about: Sequence[tuple[str, object]],
) -> None:
    lang = paper.lang
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14, color="1F3A5F")
    if subtitle:
        sheet.cell(row=2, column=1, value=subtitle)
    row = 3
    lines = [*about, (lang(N_("Printed on")), clock.today())]
    for label, value in lines:
        row += 1
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        target = sheet.cell(row=row, column=2, value=value)
        if isinstance(value, date):
            target.number_format = DATE_FORMAT
            target.alignment = Alignment(horizontal="left")
    row += 2
    sheet.cell(row=row, column=1, value=threshold_note(paper))
    sheet.column_dimensions["A"].width = max(len(str(label)) for label, _v in lines) + 4
    sheet.column_dimensions["B"].width = 60


def _section(
    sheet: Worksheet, part: Section, previous: Sequence[Section] | None, paper: Paper
) -> None:
    lang = paper.lang
    sheet.cell(row=1, column=1, value=part.title).font = Font(bold=True, size=14, color="1F3A5F")
    row = 2
    for note in part.notes:
        sheet.cell(row=row, column=1, value=f"{lang(DEFINITIONS)}: {note}").alignment = WRAP
        row += 1
    if not part.tables:
        sheet.cell(row=row + 1, column=1, value=lang(NOTHING))
    row += 1
    labels, values = [len(part.title) // 2], [0]
    for table in part.tables:
        block = write_block(sheet, row, table, previous_table(previous, table), paper)
        row = block.end
        labels += [len(r.label) for r in table.rows]
        heads = [label for _k, label in table.columns] + [lang(LAST_YEAR)]
        values += [len(head) for head in heads[: block.columns]]
    low, high = _LABEL_WIDTH
    sheet.column_dimensions["A"].width = min(max(max(labels) + 2, low), high)
    width = min(max(max(values) + 2, _VALUE_WIDTH[0]), _VALUE_WIDTH[1])
    widest = max((len(t.columns) + 1 for t in part.tables), default=1)
    for column in range(2, widest + 2):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"

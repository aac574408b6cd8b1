"""A report's table in a worksheet: a block of title, bold header, rows, total, and a
native Excel chart (openpyxl.chart) over the block's own cells.

Numbers are real numbers with a number format that Excel shows in the reader's locale
('#,##0' reads 1.234 in Italian); percentages are fractions formatted '0.0%'. A
suppressed cell (outside use) holds the text "<N", never its number: the chart, which
references the block's cells, has no number to draw there.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from familydesk.reports.model import Cell, Table
from familydesk.reports.outputs.pdf_words import (
    EMPTY,
    LAST_YEAR,
    TOTAL,
    TOTAL_LAST_YEAR,
    Paper,
    beside_last_year,
    previous_cells,
)

BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=12, color="1F3A5F")
HEAD_FILL = PatternFill("solid", fgColor="EEF1F5")
HEAD_RULE = Border(bottom=Side(style="thin", color="1F3A5F"))
TOTAL_RULE = Border(top=Side(style="thin", color="555555"))
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")
#: Rows a chart of the default height (7.5 cm) covers at the default row height.
CHART_ROWS = 15
#: A chart's width (cm).
CHART_WIDTH = 16.0


def number_format(unit: str, value: float) -> str:
    if unit == "percent":
        return "0.0%"
    if unit == "hours" or (isinstance(value, float) and not value.is_integer()):
        return "#,##0.0"
    return "#,##0"


def write_value(
    sheet: Worksheet, row: int, column: int, cell: Cell | None, unit: str, paper: Paper
) -> None:
    target = sheet.cell(row=row, column=column)
    target.alignment = RIGHT
    if cell is None:
        return
    if paper.hidden(cell):
        target.value = paper.suppressed_text()
    elif cell.value is None:
        target.value = EMPTY
    else:
        target.value = cell.value
        target.number_format = number_format(unit, cell.value)


@dataclass(frozen=True)
class Block:
    """Where a table went: its header row, its data rows, its value columns."""

    header: int
    first: int
    last: int
    columns: int
    end: int  # the first free row after the block (and its chart)


def write_block(
    sheet: Worksheet, top: int, table: Table, before: Table | None, paper: Paper
) -> Block:
    """``table`` written from row ``top``; its chart beside it. The block's rows."""
    lang = paper.lang
    beside = beside_last_year(table, before)
    olds = previous_cells(table, before) if beside else []
    sheet.cell(row=top, column=1, value=table.title).font = TITLE_FONT
    header = top + 1
    labels = [label for _key, label in table.columns] + ([lang(LAST_YEAR)] if beside else [])
    for index, label in enumerate(["", *labels], start=1):
        head = sheet.cell(row=header, column=index, value=label or None)
        head.font, head.fill, head.border = BOLD, HEAD_FILL, HEAD_RULE
        if index > 1:
            head.alignment = Alignment(horizontal="right", wrap_text=True)
    row_at = header
    for index, row in enumerate(table.rows):
        row_at += 1
        sheet.cell(row=row_at, column=1, value=row.label)
        cells: list[Cell | None] = list(row.cells) + [None] * (len(table.columns) - len(row.cells))
        if beside:
            cells.append(olds[index])
        for column, cell in enumerate(cells, start=2):
            write_value(sheet, row_at, column, cell, table.unit, paper)
    last = row_at
    if table.total:
        row_at += 1
        totals: list[Cell | None] = list(table.total)
        if beside:
            totals.append(before.total[0] if before and before.total else None)
        _footer_row(sheet, row_at, lang(TOTAL), totals, table.unit, paper, BOLD)
    if before is not None and not beside and before.total:
        row_at += 1
        italic = Font(italic=True)
        _footer_row(
            sheet, row_at, lang(TOTAL_LAST_YEAR), list(before.total), table.unit, paper, italic
        )
    if table.note:
        row_at += 1
        sheet.cell(row=row_at, column=1, value=table.note).font = Font(italic=True, color="555555")
    end = row_at + 2
    if table.chart in ("bar", "line") and table.rows:
        anchor = f"{_letter(len(labels) + 3)}{top}"
        height = add_chart(sheet, table, header, last, len(labels), anchor)
        end = max(end, top + int(height / 0.53) + 2)
    return Block(header, header + 1, last, len(labels), end)


def _footer_row(sheet, row, label, cells, unit, paper, font) -> None:  # type: ignore[no-untyped-def]
    first = sheet.cell(row=row, column=1, value=label)
    first.font = font
    for column, cell in enumerate(cells, start=2):
        write_value(sheet, row, column, cell, unit, paper)
        sheet.cell(row=row, column=column).font = font
    for column in range(1, len(cells) + 2):
        sheet.cell(row=row, column=column).border = TOTAL_RULE


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def add_chart(
    sheet: Worksheet, table: Table, header: int, last: int, columns: int, anchor: str
) -> float:
    """A native chart over the block's values (header row = series names, column A =
    categories) at ``anchor``; its height in cm."""
    long_labels = len(table.rows) > 8 or max(len(row.label) for row in table.rows) > 14
    if table.chart == "line":
        chart: BarChart | LineChart = LineChart()
        height = 7.5
    else:
        chart = BarChart()
        chart.type = "bar" if long_labels else "col"
        chart.gapWidth = 60
        rows = len(table.rows) * max(columns, 1)
        height = max(7.5, min(rows * 0.55 + 2.5, 24.0)) if chart.type == "bar" else 7.5
        if chart.type == "bar":
            chart.x_axis.scaling.orientation = "maxMin"  # the rows top down, as in the table
    chart.title = table.title
    chart.width, chart.height = CHART_WIDTH, height
    data = Reference(sheet, min_col=2, max_col=1 + columns, min_row=header, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=last))
    chart.y_axis.scaling.min = 0
    if table.unit == "percent":
        chart.y_axis.number_format = "0%"
    else:
        chart.y_axis.number_format = "#,##0"
    chart.x_axis.delete = False  # openpyxl 3.1 hides axes unless told
    chart.y_axis.delete = False
    if columns == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    if table.chart == "line":
        for series in chart.series:
            series.smooth = False
        if columns > 1 and beside_series(table, columns):
            chart.series[-1].graphicalProperties.line.dashStyle = "dash"
    sheet.add_chart(chart, anchor)
    return height


def beside_series(table: Table, columns: int) -> bool:
    """The last series is last year's (a one-column table with last year beside it)."""
    return len(table.columns) == 1 and columns == 2

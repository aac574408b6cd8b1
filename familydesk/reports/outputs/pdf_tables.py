"""A report's table on paper: its title, rows of figures, total, last year, chart, note.

A one-column table gets a "same period last year" column beside it; a table of more
columns gets last year's total under its own. Suppressed cells read "<N" (see
``pdf_words``) and are left out of the chart, which says so under it.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus import Table as Grid

from familydesk.forms.base import ACCENT, CONTENT_WIDTH, FONT_BOLD, MUTED, SHADE, esc, styles
from familydesk.forms.blocks import table_style
from familydesk.i18n import N_
from familydesk.reports.model import Cell, Table
from familydesk.reports.outputs.pdf_charts import chart
from familydesk.reports.outputs.pdf_words import (
    LAST_YEAR,
    TOTAL,
    TOTAL_LAST_YEAR,
    Paper,
    beside_last_year,
    previous_cells,
)

NOT_DRAWN = N_("Figures shown as “{hidden}” are not drawn in the chart.")
_MAX_VALUE_WIDTH = 30 * mm
_MIN_LABEL_WIDTH = 55 * mm


def _paragraph_styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    st = styles()
    title = ParagraphStyle(
        "table_title",
        parent=st.body,
        fontName=FONT_BOLD,
        fontSize=9.5,
        leading=12,
        textColor=ACCENT,
        spaceBefore=6,
        spaceAfter=3,
    )
    number = ParagraphStyle("number", parent=st.cell, alignment=TA_RIGHT)
    head = ParagraphStyle("number_head", parent=st.cell_head, alignment=TA_RIGHT)
    note = ParagraphStyle("table_note", parent=st.small, textColor=MUTED, fontSize=7.5)
    return title, number, head, note


def widths(values: int, width: float = CONTENT_WIDTH) -> list[float]:
    """The label column and ``values`` value columns across ``width``."""
    value = min(_MAX_VALUE_WIDTH, (width - _MIN_LABEL_WIDTH) / max(values, 1))
    return [width - value * values, *[value] * values]


def table_block(table: Table, before: Table | None, paper: Paper) -> list[Flowable]:
    """The flowables of ``table`` (``before``: the same table last year, or None)."""
    lang = paper.lang
    title_style, number, head_style, note_style = _paragraph_styles()
    st = styles()
    beside = beside_last_year(table, before)
    olds = previous_cells(table, before) if beside else []
    header = ["", *(label for _key, label in table.columns)]
    if beside:
        header.append(lang(LAST_YEAR))
    head = [Paragraph(esc(header[0]), st.cell_head)]
    head += [Paragraph(esc(text), head_style) for text in header[1:]]

    def figures(cells: list[Cell | None]) -> list[Paragraph]:
        return [Paragraph(esc(paper.text(cell, table.unit)), number) for cell in cells]

    body: list[list[object]] = []
    for index, row in enumerate(table.rows):
        cells: list[Cell | None] = list(row.cells)
        cells += [None] * (len(table.columns) - len(cells))
        if beside:
            cells.append(olds[index])
        body.append([Paragraph(esc(row.label), st.cell), *figures(cells)])
    shaded: list[int] = []
    if table.total:
        total: list[Cell | None] = list(table.total)
        if beside:
            total.append(before.total[0] if before and before.total else None)
        body.append([Paragraph(f"<b>{esc(lang(TOTAL))}</b>", st.cell), *figures(total)])
        shaded.append(len(body))
    if before is not None and not beside and before.total:
        body.append(
            [Paragraph(f"<i>{esc(lang(TOTAL_LAST_YEAR))}</i>", st.cell), *figures(before.total)]
        )
    grid = _grid(head, body, widths(len(header) - 1), shaded)
    out: list[Flowable] = [Paragraph(esc(table.title), title_style), grid]
    drawing = chart(table, before, paper, CONTENT_WIDTH) if table.chart else None
    if drawing is not None:
        out += [Spacer(1, 2 * mm), drawing]
        if _any_hidden(table, before, paper):
            text = lang(NOT_DRAWN).format(hidden=paper.suppressed_text())
            out.append(Paragraph(esc(text), note_style))
    if table.note:
        out.append(Paragraph(esc(table.note), note_style))
    # Title, figures and chart on one page when they fit one (a long table splits).
    return [CondPageBreak(30 * mm), KeepTogether(out), Spacer(1, 3 * mm)]


def _grid(
    head: list[object], body: list[list[object]], column_widths: list[float], shaded: list[int]
) -> Grid:
    grid = Grid([head, *body], colWidths=column_widths, repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, SHADE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for row in shaded:
        commands.append(("BACKGROUND", (0, row), (-1, row), SHADE))
        commands.append(("LINEABOVE", (0, row), (-1, row), 0.6, MUTED))
    grid.setStyle(table_style(commands))
    return grid


def _any_hidden(table: Table, before: Table | None, paper: Paper) -> bool:
    tables = [table] + ([before] if before is not None else [])
    return any(paper.hidden(cell) for t in tables for row in t.rows for cell in row.cells)

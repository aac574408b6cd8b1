"""The charts of the activity report on paper (``reportlab.graphics``, no 3-D).

A table with chart "bar" gets bars: horizontal ones (its rows top down, long labels
read whole) or, for a few short labels, vertical ones; each column a series, or, for a
one-column table, this period and the same period last year side by side. A table with
chart "line" (rows = months) gets a line per column, last year as a dashed line. A value
the disclosure control hid is not drawn (a gap), nor labelled. Axes start at 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from familydesk.forms.base import ACCENT, FONT, GRID, INK, MUTED
from familydesk.i18n import N_
from familydesk.reports.model import Table
from familydesk.reports.outputs.pdf_words import (
    LAST_YEAR,
    Paper,
    beside_last_year,
    number_text,
    previous_cells,
)

SERIES = [
    ACCENT,
    colors.HexColor("#d08c2f"),
    colors.HexColor("#5a9a6e"),
    colors.HexColor("#8e5a9a"),
]
SERIES += [colors.HexColor("#b84a4a"), colors.HexColor("#4a8fb8"), colors.HexColor("#9a8a3a")]
LAST_YEAR_COLOUR = colors.HexColor("#9fb3cc")
FONT_SIZE = 7
#: Longest table drawn (rows): a longer one stays a table only.
MAX_ROWS = 40
THIS_PERIOD = N_("This period")


def chart(table: Table, before: Table | None, paper: Paper, width: float) -> Drawing | None:
    """The chart of ``table`` (``before``: the same table last year), or None."""
    if not table.rows or len(table.rows) > MAX_ROWS or not table.columns:
        return None
    names, data, palette, dashed = _series(table, before, paper)
    if all(value is None for values in data for value in values):
        return None
    labels = [row.label for row in table.rows]
    if table.chart == "line":
        return _lines(table, labels, names, data, palette, dashed, paper, width)
    if table.chart == "bar":
        short = len(labels) <= 8 and max(len(label) for label in labels) <= 14
        if short and len(labels) * len(data) <= 24:
            return _columns(table, labels, names, data, palette, paper, width)
        return _bars(table, labels, names, data, palette, paper, width)
    return None


def _series(
    table: Table, before: Table | None, paper: Paper
) -> tuple[list[str], list[list[float | None]], list[colors.Color], list[bool]]:
    """The names, values (None: not drawn), colours and dashes of the chart's series."""
    data = [
        [paper.shown_value(row.cells[i]) if i < len(row.cells) else None for row in table.rows]
        for i in range(len(table.columns))
    ]
    names = [label for _key, label in table.columns]
    palette = [SERIES[i % len(SERIES)] for i in range(len(data))]
    dashed = [False] * len(data)
    if table.chart == "line" and before is not None:
        single = len(table.columns) == 1
        if single:
            names = [paper.lang(THIS_PERIOD)]
        for i in range(len(table.columns)):
            rows = before.rows[: len(table.rows)]
            values = [paper.shown_value(r.cells[i]) if i < len(r.cells) else None for r in rows]
            data.append(values + [None] * (len(table.rows) - len(values)))
            last = paper.lang(LAST_YEAR)
            names.append(last if single else f"{names[i]} ({last.lower()})")
            palette.append(LAST_YEAR_COLOUR if single else palette[i])
            dashed.append(True)
    elif beside_last_year(table, before):
        names = [paper.lang(THIS_PERIOD)]
        data.append([paper.shown_value(cell) for cell in previous_cells(table, before)])
        names.append(paper.lang(LAST_YEAR))
        palette.append(LAST_YEAR_COLOUR)
        dashed.append(False)
    return names, data, palette, dashed


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # ReportLab's Helvetica would be referenced, not embedded
    return drawing


def _formatter(paper: Paper, unit: str):  # type: ignore[no-untyped-def]
    def label(value: float | None) -> str:
        return "" if value is None else number_text(paper.lang, value, unit)

    return label


def _fit(text: str, width: float, size: float = FONT_SIZE) -> str:
    """``text`` cut with an ellipsis to ``width`` points."""
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _top(values: Sequence[Sequence[float | None]]) -> float:
    return max((v for series in values for v in series if v is not None), default=0) or 1


def _axis_fonts(axis: object) -> None:
    axis.labels.fontName = FONT  # type: ignore[attr-defined]
    axis.labels.fontSize = FONT_SIZE  # type: ignore[attr-defined]
    axis.labels.fillColor = INK  # type: ignore[attr-defined]
    axis.strokeColor = MUTED  # type: ignore[attr-defined]


def _legend(drawing: Drawing, names: list[str], palette: list[colors.Color], y: float) -> None:
    if len(names) < 2:
        return
    legend = Legend()
    legend.fontName, legend.fontSize = FONT, FONT_SIZE
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.x, legend.y = 0, y
    legend.columnMaximum = 1
    legend.dx = legend.dy = 6
    legend.deltay = 8
    legend.deltax = max(stringWidth(n, FONT, FONT_SIZE) for n in names) + 22
    legend.colorNamePairs = list(zip(palette, names, strict=True))
    legend.strokeWidth = 0
    drawing.add(legend)


LEGEND_H = 12


def _bars(table, labels, names, data, palette, paper, width):  # type: ignore[no-untyped-def]
    """Horizontal bars: rows top down, their labels at the left."""
    label_w = min(max(stringWidth(label, FONT, FONT_SIZE) for label in labels) + 6, width * 0.42)
    bar = 4.2 * mm if len(data) == 1 else 3.2 * mm
    plot_h = len(labels) * (len(data) * bar + 2.2 * mm)
    legend_h = LEGEND_H if len(names) > 1 else 0
    height = plot_h + 10 * mm + legend_h
    drawing = _drawing(width, height)
    plot = HorizontalBarChart()
    plot.x, plot.y = label_w, 7 * mm
    plot.width, plot.height = width - label_w - 14 * mm, plot_h
    plot.data = data[::-1]  # the first series on top of each group, as in the legend
    plot.categoryAxis.categoryNames = [_fit(label, label_w - 6) for label in labels]
    plot.categoryAxis.reverseDirection = 1
    plot.categoryAxis.labels.boxAnchor = "e"
    plot.categoryAxis.labels.dx = -3
    plot.categoryAxis.tickLeft = 0
    _values(plot, table, data, paper)
    plot.barLabels.boxAnchor = "w"
    plot.barLabels.dx = 2
    _style(plot, palette[::-1])
    drawing.add(plot)
    _legend(drawing, names, palette, height)
    return drawing


def _columns(table, labels, names, data, palette, paper, width):  # type: ignore[no-untyped-def]
    """Vertical bars, for a few short labels (age bands, sexes)."""
    legend_h = LEGEND_H if len(names) > 1 else 0
    height = 55 * mm + legend_h
    drawing = _drawing(width, height)
    plot = VerticalBarChart()
    plot.x, plot.y = 16 * mm, 8 * mm
    plot.width = min(width - 20 * mm, len(labels) * len(data) * 14 * mm)
    plot.height = height - 14 * mm - legend_h
    plot.data = data
    plot.categoryAxis.categoryNames = labels
    plot.categoryAxis.labels.boxAnchor = "n"
    plot.categoryAxis.labels.dy = -2
    _values(plot, table, data, paper)
    plot.barLabels.boxAnchor = "s"
    plot.barLabels.dy = 2
    _style(plot, palette)
    drawing.add(plot)
    _legend(drawing, names, palette, height)
    return drawing


def _values(plot, table, data, paper) -> None:  # type: ignore[no-untyped-def]
    _axis_fonts(plot.categoryAxis)
    _axis_fonts(plot.valueAxis)
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueMax = _top(data) * 1.12
    plot.valueAxis.labelTextFormat = _formatter(paper, table.unit)
    plot.valueAxis.visibleGrid = 1
    plot.valueAxis.gridStrokeColor = GRID
    plot.valueAxis.gridStrokeWidth = 0.3
    plot.barLabelFormat = _formatter(paper, table.unit)
    plot.barLabels.fontName = FONT
    plot.barLabels.fontSize = FONT_SIZE - 0.5
    plot.barLabels.fillColor = INK


def _style(plot, palette) -> None:  # type: ignore[no-untyped-def]
    plot.barSpacing = 0.5
    plot.groupSpacing = 6
    for i, colour in enumerate(palette):
        plot.bars[i].fillColor = colour
        plot.bars[i].strokeColor = None


def _lines(table, labels, names, data, palette, dashed, paper, width):  # type: ignore[no-untyped-def]
    """A trend by month: one line per series, last year dashed."""
    legend_h = LEGEND_H if len(names) > 1 else 0
    step = (width - 22 * mm) / max(len(labels), 1)
    widest = max(stringWidth(label, FONT, FONT_SIZE) for label in labels)
    slanted = widest > step - 2
    label_h = (widest * 0.6 + 4) if slanted else 10
    height = 50 * mm + label_h + legend_h
    drawing = _drawing(width, height)
    plot = HorizontalLineChart()
    plot.x, plot.y = 16 * mm, label_h + 2
    plot.width = width - 22 * mm
    plot.height = height - plot.y - 6 * mm - legend_h
    plot.data = data
    plot.joinedLines = 1
    plot.categoryAxis.categoryNames = labels
    _axis_fonts(plot.categoryAxis)
    _axis_fonts(plot.valueAxis)
    if slanted:
        plot.categoryAxis.labels.angle = 35
        plot.categoryAxis.labels.boxAnchor = "ne"
    else:
        plot.categoryAxis.labels.boxAnchor = "n"
    plot.categoryAxis.labels.dy = -2
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueMax = _top(data) * 1.12
    plot.valueAxis.labelTextFormat = _formatter(paper, table.unit)
    plot.valueAxis.visibleGrid = 1
    plot.valueAxis.gridStrokeColor = GRID
    plot.valueAxis.gridStrokeWidth = 0.3
    for i, colour in enumerate(palette):
        plot.lines[i].strokeColor = colour
        plot.lines[i].strokeWidth = 1.6 if not dashed[i] else 1.1
        if dashed[i]:
            plot.lines[i].strokeDashArray = (3, 2)
        marker = makeMarker("FilledCircle")
        marker.size = 3.2
        marker.fillColor = colour
        marker.strokeColor = colour
        plot.lines[i].symbol = marker
    drawing.add(plot)
    _legend(drawing, names, palette, height)
    return drawing

"""Building blocks of the forms: section headings, field grids, data tables, signature boxes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from familydesk.forms.base import CONTENT_WIDTH, FONT, GRID, RULE, SHADE, esc, styles


def table_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose plain-text cells use DejaVu too (ReportLab's default is Helvetica,
    which would be referenced but not embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def heading(text: str) -> Paragraph:
    return Paragraph(esc(text), styles().heading)


def section(text: str, room: float = 28 * mm) -> list[Flowable]:
    """A section heading that starts a new page unless ``room`` is left for what follows.

    (``keepWithNext`` would move a long table whole to the next page.)
    """
    return [CondPageBreak(room), heading(text)]


def fields_table(
    pairs: Sequence[tuple[str, str]], columns: int = 2, width: float = CONTENT_WIDTH
) -> Table:
    """Label-over-value boxes, ``columns`` to a row, in a light grey grid ``width`` wide.

    When the last row is short, its last box stretches to the right edge.
    """
    st = styles()
    cells = [
        [Paragraph(esc(label), st.label), Paragraph(esc(value) or "&nbsp;", st.value)]
        for label, value in pairs
    ]
    spare = -len(cells) % columns
    cells += [""] * spare
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    table = Table(rows, colWidths=[width / columns] * columns)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if spare:
        commands.append(("SPAN", (columns - spare - 1, len(rows) - 1), (-1, -1)))
    table.setStyle(table_style(commands))
    return table


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]
) -> Table:
    """A data table: shaded header repeated on each page, light grey grid."""
    st = styles()
    head = [Paragraph(esc(text), st.cell_head) for text in header]
    body = [
        [c if isinstance(c, Flowable) else Paragraph(esc(c), st.cell) for c in row] for row in rows
    ]
    table = Table([head, *body], colWidths=list(widths), repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        )
    )
    return table


def signature_boxes(
    labels: Sequence[str], height: float = 20 * mm, widths: Sequence[float] | None = None
) -> Table:
    """Empty boxes to sign or write in, each with its label at the top."""
    st = styles()
    widths = list(widths or [CONTENT_WIDTH / len(labels)] * len(labels))
    table = Table(
        [[Paragraph(esc(label), st.label) for label in labels]],
        colWidths=widths,
        rowHeights=[height],
    )
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.75, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.75, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table

"""Helpers for the tests that a table's columns show their whole text at 1366 px."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QTableView

from familydesk.kernel.paths import resources_dir


@pytest.fixture
def styled(qapp) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    """The application's own stylesheet (fonts and paddings as the operator sees them)."""
    before = qapp.styleSheet()
    qapp.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    yield qapp
    qapp.setStyleSheet(before)


def clipped(view: QTableView, columns: list[int]) -> list[str]:
    """The cells of ``columns`` whose text is wider than their column (with the cell's
    margins and the cell's own font, e.g. bold), and the titles wider than their section."""
    QApplication.processEvents()
    model = view.model()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    out = []
    for column in columns:
        width = view.columnWidth(column)
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = str(index.data() or "")
            font = index.data(Qt.ItemDataRole.FontRole)
            metrics = (
                QFontMetrics(font.resolve(view.font()))
                if isinstance(font, QFont)
                else view.fontMetrics()
            )
            if metrics.horizontalAdvance(text) + margin > width:
                out.append(f"column {column} ({width} px): {text!r}")
    return out


def beyond_the_right_edge(view: QTableView) -> int:
    """How many pixels the columns need beyond the table's visible width (0: none)."""
    QApplication.processEvents()
    total = sum(
        view.columnWidth(c) for c in range(view.model().columnCount()) if not view.isColumnHidden(c)
    )
    return max(0, total - view.viewport().width())

"""What the queue and the follow-ups have in common: a titled list, one row selected at a
time, an error line that says why a move was refused (then the list is read again)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from familydesk.ui.errors import show_inline
from familydesk.ui.runner import Runner
from familydesk.ui.table_model import RowsTableModel
from familydesk.ui.widgets import ErrorLine, record_table


class ListPanel(QWidget):
    """Subclasses fill ``heading`` (after the title) and implement ``load`` and ``_enable``."""

    def __init__(self, runner: Runner, model: RowsTableModel, name: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.runner = runner
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.model = model
        self.table = record_table(model)
        self.table.setObjectName(name)
        self.error = ErrorLine()
        self.heading = QHBoxLayout()
        self.heading.addWidget(self.title)
        self.heading.addStretch(1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())

    def lay_out(self, *bars: QLayout) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for bar in (self.heading, *bars):
            layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

    def rows(self) -> list[Any]:
        return [self.model.row_at(i) for i in range(self.model.rowCount())]

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def load(self) -> None:
        raise NotImplementedError

    def _enable(self) -> None:
        """Enable the buttons that apply to the selected row."""

    def _refused(self, exc: BaseException) -> None:
        """Someone else got there first: say so, and show the list as it is now."""
        if show_inline(self.error, exc):
            self.load()

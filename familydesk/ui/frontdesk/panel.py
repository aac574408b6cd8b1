"""What the queue and the follow-ups have in common: a titled list, one row selected at a
time, an error line that says why a move was refused (then the list is read again), and a
"Book appointment (F10)" button for the selected row's family."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from familydesk.i18n import _
from familydesk.trust import permissions
from familydesk.ui.frontdesk.quick_booking import BOOK_KEY
from familydesk.ui.shell.errors import show_inline
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import ErrorLine, record_table
from familydesk.ui.widgets.table_model import RowsTableModel


class ListPanel(QWidget):
    """Subclasses fill ``heading`` (after the title) and implement ``load`` and ``_enable``.

    ``book_requested(row)``: book an appointment for the selected row (the button is there
    only for operators who book appointments, disabled for an anonymous visitor).
    """

    book_requested = Signal(object)

    def __init__(
        self, runner: Runner, model: RowsTableModel, name: str, parent: QWidget | None = None
    ) -> None:
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
        self.book_button = QPushButton()
        self.book_button.setObjectName(f"{name}Book")
        self.book_button.clicked.connect(self.book)
        self.book_button.setVisible(runner.may(permissions.APPOINTMENTS))

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

    # -- booking an appointment for the selected row ---------------------------------
    def select_first(self) -> str:
        """What to say when nothing is selected."""
        raise NotImplementedError

    def book_tip(self) -> str:
        """The book button's tooltip for someone known."""
        raise NotImplementedError

    def _enable_book(self) -> None:
        row = self.selected()
        anonymous = row is not None and row.family_id is None
        self.book_button.setEnabled(row is not None and not anonymous)
        self.book_button.setText(_("Book appointment ({key})").format(key=BOOK_KEY))
        self.book_button.setToolTip(
            _(
                "An anonymous visitor: there is no family to book for. Register them first, or "
                "book on the Appointments page."
            )
            if anonymous
            else self.book_tip()
        )

    def book(self) -> None:
        """Ask for the booking dialog for the selected row's family (never an anonymous one)."""
        row = self.selected()
        self.error.show_message("")
        if row is None:
            self.error.show_message(self.select_first())
        elif row.family_id is None:
            self.error.show_message(self.book_button.toolTip())
        elif self.runner.may(permissions.APPOINTMENTS):
            self.book_requested.emit(row)

    def _refused(self, exc: BaseException) -> None:
        """Someone else got there first: say so, and show the list as it is now."""
        if show_inline(self.error, exc):
            self.load()

"""Find who came as you type: the registry search behind a search box that keeps the focus.

Nothing is highlighted while typing; Down highlights the first result, Up/Down (and Page
Up/Down) move through them while the cursor stays in the box, so the operator can type,
correct and choose without leaving it; Enter picks the highlighted person (or the only one
found; with several and none highlighted, Enter does nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from familydesk.i18n import _, format_date
from familydesk.registry import PersonHit, search_people
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel

#: People shown for a search: the desk wants the right one in the first few lines.
LIMIT = 30
_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}


def hit_columns() -> list[Column]:
    return [
        Column(lambda: _("Surname"), lambda h: h.surname),
        Column(lambda: _("Given name"), lambda h: h.given_name),
        Column(lambda: _("Born"), lambda h: format_date(h.birth_date)),
        Column(lambda: _("Family"), lambda h: h.family_name),
        Column(lambda: _("Comune"), lambda h: h.comune),
    ]


class PersonFinder(QWidget):
    """``search`` (placed by the page) and the results under it; ``picked(PersonHit)``."""

    picked = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.search = QLineEdit()
        self.search.setObjectName("frontdeskSearch")
        self.search.setClearButtonEnabled(True)
        self.model = RowsTableModel(hit_columns(), self)
        self.results = record_table(self.model)
        self.results.setObjectName("frontdeskResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the keys stay in the box
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("countLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)
        self._generation = 0
        self.search.installEventFilter(self)
        self.search.textChanged.connect(self._query)
        self.search.returnPressed.connect(self.pick_current)
        self.results.activated.connect(lambda index: self._pick(index.row()))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(
            _("Who came? Surname, given name, tax code or phone (Ctrl+F)")
        )
        self.model.retranslate()
        self._show_hint()

    @property
    def text(self) -> str:
        return self.search.text().strip()

    def _query(self) -> None:
        """Each keystroke asks again; an answer to an older text is dropped."""
        self._generation += 1
        generation = self._generation
        if not self.text:
            self._arrived([], generation)
            return
        self.runner.read(
            search_people,
            self.text,
            LIMIT,
            on_done=lambda hits: self._arrived(hits, generation),
            on_error=lambda exc: show_error(self, exc),
            owner=self,
        )

    def _arrived(self, hits: list[PersonHit], generation: int) -> None:
        if generation != self._generation:
            return
        self.model.set_rows(hits)
        self.results.clearSelection()  # nothing chosen while typing: Down goes to the first
        self._show_hint()

    def _show_hint(self) -> None:
        if not self.text:
            text = _(
                "Type a surname to find who came, then Enter. "
                "Not registered? Ctrl+Shift+A records an anonymous visitor."
            )
        elif self.model.rowCount():
            text = _("Down and Up to choose, Enter to record the contact.")
        else:
            text = _(
                "Nobody found. Register the family on the Families page, or press "
                "Ctrl+Shift+A for an anonymous visitor."
            )
        self.hint.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = _MOVES.get(Qt.Key(event.key()))
            if step is not None and self.model.rowCount():
                rows = self.results.selectionModel().selectedRows()
                current = rows[0].row() if rows else -1
                self.results.selectRow(max(0, min(self.model.rowCount() - 1, current + step)))
                return True
        return super().eventFilter(watched, event)

    def pick_current(self) -> None:
        """Enter: the highlighted person; with none highlighted, the only one found. With
        several found and none highlighted nobody is picked (Down goes to the first)."""
        rows = self.results.selectionModel().selectedRows()
        if rows:
            self._pick(rows[0].row())
        elif self.model.rowCount() == 1:
            self._pick(0)

    def _pick(self, row: int) -> None:
        self.picked.emit(self.model.row_at(row))

    def clear(self) -> None:
        self.search.clear()

"""Who an appointment is for: find the person as on the families page, then choose the
whole family or one member. Keyboard: type (nothing is highlighted), Down to the first result,
Enter to choose the highlighted one; Enter in the box takes the only one found, and with
several does nothing. The same rule as the front desk search."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from familydesk import registry
from familydesk.i18n import _, format_date
from familydesk.registry import FamilyDetail, PersonHit, search_page
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.table_model import Column, LazyTableModel

RESULTS = 20


def hit_columns() -> list[Column]:
    return [
        Column(lambda: _("Person"), lambda h: f"{h.surname} {h.given_name}"),
        Column(lambda: _("Born"), lambda h: format_date(h.birth_date)),
        Column(lambda: _("Family"), lambda h: h.family_name),
        Column(lambda: _("Comune"), lambda h: h.comune),
    ]


class PersonPicker(QWidget):
    """``chosen()`` when a family is picked; :meth:`value` gives (family_id, person_id)."""

    chosen = Signal()

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.family: FamilyDetail | None = None
        self.search = QLineEdit()
        self.search.setObjectName("personSearch")
        self.search.setClearButtonEnabled(True)
        self.model = LazyTableModel(
            runner, search_page, hit_columns(), page_size=RESULTS, parent=self
        )
        self.results = record_table(self.model)
        self.results.setObjectName("personResults")
        self.results.setMaximumHeight(130)
        self.results.hide()
        self.family_label = QLabel()
        self.family_label.setObjectName("okLabel")
        self.member = QComboBox()
        self.member.setObjectName("memberChoice")
        self.member.hide()
        chosen = QHBoxLayout()
        chosen.addWidget(self.family_label, 1)
        chosen.addWidget(self.member, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addLayout(chosen)
        self.search.textChanged.connect(self._typed)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.doubleClicked.connect(lambda index: self.choose_row(index.row()))
        self.setFocusProxy(self.search)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Surname, given name, tax code or phone; ↓ to choose"))
        self.model.retranslate()
        if self.member.count():
            self.member.setItemText(0, _("The whole family"))
        self._show_family()

    # -- searching ---------------------------------------------------------------
    def _typed(self, text: str) -> None:
        searching = len(text.strip()) >= 2
        self.results.setVisible(searching)
        if searching:
            self.model.reload(text=text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Down and self.model.rowCount():
                self.results.setFocus()
                self.results.selectRow(0)
                return True
            if (
                watched is self.search
                and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.results.isVisible()
            ):
                # One found: Enter takes it. Several and none highlighted: Enter does nothing
                # (Down goes to the first) and never reaches the dialog's default button.
                if self.model.rowCount() == 1:
                    self.choose_row(0)
                return True
            if watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                rows = self.results.selectionModel().selectedRows()
                if rows:
                    self.choose_row(rows[0].row())
                    return True
        return super().eventFilter(watched, event)

    def choose_row(self, row: int) -> None:
        hit: PersonHit = self.model.row_at(row)
        self.set_family(hit.family_id, hit.person_id)

    # -- the family chosen -------------------------------------------------------
    def set_family(self, family_id: int, person_id: int | None = None) -> None:
        """Load the family and preselect ``person_id`` (None: the whole family)."""
        self.runner.read(
            registry.get_family,
            family_id,
            owner=self,
            on_done=lambda detail: self._family_loaded(detail, person_id),
        )

    def _family_loaded(self, detail: FamilyDetail, person_id: int | None) -> None:
        self.family = detail
        self.member.clear()
        self.member.addItem(_("The whole family"), None)
        for member in detail.members:
            self.member.addItem(f"{member.last_name} {member.first_name}", member.id)
        self.member.setCurrentIndex(max(0, self.member.findData(person_id)) if person_id else 0)
        self.member.show()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.results.hide()
        self._show_family()
        self.member.setFocus()
        self.chosen.emit()

    def _show_family(self) -> None:
        if self.family is None:
            self.family_label.setText(
                _("No family chosen (the appointment can be booked without).")
            )
            self.family_label.setObjectName("countLabel")
        else:
            self.family_label.setText(_("Family {name}").format(name=self.family.name))
            self.family_label.setObjectName("okLabel")
        self.family_label.style().unpolish(self.family_label)
        self.family_label.style().polish(self.family_label)

    def value(self) -> tuple[int | None, int | None]:
        if self.family is None:
            return None, None
        return self.family.id, self.member.currentData()

    def clear_family(self) -> None:
        self.family = None
        self.member.clear()
        self.member.hide()
        self._show_family()

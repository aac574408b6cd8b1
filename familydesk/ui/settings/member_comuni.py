"""Settings: the member comuni of the consortium (added from the list of Italy's comuni)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from familydesk.i18n import _
from familydesk.italy import comuni
from familydesk.kernel.errors import ValidationError
from familydesk.registry import centre
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.table_model import Column, LazyTableModel


def _label(info: comuni.ComuneInfo) -> str:
    return f"{info.name} ({info.province})"


class MemberComuniBox(QGroupBox):
    """The member comuni in a list; a comune typed (completed from the list of Italy's
    comuni) is added, the selected one removed."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._comuni_by_label: dict[str, comuni.ComuneInfo] = {}
        box = QVBoxLayout(self)
        self.comuni_model = LazyTableModel(
            self.runner,
            centre.member_comuni_page,
            [
                Column(lambda: _("Comune"), lambda r: r.name),
                Column(lambda: _("Province"), lambda r: r.province),
                Column(lambda: _("Cadastral code"), lambda r: r.cadastral_code),
            ],
            parent=self,
        )
        self.comuni_model.failed.connect(lambda exc: show_error(self, exc))
        self.comuni_table = QTableView()
        self.comuni_table.setModel(self.comuni_model)
        self.comuni_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.comuni_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.comuni_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comuni_table.verticalHeader().hide()
        header = self.comuni_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.comuni_table.setMinimumHeight(180)
        box.addWidget(self.comuni_table)
        self.comune_input = QLineEdit()
        self.comune_input.setObjectName("comuneInput")
        self._completer_model = QStringListModel(self)
        completer = QCompleter(self._completer_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.comune_input.setCompleter(completer)
        self.add_comune = QPushButton()
        self.remove_comune = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.comune_input, 1)
        row.addWidget(self.add_comune)
        row.addWidget(self.remove_comune)
        box.addLayout(row)
        self.comuni_error = QLabel()
        self.comuni_error.setObjectName("errorLabel")
        box.addWidget(self.comuni_error)
        self.add_comune.clicked.connect(self.add_selected_comune)
        self.comune_input.returnPressed.connect(self.add_selected_comune)
        self.remove_comune.clicked.connect(self.remove_selected_comune)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Member comuni"))
        self.comune_input.setPlaceholderText(_("Type a comune, e.g. Suzzara"))
        self.add_comune.setText(_("Add"))
        self.remove_comune.setText(_("Remove selected"))
        self.comuni_model.retranslate()

    def load(self) -> None:
        """The member comuni, and every comune of Italy for the completer."""
        self.comuni_model.reload()
        self.runner.read(
            lambda _session: comuni.all_comuni(), on_done=self._fill_completer, owner=self
        )

    def _fill_completer(self, infos: tuple[comuni.ComuneInfo, ...]) -> None:
        self._comuni_by_label = {_label(info): info for info in infos}
        self._completer_model.setStringList(list(self._comuni_by_label))

    def add_selected_comune(self) -> None:
        self.comuni_error.clear()
        text = self.comune_input.text().strip()
        info = self._comuni_by_label.get(text)
        if info is None:
            matches = [
                i
                for label, i in self._comuni_by_label.items()
                if label.lower().startswith(text.lower())
            ]
            info = matches[0] if len(matches) == 1 else None
        if info is None:
            self.comuni_error.setText(
                _("Comune: choose a comune from the list, e.g. “Suzzara (MN)”.")
            )
            return
        self.runner.write(
            centre.add_member_comune,
            info.name,
            info.province,
            info.cadastral_code,
            on_done=lambda _row: self._comune_added(),
            on_error=self._comune_failed,
            owner=self,
        )

    def _comune_added(self) -> None:
        self.comune_input.clear()
        self.comuni_model.reload()

    def _comune_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.comuni_error.setText(exc.message)
        else:
            show_error(self, exc)

    def remove_selected_comune(self) -> None:
        rows = self.comuni_table.selectionModel().selectedRows()
        if not rows:
            self.comuni_error.setText(_("Select a comune in the list first."))
            return
        row = self.comuni_model.row_at(rows[0].row())
        self.runner.write(
            centre.remove_member_comune,
            row.id,
            row.version,
            on_done=lambda _none: self.comuni_model.reload(),
            on_error=self._comune_failed,
            owner=self,
        )

"""Settings → Operators (administrators only): who may sign in, with which role."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.trust import operators
from familydesk.trust.operators import OperatorInfo
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import ErrorLine, record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def _state(info: OperatorInfo) -> str:
    return _("active") if info.active else _("disabled")


class OperatorDialog(QDialog):
    """A new operator (``username`` given: a new password for that operator)."""

    def __init__(
        self, runner: Runner, username: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.username = username
        self.name, self.full_name = QLineEdit(), QLineEdit()
        self.name.setObjectName("username")
        self.role = QComboBox()
        for key, label in operators.ROLES.items():
            self.role.addItem(_(label), key)
        self.password, self.repeat = QLineEdit(), QLineEdit()
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        if username is None:
            form.addRow(_("&Name (to sign in)"), self.name)
            form.addRow(_("Full name"), self.full_name)
            form.addRow(_("&Role"), self.role)
        form.addRow(_("&Password"), self.password)
        form.addRow(_("Repeat the password"), self.repeat)
        self.error = ErrorLine()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(
            _("New operator")
            if username is None
            else _("New password for {name}").format(name=username)
        )

    def save(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.show_message(_("The two passwords differ."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        if self.username is None:
            self.runner.write(
                operators.add_operator,
                self.name.text(),
                self.role.currentData(),
                self.password.text(),
                self.full_name.text(),
                on_done=lambda _r: self.accept(),
                on_error=self._failed,
                owner=self,
            )
        else:
            self.runner.write(
                operators.set_password,
                self.username,
                self.password.text(),
                on_done=lambda _r: self.accept(),
                on_error=self._failed,
                owner=self,
            )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.error.show_message(exc.message)
            {"username": self.name, "password": self.password}.get(exc.field, self.name).setFocus()
        else:
            show_error(self, exc)


class OperatorsBox(QGroupBox):
    """The list of operators with Add, New password and Disable/Enable."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.model = RowsTableModel(
            [
                Column(lambda: _("Name"), lambda o: o.username),
                Column(lambda: _("Full name"), lambda o: o.full_name),
                Column(lambda: _("Role"), lambda o: _(operators.ROLES[o.role])),
                Column(lambda: _("State"), _state),
            ],
            self,
        )
        self.table = record_table(self.model, resize=QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.add_button, self.password_button, self.toggle_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.add_button.clicked.connect(self.add_operator)
        self.password_button.clicked.connect(self.new_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.password_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self._selection()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Operators"))
        self.note.setText(
            _(
                "Who may sign in and with which role. Five wrong passwords lock an account for "
                "15 minutes; a new password lifts the lock."
            )
        )
        self.add_button.setText(_("&Add operator…"))
        self.password_button.setText(_("New password…"))
        self.model.retranslate()
        self._selection()

    def load(self) -> None:
        self.runner.read(operators.list_operators, on_done=self._show, owner=self)

    def _show(self, rows: list[OperatorInfo]) -> None:
        self.model.set_rows(rows)
        self._selection()

    def selected(self) -> OperatorInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection(self) -> None:
        info = self.selected()
        self.password_button.setEnabled(info is not None)
        self.toggle_button.setEnabled(
            info is not None and info.username != self.runner.database.operator
        )
        self.toggle_button.setText(
            _("Enable") if info is not None and not info.active else _("Disable")
        )

    def add_operator(self) -> None:
        dialog = OperatorDialog(self.runner, None, self)
        dialog.accepted.connect(self.load)
        dialog.open()

    def new_password(self) -> None:
        info = self.selected()
        if info is not None:
            dialog = OperatorDialog(self.runner, info.username, self)
            dialog.accepted.connect(self.load)
            dialog.open()

    def toggle_active(self) -> None:
        info = self.selected()
        if info is not None:
            self.runner.write(
                operators.set_active,
                info.username,
                not info.active,
                on_done=lambda _r: self.load(),
                owner=self,
            )

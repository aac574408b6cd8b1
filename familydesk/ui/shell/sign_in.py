"""Signing in at start, creating the first administrator of a new database, and the locked
screen."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from familydesk.db.database import Database
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.trust import operators
from familydesk.trust.acting import FIRST_ADMIN, as_system
from familydesk.ui.widgets.fields import ErrorLine


class SignInDialog(QDialog):
    """Name and password; ``first_admin`` mode creates the administrator instead."""

    def __init__(
        self,
        database: Database,
        first_admin: bool = False,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.first_admin = first_admin
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        form.addRow(self.labels[0], self.name)
        form.addRow(self.labels[1], self.password)
        if first_admin:
            form.addRow(self.labels[2], self.repeat)
        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("banner")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setVisible(demo)
        #: Who the demo made, read from the database before any window opens (sign-in time).
        self.demo_names: list[str] = []
        if demo:
            from familydesk.demo.operators import demo_operators

            self.demo_names = database.read(demo_operators)
        self.error = ErrorLine()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.demo_hint):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Create the administrator") if self.first_admin else _("Sign in"))
        self.intro.setText(
            _(
                "This database has no operator yet. Create the administrator, who will then add "
                "the other operators."
            )
            if self.first_admin
            else _("Sign in with your FamilyDesk name and password.")
        )
        self.labels[0].setText(_("Name"))
        self.labels[1].setText(_("Password"))
        self.labels[2].setText(_("Repeat the password"))
        self.demo_hint.setText(
            _("Demo database: sign in as {names}, password “demo”.").format(
                names=", ".join(self.demo_names)
            )
        )

    def submit(self) -> None:
        name, password = self.name.text(), self.password.text()
        try:
            if self.first_admin:
                if password != self.repeat.text():
                    raise FamilyDeskError(_("The two passwords differ: nothing was changed."))
                with as_system(FIRST_ADMIN):
                    self.database.write(operators.add_operator, name, "admin", password)
            operators.sign_in(self.database, name, password)
        except FamilyDeskError as exc:
            self.error.show_message(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


def sign_in_at_start(database: Database, smoke: bool = False) -> bool:
    """Sign in before the main window opens; False when the operator gave up.

    ``FAMILYDESK_OPERATOR`` and ``FAMILYDESK_PASSWORD`` sign in without the dialog
    (scripts, ``--smoke``); on a database without operators they create that
    administrator, as the first-start dialog would.
    """
    has_operators = database.read(operators.count_operators) > 0
    name = os.environ.get("FAMILYDESK_OPERATOR")
    password = os.environ.get("FAMILYDESK_PASSWORD", "")
    if name and password and not has_operators:
        with as_system(FIRST_ADMIN):
            database.write(operators.add_operator, name, "admin", password)
        has_operators = True
    if name and has_operators:
        operators.sign_in(database, name, password)
        return True
    if smoke:
        raise FamilyDeskError(
            _("--smoke signs in without a dialog: set FAMILYDESK_OPERATOR and FAMILYDESK_PASSWORD.")
        )
    demo = has_operators and database.read(operators.is_demo)
    dialog = SignInDialog(database, first_admin=not has_operators, demo=demo)
    return dialog.exec() == QDialog.DialogCode.Accepted


class LockDialog(SignInDialog):
    """The locked screen: the signed-in operator's password, or someone else's name and password.

    It cannot be dismissed (Esc and the close button do nothing): only a
    successful sign-in closes it. Wrong passwords count toward the lock-out
    as at start; ``database.operator`` and ``role`` change only on success.
    """

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        self.locked_for = database.operator
        #: Asked before another operator may sign in (False keeps the screen locked for
        #: the same one): the window's unsaved work is saved or discarded first.
        self.before_switch: Callable[[], bool] = lambda: True
        super().__init__(database, parent=parent)
        self.setObjectName("lockDialog")
        self.name.setText(self.locked_for)
        self.name.setReadOnly(True)
        box = self.findChild(QDialogButtonBox)
        assert box is not None
        box.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.switch_button = box.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.switch_button.setObjectName("switchOperator")
        self.switch_button.clicked.connect(self.switch_operator)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.retranslate_ui()
        self.password.setFocus()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("FamilyDesk is locked"))
        if getattr(self, "locked_for", None) is not None:
            self.intro.setText(
                _(
                    "The screen was locked to protect the families' data. {name}, enter your "
                    "password to continue, or sign in as someone else."
                ).format(name=self.locked_for)
            )
        if hasattr(self, "switch_button"):
            self.switch_button.setText(_("Sign in as someone else"))

    def switch_operator(self) -> None:
        """Let another operator sign in (the window is then rebuilt for their role)."""
        if not self.before_switch():
            return
        self.name.setReadOnly(False)
        self.name.clear()
        self.password.clear()
        self.switch_button.setEnabled(False)
        self.name.setFocus()

    def submit(self) -> None:
        try:
            operators.sign_in(self.database, self.name.text(), self.password.text())
        except FamilyDeskError as exc:
            self.error.show_message(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def reject(self) -> None:
        """Esc does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        event.ignore()

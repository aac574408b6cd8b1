"""Unlocking an encrypted database at start, before the sign-in."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from familydesk import APP_NAME
from familydesk.db import encryption, encryption_keys
from familydesk.db.location import resolve_database_url
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.kernel.paths import demo_database_path
from familydesk.ui.widgets.fields import ErrorLine


class UnlockDialog(QDialog):
    """Asks for the passphrase (or the recovery key) until it unlocks ``path``."""

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setObjectName("passphrase")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.label = QLabel()
        self.label.setBuddy(self.secret)
        form = QFormLayout()
        form.addRow(self.label, self.secret)
        self.error = ErrorLine()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("{app}: encrypted database").format(app=APP_NAME))
        self.intro.setText(
            _(
                "The database {path} is encrypted. Type its passphrase, or the recovery key "
                "kept by the data controller."
            ).format(path=self.path)
        )
        self.label.setText(_("&Passphrase"))

    def submit(self) -> None:
        """Unlock with what was typed; a wrong passphrase keeps the dialog open with the reason."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            encryption_keys.unlock(self.path, self.secret.text())
        except FamilyDeskError as exc:
            self.error.show_message(exc.message)
            self.secret.selectAll()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()


def unlock_at_start(location: str | None, demo: bool, smoke: bool) -> bool:
    """Unlock the database about to be opened if it is encrypted; False if the operator gave up.

    ``FAMILYDESK_DB_PASSPHRASE`` is used when set (a wrong one raises
    ``EncryptionError``); ``smoke`` never shows the dialog.
    """
    if demo and location is None:
        location = str(demo_database_path())
    url = resolve_database_url(location)
    if url.get_backend_name() != "sqlite" or not encryption.needs_key(str(url.database)):
        return True
    path = str(url.database)
    if os.environ.get("FAMILYDESK_DB_PASSPHRASE"):
        encryption_keys.unlock(path, os.environ["FAMILYDESK_DB_PASSPHRASE"])
        return True
    if smoke:
        raise encryption.LockedDatabaseError(
            _("The database {path} is encrypted: set FAMILYDESK_DB_PASSPHRASE.").format(path=path)
        )
    return UnlockDialog(path).exec() == QDialog.DialogCode.Accepted

"""Settings: the "Encryption at rest" box (state, and how an administrator turns it on)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from familydesk.db import encryption
from familydesk.i18n import _
from familydesk.ui.widgets.page import PageContext


class EncryptionBox(QGroupBox):
    """Shows whether the open database is encrypted.

    Encrypting or changing the passphrase is done with ``familydesk encrypt``
    while FamilyDesk is closed: the file is rewritten and every connection
    must be closed, and the recovery key is printed once in the terminal. The
    box says so to administrators; without the sqlcipher3 module it is
    disabled and says why.
    """

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encryptionBox")
        self.context = context
        self.state = QLabel()
        self.state.setObjectName("encryptionState")
        self.state.setWordWrap(True)
        self.how = QLabel()
        self.how.setObjectName("encryptionHow")
        self.how.setWordWrap(True)
        self.how.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.how)
        context.language.changed.connect(self._language_changed)  # dropped when destroyed
        self.retranslate_ui()

    def _language_changed(self, _code: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Encryption at rest"))
        database = self.context.runner.database
        ok, reason = encryption.available()
        admin = self.context.role == "admin"
        self.setEnabled(True)
        if database.backend.name != "sqlite":
            state = _("A PostgreSQL server: protect its disk with the server's own encryption.")
            how = ""
        elif database.encrypted:
            state = _(
                "This database is encrypted: without the passphrase or the recovery key "
                "its file and its backups cannot be read."
            )
            how = (
                _(
                    "To change the passphrase, close FamilyDesk and run: "
                    "familydesk encrypt --change-passphrase"
                )
                if admin
                else ""
            )
        elif not ok:
            state, how = reason, ""
            self.setEnabled(False)
        else:
            state = _("This database is not encrypted: anyone who copies its file can read it.")
            how = (
                _(
                    "To encrypt it, close FamilyDesk and run: familydesk encrypt (the recovery "
                    "key is shown once, for the data controller)."
                )
                if admin
                else ""
            )
        self.state.setText(state)
        self.how.setText(how)
        self.how.setVisible(bool(how))

"""The detail of the audit entry selected: everything in words, then its uid to copy or filter
by."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from familydesk.i18n import _
from familydesk.privacy.trail.words import (
    AuditLine,
    action_text,
    detail_text,
    stored_parts,
    what_text,
    who_text,
)


class AuditDetail(QWidget):
    """The selected entry (``show_line``); ``filter_requested(uid)`` asks for that record's
    trail."""

    filter_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line: AuditLine | None = None
        self.text = QLabel()
        self.text.setObjectName("auditDetail")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("auditCopyUid")
        self.filter_button = QPushButton()
        self.filter_button.setObjectName("auditFilterRecord")
        buttons = QVBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.filter_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self.copy_uid)
        self.filter_button.clicked.connect(self._filter)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.copy_button.setText(_("Copy uid"))
        self.copy_button.setToolTip(
            _("Copy the record's uid, to paste it in a message or a filter.")
        )
        self.filter_button.setText(_("This record's trail"))
        self.filter_button.setToolTip(_("Show only the entries about this record."))
        self.show_line(self.line)

    def show_line(self, line: AuditLine | None) -> None:
        self.line = line
        has_uid = bool(line and line.entry.record_uid)
        self.copy_button.setEnabled(has_uid)
        self.filter_button.setEnabled(has_uid)
        if line is None:
            self.text.setText(_("Select an entry to see its details."))
            return
        said = " — ".join(
            part for part in (who_text(line), what_text(line), action_text(line)) if part
        )
        self.text.setText(said + "\n" + "  ·  ".join(stored_parts(line)))
        self.text.setToolTip(detail_text(line))

    def uid(self) -> str:
        return self.line.entry.record_uid if self.line else ""

    def copy_uid(self) -> None:
        if self.uid():
            QGuiApplication.clipboard().setText(self.uid())

    def _filter(self) -> None:
        if self.uid():
            self.filter_requested.emit(self.uid())

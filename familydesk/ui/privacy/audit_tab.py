"""The audit trail tab (Privacy and audit page): filters, a lazy list, the chain check.

Filtering by a person (uid or tax code) is itself written in the trail, so
those queries go through the runner's writer; the others are plain reads.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.admin import backups
from familydesk.i18n import _, format_datetime, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError
from familydesk.privacy.trail.vocabulary import ACTIONS
from familydesk.privacy.trail.words import (
    action_text,
    changes_text,
    described_page,
    what_text,
    who_text,
)
from familydesk.trust import audit
from familydesk.trust.audit import seal as audit_seal
from familydesk.trust.audit.query import audit_operators
from familydesk.ui.privacy.audit_detail import AuditDetail
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.fields import DateField, ErrorLine, record_table
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, LazyTableModel


def audit_columns() -> list[Column]:
    """When, who acted, then the entry in words: the person or family, the record, the action,
    the fields (the uid is in the detail below the table)."""
    return [
        Column(lambda: _("When"), lambda r: format_datetime(r.entry.at)),
        Column(lambda: _("Operator"), lambda r: r.entry.operator or "-"),
        Column(lambda: _("Who"), who_text),
        Column(lambda: _("What"), what_text),
        Column(lambda: _("Action"), action_text),
        Column(lambda: _("Changes"), changes_text),
    ]


class AuditModel(LazyTableModel):
    """The trail page by page; a person filter is read through the writer (it is audited)."""

    def _request(self, offset: int, generation: int, replace: bool) -> None:
        if not str(self._filters.get("record", "")).strip():
            super()._request(offset, generation, replace)
            return
        self._loading = True
        self._runner.write(
            self._fetch,
            offset,
            self._page_size,
            **self._filters,
            on_done=lambda page: self._arrived(page, generation, replace),
            on_error=self._error,
            owner=self,
        )


class AuditTab(QWidget):
    """Who did what, when: filter by operator, action, record or person, and period."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = context.runner
        self.operator = QComboBox()
        self.operator.setObjectName("auditOperator")
        self.operator.setMinimumContentsLength(14)
        self.operator.addItem("", "")
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem("", "")
        for key in ACTIONS:
            self.action.addItem("", key)
        self.record = QLineEdit()
        self.record.setObjectName("auditRecord")
        self.record.setClearButtonEnabled(True)
        self.since, self.until = DateField(), DateField()
        self.since.setObjectName("auditSince")
        self.until.setObjectName("auditUntil")
        self.show_button = QPushButton()
        self.show_button.setObjectName("auditShow")
        self.show_button.setDefault(True)
        self.labels = [QLabel() for _i in range(5)]
        filters = QGridLayout()
        for column, (label, widget) in enumerate(
            zip(
                self.labels,
                (self.operator, self.action, self.record, self.since, self.until),
                strict=True,
            )
        ):
            filters.addWidget(label, 0, column)
            filters.addWidget(widget, 1, column)
        filters.addWidget(self.show_button, 1, 5)
        filters.setColumnStretch(2, 1)
        self.error = ErrorLine()
        self.count = QLabel()
        self.count.setObjectName("auditCount")

        self.model = AuditModel(
            self.runner, described_page, audit_columns(), parent=self, tooltips=True
        )
        self.model.loaded.connect(lambda _total: self._show_count())
        self.model.failed.connect(self._failed)
        self.table = record_table(
            self.model, single=False, alternate=True, resize=QHeaderView.ResizeMode.Interactive
        )
        self.table.setObjectName("auditTable")
        # What takes the room left: at 1366 px every column fits without scrolling sideways.
        for column, width in enumerate((128, 100, 240, 0, 150, 190)):
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.detail = AuditDetail()
        self.detail.filter_requested.connect(self.filter_record)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(lambda: self.detail.show_line(None))
        copy = QAction(self.table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.detail.copy_uid)
        self.table.addAction(copy)

        self.verify_button = QPushButton()
        self.verify_button.setObjectName("auditVerify")
        self.verify_result = QLabel()
        self.verify_result.setObjectName("auditVerifyResult")
        self.verify_result.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.verify_result, 3)
        bottom.addWidget(self.verify_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(bottom)

        self.show_button.clicked.connect(self.apply_filters)
        for edit in (self.record, self.since, self.until):
            edit.returnPressed.connect(self.apply_filters)
        for combo in (self.operator, self.action):
            combo.activated.connect(lambda _index: self.apply_filters())
        self.verify_button.clicked.connect(self.verify)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for label, text in zip(
            self.labels,
            (_("Operator"), _("Action"), _("Record or person"), _("From"), _("To")),
            strict=True,
        ):
            label.setText(text)
        self.operator.setItemText(0, _("All operators"))
        self.action.setItemText(0, _("All actions"))
        for index in range(1, self.action.count()):
            self.action.setItemText(index, _(ACTIONS[self.action.itemData(index)]))
        self.record.setPlaceholderText(_("Record uid, or a person's uid or tax code"))
        self.record.setToolTip(
            _(
                "A person shows their record, family and consents. Reading a person's trail is "
                "itself written in the audit trail."
            )
        )
        for field in (self.since, self.until):
            field.retranslate_ui()
        self.show_button.setText(_("Show"))
        self.verify_button.setText(_("Verify chain"))
        self.model.retranslate()
        self.detail.retranslate_ui()
        self._show_count()

    # -- loading -----------------------------------------------------------
    def load(self) -> None:
        """Fill the operator list and show the trail with the current filters."""
        self.runner.read(audit_operators, on_done=self._fill_operators, owner=self)
        self.apply_filters()

    def filters(self) -> dict[str, Any]:
        """The filters as ``audit_page`` takes them; ``ValueError`` (translated) for a bad date."""
        return {
            "operator": self.operator.currentData() or "",
            "action": self.action.currentData() or "",
            "record": self.record.text().strip(),
            "since": self.since.value(),
            "until": self.until.value(),
        }

    def apply_filters(self) -> None:
        try:
            filters = self.filters()
        except ValueError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.model.reload(**filters)

    def filter_record(self, uid: str) -> None:
        """Show only the entries about the record ``uid`` (a person's: also family, consents)."""
        self.record.setText(uid)
        self.apply_filters()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rows = self.model.rowCount()
        self.detail.show_line(
            self.model.row_at(current.row()) if 0 <= current.row() < rows else None
        )

    def _fill_operators(self, names: list[str]) -> None:
        current = self.operator.currentData() or ""
        self.operator.blockSignals(True)
        while self.operator.count() > 1:
            self.operator.removeItem(1)
        for name in names:
            self.operator.addItem(name, name)
        self.operator.setCurrentIndex(max(0, self.operator.findData(current)))
        self.operator.blockSignals(False)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FamilyDeskError):
            self.error.show_message(exc.message)
            self.model.set_rows([])
            self._show_count()
        else:
            show_error(self, exc)

    def _show_count(self) -> None:
        total = self.model.total if self.model.rowCount() else 0
        self.count.setText(
            ngettext("{count} entry", "{count} entries", total).format(count=format_number(total))
            if total
            else _("No entries")
        )

    # -- chain check -------------------------------------------------------
    def verify(self) -> None:
        """Check the whole chain (``audit.verify``) and say the outcome next to the button."""
        self.verify_result.setText(_("Checking…"))
        self.runner.read(
            audit_seal.verify_with_seals,
            backups.folder(),
            on_done=self._verified,
            on_error=self._failed,
            owner=self,
        )

    def _verified(self, problems: list[audit.Problem]) -> None:
        if problems:
            text = _("⚠ Chain broken: {problem}").format(problem=problems[0].message)
        else:
            text = _("✓ The audit trail is intact: no entry was edited, removed or inserted.")
        self.verify_result.setText(text)
        self.verify_result.setProperty("warning", bool(problems))
        self.verify_result.setStyleSheet("color: #b3261e; font-weight: 600;" if problems else "")

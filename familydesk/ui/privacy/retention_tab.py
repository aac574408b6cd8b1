"""Retention tab: how long each kind of record is kept, what would go now, and
applying the rules (coordinators and admins, ``PRIVACY_MANAGE``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.privacy import retention
from familydesk.privacy.retention import PreviewRow, PurgeSummary, RuleRow
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, RowsTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def save_rules(session: Session, changes: list[tuple[str, int, int]]) -> list[RuleRow]:
    """Save several rules in one write (all or none); runs on the writer thread."""
    for kind, months, version in changes:
        retention.set_retention(session, kind, months, version)
    return retention.retention_rules(session)


def _samples(row: PreviewRow) -> str:
    return "; ".join(f"{s.uid[:8]} {s.description}" for s in row.samples)


class RetentionTab(QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = context.runner
        self._rules: list[RuleRow] = []
        self.spins: dict[str, QSpinBox] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.rules_model = RowsTableModel(
            [
                Column(lambda: _("Kind of record"), lambda r: r.label),
                Column(lambda: _("Months kept"), lambda r: ""),
                Column(lambda: _("Default"), lambda r: r.default_months, _RIGHT),
                Column(lambda: _("How it is counted"), lambda r: r.explanation),
            ],
            self,
        )
        self.rules_view = self._table(self.rules_model)
        self.rules_view.setObjectName("retentionRules")
        self.preview_model = RowsTableModel(
            [
                Column(lambda: _("Kind of record"), lambda r: r.label),
                Column(lambda: _("Records"), lambda r: format_number(r.count), _RIGHT),
                Column(lambda: _("Cut-off date"), lambda r: format_date(r.cutoff)),
                Column(lambda: _("For example"), _samples),
            ],
            self,
        )
        self.preview_view = self._table(self.preview_model)
        self.preview_view.setObjectName("retentionPreview")
        self.save_button, self.preview_button = QPushButton(), QPushButton()
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("applyRetention")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(self.preview)
        self.apply_button.clicked.connect(self.apply_now)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.preview_button, self.apply_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.rules_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.preview_view, 1)
        self.retranslate_ui()

    def _table(self, model: RowsTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.verticalHeader().hide()
        # Rows follow the wrapped text as the columns settle (not a stale first guess).
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setWordWrap(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return view

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "How long FamilyDesk keeps each kind of record, in months. Past that time the "
                "records are anonymised (statistics stay) or deleted. The audit trail is never "
                "deleted: it is kept at least 24 months."
            )
        )
        self.save_button.setText(_("&Save rules"))
        self.preview_button.setText(_("&Preview"))
        self.apply_button.setText(_("&Apply now…"))
        for model in (self.rules_model, self.preview_model):
            model.retranslate()

    # -- rules -------------------------------------------------------------
    def load(self) -> None:
        self.runner.read(
            retention.retention_rules, on_done=self._show_rules, on_error=self._failed, owner=self
        )

    def _show_rules(self, rules: list[RuleRow]) -> None:
        self._rules = rules
        self.rules_model.set_rows(rules)
        self.spins = {}
        for row, rule in enumerate(rules):
            spin = QSpinBox()
            spin.setRange(retention.MIN_MONTHS, retention.MAX_MONTHS)
            spin.setValue(rule.months)
            spin.setObjectName(f"months_{rule.kind}")
            self.rules_view.setIndexWidget(self.rules_model.index(row, 1), spin)
            self.spins[rule.kind] = spin
        self.rules_view.resizeColumnsToContents()
        self.rules_view.resizeRowsToContents()

    def changes(self) -> list[tuple[str, int, int]]:
        return [
            (rule.kind, self.spins[rule.kind].value(), rule.version)
            for rule in self._rules
            if self.spins[rule.kind].value() != rule.months
        ]

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.status.setText(_("Nothing to save: the rules are as shown."))
            return
        self.runner.write(
            save_rules, changes, on_done=self._saved, on_error=self._failed, owner=self
        )

    def _saved(self, rules: list[RuleRow]) -> None:
        self._show_rules(rules)
        self.status.setText(_("Retention rules saved."))

    # -- preview and apply -------------------------------------------------
    def preview(self) -> None:
        self.runner.read(
            retention.retention_preview,
            on_done=self._show_preview,
            on_error=self._failed,
            owner=self,
        )

    def _show_preview(self, rows: list[PreviewRow]) -> None:
        self.preview_model.set_rows(rows)
        self.preview_view.resizeRowsToContents()
        total = sum(row.count for row in rows)
        self.status.setText(
            ngettext(
                "With the saved rules, {n} record would be anonymised or deleted now.",
                "With the saved rules, {n} records would be anonymised or deleted now.",
                total,
            ).format(n=format_number(total))
            if total
            else _("With the saved rules, no record would be anonymised or deleted now.")
        )

    def apply_now(self) -> None:
        """Ask with the number of records at stake, then apply the saved rules."""
        self.runner.read(
            retention.retention_preview, on_done=self._confirm, on_error=self._failed, owner=self
        )

    def _confirm(self, rows: list[PreviewRow]) -> None:
        self._show_preview(rows)
        total = sum(row.count for row in rows)
        if total == 0:
            self.status.setText(_("No record is past its retention period: nothing to do."))
            return
        question = ngettext(
            "Apply the retention rules now? {n} record will be anonymised or deleted. "
            "This cannot be undone.",
            "Apply the retention rules now? {n} records will be anonymised or deleted. "
            "This cannot be undone.",
            total,
        ).format(n=format_number(total))
        answer = QMessageBox.question(
            self,
            _("Retention periods"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.runner.write(
                retention.apply_retention, on_done=self._applied, on_error=self._failed, owner=self
            )

    def _applied(self, summary: PurgeSummary) -> None:
        self.preview()
        self.status.setText(
            ngettext(
                "{n} record anonymised or deleted.",
                "{n} records anonymised or deleted.",
                summary.total,
            ).format(n=format_number(summary.total))
            if summary.total
            else _("No record anonymised or deleted.")
        )

    def _failed(self, exc: Any) -> None:
        show_error(self, exc)

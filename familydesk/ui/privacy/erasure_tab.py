"""Erasure requests (GDPR art. 17): the coordinator's list with "Carry out" and
"Refuse…", and :func:`record_request_dialog` for the desk (family detail)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from familydesk.i18n import _, format_date
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.privacy import erasure
from familydesk.privacy.erasure import REFUSAL_GROUNDS, STATUSES, ErasureRow
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField
from familydesk.ui.widgets.form_dialog import FormDialog
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def _person(row: ErasureRow) -> str:
    return row.person_name or _("(anonymised) {uid}").format(uid=row.person_uid[:8])


def _decision(row: ErasureRow) -> str:
    if row.status == "refused":
        ground = _(REFUSAL_GROUNDS.get(row.refusal_ground, row.refusal_ground))
        return f"{ground} {row.refusal_note}".strip()
    return ""


class ErasureTab(QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = context.runner
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = RowsTableModel(
            [
                Column(lambda: _("No."), lambda r: r.id),
                Column(lambda: _("Received on"), lambda r: format_date(r.received_on)),
                Column(lambda: _("Person"), _person),
                Column(lambda: _("Requested by"), lambda r: r.requested_by),
                Column(lambda: _("Status"), lambda r: _(STATUSES[r.status])),
                Column(lambda: _("Decided on"), lambda r: format_date(r.decided_on)),
                Column(lambda: _("Decided by"), lambda r: r.decided_by),
                Column(lambda: _("Ground for refusal"), _decision),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setObjectName("erasureRequests")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.carry_button, self.refuse_button = QPushButton(), QPushButton()
        self.carry_button.clicked.connect(self.carry_out)
        self.refuse_button.clicked.connect(self.refuse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.carry_button)
        buttons.addWidget(self.refuse_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "Requests to erase a person's data (right to be forgotten, GDPR art. 17). "
                "Carrying one out anonymises the person, and the family when no other member "
                "is left; a refusal needs a ground of art. 17(3)."
            )
        )
        self.carry_button.setText(_("&Carry out…"))
        self.refuse_button.setText(_("&Refuse…"))
        self.model.retranslate()

    def load(self) -> None:
        self.runner.read(
            erasure.list_erasure_requests, on_done=self._show, on_error=self._failed, owner=self
        )

    def _show(self, rows: list[ErasureRow]) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def selected(self) -> ErasureRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        is_open = row is not None and row.status == "open"
        self.carry_button.setEnabled(is_open)
        self.refuse_button.setEnabled(is_open)

    def carry_out(self) -> None:
        row = self.selected()
        if row is None or row.status != "open":
            return
        question = _(
            "Carry out erasure request {id}? The person's names, codes and contacts are "
            "removed for good (their family's too when nobody else is left); statistics stay. "
            "This cannot be undone."
        ).format(id=row.id)
        answer = QMessageBox.question(
            self,
            _("Erasure request"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.runner.write(
                erasure.carry_out_erasure,
                row.id,
                row.version,
                on_done=lambda _r: self.load(),
                on_error=self._failed,
                owner=self,
            )

    def refuse(self) -> None:
        row = self.selected()
        if row is None or row.status != "open":
            return
        dialog = RefuseDialog(self.runner, row, self)
        dialog.saved.connect(lambda _r: self.load())
        dialog.open()
        self.refuse_dialog = dialog

    def _failed(self, exc: Any) -> None:
        show_error(self, exc)


class RefuseDialog(FormDialog):
    """The ground of art. 17(3) (required) and a short note."""

    def __init__(self, runner: Runner, row: ErasureRow, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.row = row
        self.ground = QComboBox()
        self.ground.setObjectName("ground")
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        self.ground_label, self.note_label = QLabel(), QLabel()
        self.ground_label.setBuddy(self.ground)
        self.note_label.setBuddy(self.note)
        self.ground.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.ground.setMinimumContentsLength(40)
        self.setMinimumWidth(720)
        form.addRow(self.ground_label, self.ground)
        form.addRow(self.note_label, self.note)
        self.lay_out(form)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Refuse erasure request {id}").format(id=self.row.id))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Refuse"))
        self.ground_label.setText(_("&Ground for refusal"))
        self.note_label.setText(_("&Note"))
        current = self.ground.currentData()
        self.ground.clear()
        self.ground.addItem(_("Choose a ground…"), "")
        for key, label in REFUSAL_GROUNDS.items():
            self.ground.addItem(_(label), key)
        self.ground.setCurrentIndex(max(0, self.ground.findData(current)))

    def field_widget(self, field: str) -> QWidget | None:
        return self.ground if field == "ground" else None

    def save(self) -> None:
        self.submit(
            erasure.refuse_erasure,
            self.row.id,
            self.row.version,
            self.ground.currentData() or "",
            self.note.toPlainText(),
        )


class RecordRequestDialog(FormDialog):
    """The desk records that a person asked to be erased (``PRIVACY_REQUEST``)."""

    def __init__(self, runner: Runner, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.person_id = person_id
        self.received_on = DateField()
        self.received_on.setObjectName("received_on")
        self.received_on.set_value(clock.today())
        self.requested_by = QLineEdit()
        self.requested_by.setObjectName("requested_by")
        self.requested_by.setMaxLength(200)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        form = QFormLayout()
        self.received_label, self.by_label = QLabel(), QLabel()
        self.received_label.setBuddy(self.received_on)
        self.by_label.setBuddy(self.requested_by)
        form.addRow(self.received_label, self.received_on)
        form.addRow(self.by_label, self.requested_by)
        self.lay_out(form, self.explain)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Erasure request"))
        self.received_label.setText(_("&Received on"))
        self.by_label.setText(_("Requested &by"))
        self.requested_by.setPlaceholderText(_("e.g. the mother, in person"))
        self.explain.setText(
            _(
                "The request is recorded for the coordinator, who decides it within a month "
                "(GDPR art. 12(3)). Nothing is erased yet."
            )
        )
        self.received_on.retranslate_ui()

    def field_widget(self, field: str) -> QWidget | None:
        return self.received_on if field == "received_on" else None

    def save(self) -> None:
        try:
            received = self.received_on.value()
        except ValueError as exc:
            self.show_field_error(ValidationError("received_on", str(exc)))
            return
        self.submit(
            erasure.record_erasure_request, self.person_id, received, self.requested_by.text()
        )


def record_request_dialog(
    parent: QWidget | None, context: PageContext, person_id: int
) -> RecordRequestDialog:
    """Open (window-modal, without blocking) the dialog that records an erasure
    request for ``person_id``; its ``saved(ErasureRow)`` signal fires once recorded."""
    dialog = RecordRequestDialog(context.runner, person_id, parent)
    dialog.open()
    return dialog

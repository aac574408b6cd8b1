"""Settings → Appointments → Staff: professionals and interpreters / cultural
mediators, the operator account each one signs in with, and their absences."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
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

from familydesk.appointments import resources
from familydesk.appointments.names import STAFF_KINDS
from familydesk.appointments.resources import AbsenceRow, OperatorChoice, StaffInput, StaffRow
from familydesk.i18n import _, format_date
from familydesk.kernel.errors import ValidationError
from familydesk.ui.settings.appointments_form import (
    ResourceEditor,
    active_box,
    on_enter,
    row_of,
    selected_row,
    state_text,
)
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField, ErrorLine, record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def _profession(row: StaffRow) -> str:
    return row.profession or _(STAFF_KINDS.get(row.kind, row.kind))


class StaffTab(ResourceEditor):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(
            runner,
            [
                Column(lambda: _("Name"), lambda r: r.name),
                Column(lambda: _("Profession"), _profession),
                Column(lambda: _("Languages"), lambda r: r.languages),
                Column(lambda: _("State"), state_text),
            ],
            resources.list_staff,
            resources.save_staff,
            resources.remove_staff,
            parent,
        )
        header = self.table.horizontalHeader()  # names whole; a long profession is cut
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        form = self.form
        self.name = form.add("name", QLineEdit(), lambda: _("&Name"))
        self.kind = form.add("kind", QComboBox(), lambda: _("&Kind"))
        for key in STAFF_KINDS:
            self.kind.addItem("", key)
        self.profession = form.add("profession", QLineEdit(), lambda: _("&Profession"))
        self.languages = form.add("languages", QLineEdit(), lambda: _("&Languages"))
        self.phone = form.add("phone", QLineEdit(), lambda: _("P&hone"))
        self.operator = form.add("operator_id", QComboBox(), lambda: _("Signs in as"))
        self.active = active_box(form)
        form.add_general_error()
        on_enter(self.save, self.name, self.profession, self.languages, self.phone)
        self._choices: list[OperatorChoice] = []
        self.absences = AbsencesBox(runner)
        self.add_below(self.absences)
        self.retranslate_ui()
        self.fill(None)

    def retranslate_ui(self) -> None:
        for index in range(self.kind.count()):
            self.kind.setItemText(index, _(STAFF_KINDS[self.kind.itemData(index)]))
        self.profession.setPlaceholderText(_("e.g. psicologa, mediatrice linguistico-culturale"))
        self.languages.setPlaceholderText(_("e.g. arabo, francese (interpreters and mediators)"))
        self.operator.setToolTip(_("The operator account of this person, for their own agenda"))
        if self.operator.count():
            self.operator.setItemText(0, _("(no account)"))
        self.save_button.setText(_("&Save"))
        self.new_button.setText(_("New person"))
        self.remove_button.setText(_("Remove…"))
        self.absences.retranslate_ui()
        super().retranslate_ui()

    def load(self, select_id: int | None = None) -> None:
        self.runner.read(resources.list_linkable_operators, on_done=self._show_choices, owner=self)
        super().load(select_id)

    def _show_choices(self, choices: list[OperatorChoice]) -> None:
        self._choices = choices
        current = self.operator.currentData()
        self.operator.clear()
        self.operator.addItem(_("(no account)"), None)
        for choice in choices:
            self.operator.addItem(choice.label, choice.id)
        self._choose_operator(current)

    def _choose_operator(self, operator_id: int | None) -> None:
        self.operator.setCurrentIndex(max(0, self.operator.findData(operator_id)))

    def fill(self, row: StaffRow | None) -> None:
        self.name.setText(row.name if row else "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind if row else "professional")))
        self.profession.setText(row.profession if row else "")
        self.languages.setText(row.languages if row else "")
        self.phone.setText(row.phone if row else "")
        self._choose_operator(row.operator_id if row else None)
        self.active.setChecked(row.active if row else True)
        self.absences.show_staff(row)

    def gather(self) -> StaffInput:
        row = self.current
        return StaffInput(
            self.name.text(),
            self.kind.currentData(),
            self.profession.text(),
            self.languages.text(),
            self.phone.text(),
            self.operator.currentData(),
            self.active.isChecked(),
            row.id if row else None,
            row.version if row else None,
        )

    def removal_question(self, row: Any) -> str:
        return _(
            "Remove {name} and their absences? If appointments were booked with them, they "
            "are kept as not in use."
        ).format(name=row.name)


class AbsencesBox(QGroupBox):
    """The absences of the staff member shown in the form: add (from, to, reason), remove."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.staff: StaffRow | None = None
        self.model = RowsTableModel(
            [
                Column(lambda: _("From"), lambda a: format_date(a.first_day)),
                Column(lambda: _("To"), lambda a: format_date(a.last_day)),
                Column(lambda: _("Reason"), lambda a: a.reason),
            ],
            self,
        )
        self.table = record_table(self.model)
        self.table.setMinimumHeight(90)
        self.first_day, self.last_day = DateField(), DateField()
        self.first_day.setObjectName("absenceFrom")
        self.last_day.setObjectName("absenceTo")
        self.reason = QLineEdit()
        self.reason.setObjectName("absenceReason")
        self.from_label, self.to_label, self.reason_label = QLabel(), QLabel(), QLabel()
        self.from_label.setBuddy(self.first_day)
        self.to_label.setBuddy(self.last_day)
        self.reason_label.setBuddy(self.reason)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)
        on_enter(self.add, self.first_day, self.last_day, self.reason)
        days = row_of(self.first_day, self.to_label, self.last_day)
        reason = QHBoxLayout()
        reason.addWidget(self.reason, 1)
        reason.addWidget(self.add_button)
        row = QFormLayout()
        row.addRow(self.from_label, days)
        row.addRow(self.reason_label, reason)
        self.error = ErrorLine()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addLayout(row_of(self.remove_button))
        self.retranslate_ui()
        self.show_staff(None)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Absences"))
        self.from_label.setText(_("&From"))
        self.to_label.setText(_("&to"))
        self.reason_label.setText(_("&Reason"))
        for field in (self.first_day, self.last_day):
            field.retranslate_ui()
        self.reason.setPlaceholderText(_("e.g. holiday, training"))
        self.add_button.setText(_("Add absence"))
        self.remove_button.setText(_("Remove selected absence"))
        self.model.retranslate()

    def show_staff(self, staff: StaffRow | None) -> None:
        """The absences of ``staff`` (None: a person not saved yet, nothing to show)."""
        self.staff = staff
        self.error.show_message("")
        self.setEnabled(staff is not None)
        if staff is None:
            self.model.set_rows([])
            return
        self.runner.read(
            resources.list_absences,
            staff.id,
            on_done=self.model.set_rows,
            on_error=lambda exc: show_error(self, exc),
            owner=self,
        )

    def add(self) -> None:
        if self.staff is None:
            return
        self.error.show_message("")
        days = []
        for field in (self.first_day, self.last_day):
            try:
                days.append(field.value())
            except ValueError as exc:
                self.error.show_message(str(exc))
                field.setFocus()
                return
        self.runner.write(
            resources.add_absence,
            self.staff.id,
            *days,
            self.reason.text(),
            on_done=self._added,
            on_error=self._failed,
            owner=self,
        )

    def _added(self, _row: AbsenceRow) -> None:
        for edit in (self.first_day, self.last_day, self.reason):
            edit.clear()
        self.show_staff(self.staff)
        self.first_day.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        self.error.show_message(exc.message)
        widget = {"last_day": self.last_day, "reason": self.reason}.get(exc.field, self.first_day)
        widget.setFocus()
        widget.selectAll()

    def remove_selected(self) -> None:
        absence = selected_row(self.table)
        if absence is None:
            self.error.show_message(_("Select an absence in the list first."))
            return
        self.runner.write(
            resources.remove_absence,
            absence.id,
            absence.version,
            on_done=lambda _r: self.show_staff(self.staff),
            on_error=self._failed,
            owner=self,
        )

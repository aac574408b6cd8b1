"""Settings → Appointments → Services: what can be booked, how long it lasts, who
holds it and what the family brings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from familydesk.appointments import resources
from familydesk.appointments.resources import ServiceInput, ServiceRow
from familydesk.i18n import _
from familydesk.ui.settings.appointments_form import (
    ResourceEditor,
    active_box,
    on_enter,
    state_text,
)
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.table_model import Column

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ServicesTab(ResourceEditor):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(
            runner,
            [
                Column(lambda: _("Service"), lambda r: r.name),
                Column(lambda: _("Minutes"), lambda r: r.duration_minutes, _RIGHT),
                Column(lambda: _("Given by"), lambda r: r.profession or _("any profession")),
                Column(lambda: _("State"), state_text),
            ],
            resources.list_services,
            resources.save_service,
            resources.remove_service,
            parent,
        )
        form = self.form
        self.name = form.add("name", QLineEdit(), lambda: _("&Name"))
        self.minutes = form.add("duration_minutes", QSpinBox(), lambda: _("&Duration"))
        self.minutes.setRange(1, 600)  # the service says what is allowed (5 to 480, steps of 5)
        self.minutes.setSingleStep(resources.MINUTES_STEP)
        self.minutes.setMaximumWidth(160)
        self.profession = form.add("profession", QLineEdit(), lambda: _("Given &by"))
        self.what_to_bring = form.add(
            "what_to_bring", QPlainTextEdit(), lambda: _("What to &bring")
        )
        self.what_to_bring.setTabChangesFocus(True)
        self.what_to_bring.setMaximumHeight(80)
        self.active = active_box(form)
        form.add_general_error()
        on_enter(self.save, self.name, self.profession)
        self.retranslate_ui()
        self.fill(None)

    def retranslate_ui(self) -> None:
        self.minutes.setSuffix(" " + _("minutes"))
        self.profession.setPlaceholderText(
            _("e.g. psicologa/o, pedagogista (empty: any profession)")
        )
        self.profession.setToolTip(
            _(
                "The professions that give this service, separated by commas: only a professional "
                "of one of them can be booked for it."
            )
        )
        self.what_to_bring.setPlaceholderText(_("Printed on the appointment slip"))
        self.save_button.setText(_("&Save service"))
        self.new_button.setText(_("New service"))
        self.remove_button.setText(_("Remove…"))
        super().retranslate_ui()

    def fill(self, row: ServiceRow | None) -> None:
        self.name.setText(row.name if row else "")
        self.minutes.setValue(row.duration_minutes if row else 60)
        self.profession.setText(row.profession if row else "")
        self.what_to_bring.setPlainText(row.what_to_bring if row else "")
        self.active.setChecked(row.active if row else True)

    def gather(self) -> ServiceInput:
        row = self.current
        return ServiceInput(
            self.name.text(),
            self.minutes.value(),
            self.profession.text(),
            self.what_to_bring.toPlainText(),
            self.active.isChecked(),
            row.id if row else None,
            row.version if row else None,
        )

    def removal_question(self, row: Any) -> str:
        return _(
            "Remove the service “{name}”? If appointments were booked for it, it is kept "
            "as not in use."
        ).format(name=row.name)

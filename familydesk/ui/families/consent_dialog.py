"""Record a consent or the privacy acknowledgement for one member."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from familydesk import registry
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.registry import CONSENT_KINDS, FamilyDetail, MemberDetail
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField
from familydesk.ui.widgets.form_dialog import FormDialog


class ConsentDialog(FormDialog):
    """``saved(ConsentRow)`` after the consent is recorded."""

    def __init__(
        self,
        runner: Runner,
        family: FamilyDetail,
        member: MemberDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.member = member
        self.kind = QComboBox()
        for key in CONSENT_KINDS:
            self.kind.addItem("", key)
        self.given_on = DateField()
        self.given_on.set_value(clock.today())
        self.signed_by = QLineEdit()
        self.signed_by.setObjectName("signed_by")
        if member.is_minor:
            guardians = [m for m in family.members if m.relation == "parent"]
            if guardians:
                self.signed_by.setText(f"{guardians[0].first_name} {guardians[0].last_name}")
        self.operator = QLineEdit(getpass.getuser())
        self.labels = [QLabel() for _i in range(5)]
        form = QFormLayout()
        self.person = QLabel(member.full_name)
        for label, widget in zip(
            self.labels,
            (self.person, self.kind, self.given_on, self.signed_by, self.operator),
            strict=True,
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.lay_out(form)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Record consent"))
        for label, text in zip(
            self.labels,
            (_("Person"), _("&Consent"), _("&Date"), _("Signed &by"), _("&Operator")),
            strict=True,
        ):
            label.setText(text)
        for index, key in enumerate(CONSENT_KINDS):
            self.kind.setItemText(index, _(CONSENT_KINDS[key]))
        self.signed_by.setPlaceholderText(_("parent or guardian, for a minor"))
        self.given_on.retranslate_ui()

    def save(self) -> None:
        try:
            given_on = self.given_on.value()
        except ValueError as exc:
            self.error.show_message(_("Date: {detail}").format(detail=exc))
            return
        if given_on is None:
            self.error.show_message(_("Date: please enter the date the consent was given."))
            return
        self.submit(
            registry.record_consent,
            self.member.id,
            self.kind.currentData(),
            given_on,
            operator=self.operator.text(),
            signed_by=self.signed_by.text(),
        )

    def field_widget(self, field: str) -> QWidget | None:
        return {"signed_by": self.signed_by, "given_on": self.given_on}.get(field)

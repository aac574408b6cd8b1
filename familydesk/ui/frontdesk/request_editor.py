"""One request of a contact: the need, the outcomes, the service it was referred to, a note,
a follow-up. Every field has an Alt+letter, and its error line right under it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from familydesk.frontdesk import OUTCOMES, NeedRow, RequestInput
from familydesk.i18n import N_, _
from familydesk.ui.frontdesk.need_combo import NeedCombo
from familydesk.ui.frontdesk.service_picker import ServicePicker
from familydesk.ui.widgets.fields import DateField, ErrorLine

#: Outcome check boxes, with their Alt+letter in the label (not F, V, H or A: the menus').
OUTCOME_LABELS: dict[str, str] = {
    "information": N_("&Information given"),
    "referral": N_("&Referral to another service"),
    "appointment": N_("A&ppointment booked"),
    "taken_in_charge": N_("Ta&ken in charge"),
    "nothing_possible": N_("Nothing possib&le"),
}
assert set(OUTCOME_LABELS) == set(OUTCOMES)


class OutcomeBox(QCheckBox):
    """A check box whose Alt+letter ticks it at once (Qt's own mnemonic "animates" the click
    and ticks it a moment later, after the operator may already have pressed Ctrl+Enter)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and not event.isAmbiguous():  # type: ignore[attr-defined]
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.toggle()
            return True
        return super().event(event)


def with_error(field: QWidget) -> tuple[QWidget, ErrorLine]:
    """``field`` with an error line under it (hidden, taking no room, until there is an error)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    error = ErrorLine()
    layout.addWidget(field)
    layout.addWidget(error)
    return box, error


class RequestEditor(QWidget):
    """Edits one :class:`RequestInput`; ``errors`` maps a service field to its error line."""

    def __init__(self, form: QFormLayout, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operator = operator
        self.need = NeedCombo()
        self.need.setObjectName("needCombo")
        self.outcomes = {key: OutcomeBox() for key in OUTCOME_LABELS}
        #: The family's comune (cadastral code): its services are suggested first.
        self.comune_code = ""
        self.referral_to = ServicePicker(self.need.need_key, lambda: self.comune_code)
        self.referral_to.setObjectName("referralTo")
        self.note = QLineEdit()
        self.follow_up_on = DateField()
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setMinimumContentsLength(12)
        self.errors: dict[str, ErrorLine] = {}
        self.labels: dict[str, QLabel] = {}

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for index, box in enumerate(self.outcomes.values()):
            grid.addWidget(box, index, 0)
        outcomes = QWidget()
        outcomes.setLayout(grid)
        follow_up = QWidget()
        row = QHBoxLayout(follow_up)
        row.setContentsMargins(0, 0, 0, 0)
        self.owner_label = QLabel()
        self.owner_label.setBuddy(self.owner)
        row.addWidget(self.follow_up_on)
        row.addWidget(self.owner_label)
        row.addWidget(self.owner, 1)
        for key, field, error_key in (
            ("need", self.need, "need"),
            ("outcomes", outcomes, "outcomes"),
            ("referral_to", self.referral_to, "referral_to"),
            ("note", self.note, ""),
            ("follow_up_on", follow_up, "follow_up_on"),
        ):
            box, error = with_error(field)
            label = QLabel()
            label.setBuddy(self.follow_up_on if key == "follow_up_on" else field)
            self.labels[key] = label
            form.addRow(label, box)
            if error_key:
                self.errors[error_key] = error
        self.outcomes["referral"].toggled.connect(self._referral_toggled)
        self.clear()

    def retranslate_ui(self) -> None:
        texts = {
            "need": _("&Need"),
            "outcomes": _("Outcome"),
            "referral_to": _("Referred &to"),
            "note": _("N&ote"),
            "follow_up_on": _("Follow-up &date"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        for key, box in self.outcomes.items():
            box.setText(_(OUTCOME_LABELS[key]))
        self.owner_label.setText(_("b&y"))
        self.need.lineEdit().setPlaceholderText(_("type a few letters, or Alt+Down for the list"))
        self.referral_to.setPlaceholderText(
            _("type to choose a service, or Down for the suggestions")
        )
        self.follow_up_on.retranslate_ui()

    def set_needs(self, needs: list[NeedRow]) -> None:
        self.need.set_needs(needs)

    def set_owners(self, names: list[str]) -> None:
        current = self.owner.currentText() or self.operator
        self.owner.clear()
        self.owner.addItems(sorted(set(names) | {self.operator} - {""}))
        self.owner.setEditText(current)

    def clear(self) -> None:
        self.need.set_need_key("")
        for key, box in self.outcomes.items():
            box.setChecked(key == "information")
        for edit in (self.referral_to, self.note, self.follow_up_on):
            edit.clear()
        self.owner.setEditText(self.operator)
        self._referral_toggled(False)
        self.show_errors([])

    def is_blank(self) -> bool:
        return not self.need.currentText().strip()

    def _referral_toggled(self, checked: bool) -> None:
        self.referral_to.setEnabled(checked)

    def value(self) -> tuple[RequestInput, list[tuple[str, str]]]:
        """The request as typed, and the fields that cannot be read (a follow-up date like
        "31/02"), as ``(field, message)``: left out of the request."""
        unreadable: list[tuple[str, str]] = []
        try:
            follow_up = self.follow_up_on.value()
        except ValueError as exc:
            follow_up = None
            unreadable.append(("follow_up_on", _("Follow-up date: {detail}").format(detail=exc)))
        outcomes = tuple(key for key, box in self.outcomes.items() if box.isChecked())
        service_id = self.referral_to.service_id() if "referral" in outcomes else None
        referral = self.referral_to.text() if "referral" in outcomes and not service_id else ""
        owner = self.owner.currentText().strip() if follow_up else ""
        request = RequestInput(
            self.need.need_key(),
            outcomes,
            self.note.text(),
            referral,
            follow_up,
            owner,
            service_id,
        )
        return request, unreadable

    def describe(self, request: RequestInput) -> str:
        """A line for the list of requests already added."""
        names = {n.key: n.name for n in self.need._needs}
        outcomes = ", ".join(_(OUTCOMES[o]) for o in request.outcomes)
        return _("{need}: {outcomes}").format(
            need=names.get(request.need_key, ""), outcomes=outcomes
        )

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        """Each ``(field, message)`` under its field (all of them at once)."""
        shown: dict[str, list[str]] = {}
        for field, message in errors:
            shown.setdefault(field, []).append(message)
        for field, line in self.errors.items():
            line.show_message("\n".join(shown.get(field, [])))

    def focus(self, field: str) -> None:
        """The cursor in the input of ``field`` (an error's), if it is one of the request's."""
        inputs = {
            "need": self.need,
            "outcomes": self.outcomes["information"],
            "referral_to": self.referral_to,
            "follow_up_on": self.follow_up_on,
        }
        if field in inputs:
            inputs[field].setFocus()

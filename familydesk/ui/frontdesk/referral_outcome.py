"""Closing a referral's follow-up: did the family reach the service? Reached, not reached
or refused close it; still waiting asks the next follow-up date (a week on by default)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.frontdesk import REFERRAL_OUTCOMES, FollowUp
from familydesk.frontdesk.follow_ups import WAIT_DAYS
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.ui.widgets.fields import DateField, ErrorLine

#: The answers in the order asked (Alt+letter in the label).
ANSWER_LABELS = {
    "reached": "&1 ",
    "not_reached": "&2 ",
    "refused": "&3 ",
    "waiting": "&4 ",
}


class ReferralOutcomeDialog(QDialog):
    """``answer()`` after ``exec()``: (outcome, next date or None)."""

    def __init__(self, follow_up: FollowUp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Follow-up of a referral"))
        question = follow_up.question()
        self.question = QLabel(question[:1].upper() + question[1:])
        self.question.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        for index, (key, number) in enumerate(ANSWER_LABELS.items()):
            button = QRadioButton(number + _(REFERRAL_OUTCOMES[key]))
            button.setObjectName(f"outcome_{key}")
            self.group.addButton(button, index)
            self.buttons[key] = button
            layout.addWidget(button)
        self.next_label = QLabel(_("&Next follow-up"))
        self.next_on = DateField()
        self.next_on.set_value(clock.today() + timedelta(days=WAIT_DAYS))
        self.next_label.setBuddy(self.next_on)
        self.error = ErrorLine()
        layout.addWidget(self.next_label)
        layout.addWidget(self.next_on)
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.buttons["reached"].setChecked(True)
        self.buttons["waiting"].toggled.connect(self._waiting)
        self._waiting(False)

    def _waiting(self, checked: bool) -> None:
        self.next_on.setEnabled(checked)
        self.next_label.setEnabled(checked)

    def outcome(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def answer(self) -> tuple[str, date | None]:
        """The outcome, and the next date when still waiting (ValueError: unreadable)."""
        outcome = self.outcome()
        return outcome, self.next_on.value() if outcome == "waiting" else None

    def _accept(self) -> None:
        try:
            self.answer()
        except ValueError as exc:
            self.error.show_message(_("Next follow-up: {detail}").format(detail=exc))
            return
        self.accept()


def ask_outcome(parent: QWidget, follow_up: FollowUp) -> tuple[str, date | None] | None:
    """The operator's answer for ``follow_up``, or None when cancelled."""
    dialog = ReferralOutcomeDialog(follow_up, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()

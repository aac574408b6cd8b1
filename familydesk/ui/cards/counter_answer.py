"""The benefits counter's answer: a big green "Valid" or red "Not valid" panel, readable
from a step away, with the service's sentence, the reason and whose card it is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from familydesk.cards.redemptions import RedemptionResult, reason_text
from familydesk.i18n import _, format_date

#: kind -> (background, text, border)
COLOURS = {
    "valid": ("#e3f4e8", "#0f5323", "#5cb276"),
    "refused": ("#fbe4e2", "#7a1410", "#d9706a"),
    "": ("#f3f5f8", "#3d4b59", "#d5dde6"),
}


class AnswerPanel(QFrame):
    """``kind`` is "valid", "refused" or "" (waiting for a card)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterAnswer")
        self.kind = ""
        self._result: RedemptionResult | None = None
        self._problem = ""
        self.headline = QLabel()
        self.headline.setObjectName("answerHeadline")
        self.message = QLabel()
        self.message.setObjectName("answerMessage")
        self.details = QLabel()
        self.details.setObjectName("answerDetails")
        for label in (self.headline, self.message, self.details):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(self.headline)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        self._paint()

    def retranslate_ui(self) -> None:
        if self._result is not None:
            self.show_result(self._result)
        elif self._problem:
            self.show_problem(self._problem)
        else:
            self.clear()

    def clear(self) -> None:
        """Waiting for the next card."""
        self.kind, self._result, self._problem = "", None, ""
        self.headline.setText(_("Waiting for a card"))
        self.message.setText(_("Scan the card's QR code or type its number, then press Enter."))
        self.details.setText("")
        self.details.hide()
        self._paint()

    def show_result(self, result: RedemptionResult) -> None:
        self.kind, self._result, self._problem = (
            ("valid" if result.accepted else "refused"),
            result,
            "",
        )
        self.headline.setText("✔ " + _("VALID") if result.accepted else "✘ " + _("NOT VALID"))
        self.message.setText(result.message)
        lines = []
        if not result.accepted:
            lines.append(_("Reason: {reason}").format(reason=reason_text(result.reason)))
        card = result.card
        if card is not None:
            lines.append(
                _("{card_type} {number}, expiry date {date}").format(
                    number=card.grouped_number,
                    card_type=card.card_type,
                    date=format_date(card.expires_on),
                )
            )
            if card.holder or card.family:
                lines.append(_("Holder: {holder}").format(holder=card.holder or card.family))
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self._paint()

    def show_problem(self, message: str) -> None:
        """A refusal that is not about the card (the benefit was removed meanwhile)."""
        self.kind, self._result, self._problem = "refused", None, message
        self.headline.setText("✘ " + _("NOT RECORDED"))
        self.message.setText(message)
        self.details.hide()
        self._paint()

    def text(self) -> str:
        """Everything the panel says, for tests and screen readers."""
        parts = (self.headline.text(), self.message.text(), self.details.text())
        return "\n".join(p for p in parts if p)

    def _paint(self) -> None:
        back, text, border = COLOURS[self.kind]
        self.setStyleSheet(
            f"QFrame#counterAnswer {{ background: {back}; border: 2px solid {border};"
            " border-radius: 8px; }"
        )
        # Each label's own style sheet (more specific than the application's ``QWidget``
        # font size), set on the label so its size hint follows at once.
        for label, size, weight in (
            (self.headline, 28, 700),
            (self.message, 14, 400),
            (self.details, 11, 400),
        ):
            label.setStyleSheet(
                f"color: {text}; background: transparent; font-size: {size}pt;"
                f" font-weight: {weight};"
            )
        self.setAccessibleName(self.headline.text())

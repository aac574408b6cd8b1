"""What the eligibility panel says: the rules ticked or crossed, the verdict, the proposed
expiry and the family's cards, in words (``familydesk.ui.cards.eligibility_panel``)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from familydesk.cards.eligibility import Eligibility, check_eligibility
from familydesk.cards.issue import cards_of_family, valid_card
from familydesk.cards.records import CardRow
from familydesk.cards.types import CardTypeRow
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.scheduling.calendar_rules import local_now

GREEN, RED, GREY, BLUE = "#1b6b2f", "#b3261e", "#4a5a6a", "#1f4e8c"


def check_with_cards(
    session: Session, family_id: int, card_type_id: int, holder_id: int | None
) -> tuple[Eligibility, list[CardRow], int | None]:
    """The check, the family's cards and the id of the valid card a new one would
    duplicate (``issue_card`` refuses it) in one read, on the runner's thread."""
    result = check_eligibility(session, family_id, card_type_id, holder_id)
    current = valid_card(session, family_id, card_type_id, result.holder_id, local_now().date())
    return result, cards_of_family(session, family_id), current.id if current else None


def card_line(card: CardRow, today: date) -> str:
    """One of the family's cards in words: valid until, expired, revoked or replaced."""
    state = card.state(today)
    number = card.grouped_number
    if state == "active":
        return _("Already has card {number} (holder {holder}), valid until {day}.").format(
            number=number, holder=card.holder, day=format_date(card.expires_on)
        )
    if state == "expired":
        return _("Card {number} expired on {day}.").format(
            number=number, day=format_date(card.expires_on)
        )
    if state == "replaced":
        return _("Card {number} was replaced by a duplicate on {day}.").format(
            number=number, day=format_date(card.revoked_on)
        )
    return _("Card {number} was revoked on {day}.").format(
        number=number, day=format_date(card.revoked_on)
    )


class RuleLines(QWidget):
    """The rules of a check, one line each: a green ✓ or a red ✗ and the rule's words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self._lines: list[tuple[bool, str]] = []

    def set_rules(self, rules: list[tuple[bool, str]]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._lines = list(rules)
        for met, text in rules:
            colour, sign = (GREEN, "✓") if met else (RED, "✗")
            mark = f'<span style="color:{colour}; font-weight:600">{sign}</span>'
            label = QLabel(f"{mark}&nbsp;&nbsp;{escape(text)}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setObjectName("ruleMet" if met else "ruleNotMet")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._layout.addWidget(label)
            label.show()

    def lines(self) -> list[str]:
        """The rules as shown: "✓ text" or "✗ text" (tests, accessibility)."""
        return [f"{'✓' if met else '✗'} {text}" for met, text in self._lines]


def verdict(no_types: bool, result: Eligibility | None, current: CardRow | None) -> tuple[str, str]:
    """The verdict's words and colour: no card type set up, eligible, already has the card
    (``current``), or not eligible."""
    if no_types:
        return (
            _(
                "No card type is being issued: a coordinator sets them up in Settings → Family "
                "card."
            ),
            GREY,
        )
    if result is None:
        return "", GREY
    if result.eligible and current is not None:
        # Not a green "eligible": there is nothing to issue, the family has its card.
        text = _("Already has card {number} of {card}, valid until {day}.").format(
            number=current.grouped_number,
            card=result.card_type,
            day=format_date(current.expires_on),
        )
        return text, BLUE
    if result.eligible:
        return _("Eligible for {card}").format(card=result.card_type), GREEN
    return _("Not eligible for {card}").format(card=result.card_type), RED


def expiry_text(result: Eligibility, card_type: CardTypeRow | None) -> str:
    """The proposed expiry, and why it is shorter than the type's usual validity."""
    expiry = format_date(result.expires_on)
    if result.shortened_reason and card_type is not None:
        months = card_type.validity_months
        expiry += "\n" + ngettext(
            "Shorter than the usual {n} month: {reason}.",
            "Shorter than the usual {n} months: {reason}.",
            months,
        ).format(n=format_number(months), reason=result.shortened_reason)
    return expiry


def cards_text(cards: list[CardRow], current: CardRow | None) -> str:
    """The family's cards of the type, a line each (what to do when one is still valid)."""
    lines = [card_line(c, local_now().date()) for c in cards]
    if current is not None:
        lines.append(_("Renew or replace it in the Card register."))
    return "\n".join(lines) or _("None yet.")

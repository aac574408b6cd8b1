"""Checking a card by its number: valid or not, and why, in one sentence.

The number may be typed by hand or "typed" by a USB barcode/QR scanner, in any case,
with or without spaces or dashes. A number whose check character does not match
says so ("check") rather than "unknown": the operator then looks for a typo.
The card is read with one query on the unique (indexed) number, then its type,
family and holder in a few primary-key queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import permissions
from familydesk.appointments.calendar_rules import local_now
from familydesk.cards.numbers import grouped, normalise, problem
from familydesk.cards.records import CardRow, card_rows
from familydesk.db.models_cards import Card
from familydesk.i18n import _, format_date

#: Why a card number is not valid (``""`` when it is), in the order they are checked.
REASONS = ("format", "check", "unknown", "revoked", "replaced", "expired")


@dataclass(frozen=True)
class CardCheck:
    number_typed: str
    #: Canonical (``E089000123H``), or "" when the typed text cannot be a card number.
    number: str
    valid: bool
    #: "" | "format" | "check" | "unknown" | "revoked" | "replaced" | "expired"
    reason: str
    #: One translated sentence for the operator.
    message: str
    card: CardRow | None


def today() -> date:
    """Today in the centre's time zone."""
    return local_now().date()


def number_problem_message(reason: str) -> str:
    if reason == "format":
        return _("This is not a card number: 4 characters of the comune's code, 6 digits and a check character, e.g. E089 000123 H.")  # fmt: skip
    return _("The check character does not match: a character may have been mistyped.")


def _replacement(session: Session, card: CardRow) -> str:
    """The grouped number of the card that replaced ``card`` ("" when none is recorded)."""
    number = session.scalar(
        select(Card.number).where(Card.previous_id == card.id).order_by(Card.id.desc()).limit(1)
    )
    return grouped(number) if number else ""


def card_message(session: Session, card: CardRow, on: date) -> tuple[str, str]:
    """(reason, sentence) for an existing card on day ``on``; reason "" when valid."""
    state = card.state(on)
    if state == "revoked":
        if card.revoked_on is None:
            return state, _("Not valid: this card was revoked.")
        when = format_date(card.revoked_on)
        if card.revoke_reason:
            return state, _("Not valid: revoked on {date} ({reason}).").format(
                date=when, reason=card.revoke_reason)  # fmt: skip
        return state, _("Not valid: revoked on {date}.").format(date=when)
    if state == "replaced":
        successor = _replacement(session, card)
        if successor and card.revoke_reason:
            return state, _("Not valid: replaced by card {number} ({reason}).").format(
                number=successor, reason=card.revoke_reason)  # fmt: skip
        if successor:
            return state, _("Not valid: replaced by card {number}.").format(number=successor)
        return state, _("Not valid: this card was replaced by a new one.")
    if state == "expired":
        return state, _("Not valid: expired on {date}.").format(date=format_date(card.expires_on))
    whose = card.holder or card.family
    return "", _("Valid until {date}: {card_type} of {holder}.").format(
        date=format_date(card.expires_on), card_type=card.card_type, holder=whose)  # fmt: skip


def find_card(session: Session, typed: str, on: date) -> CardCheck:
    """``check_card`` without the permission check (for services that checked their own)."""
    found = problem(typed)
    if found:
        return CardCheck(typed, "", False, found, number_problem_message(found), None)
    number = normalise(typed)
    card = session.scalar(select(Card).where(Card.number == number))
    if card is None:
        return CardCheck(typed, number, False, "unknown", _("Unknown card number."), None)
    row = card_rows(session, [card])[0]
    reason, message = card_message(session, row, on)
    return CardCheck(typed, number, not reason, reason, message, row)


def check_card(session: Session, typed: str, on: date | None = None) -> CardCheck:
    """Whether the card numbered ``typed`` is valid on ``on`` (default: today, local time),
    with the reason and a sentence saying so. Needs ``VIEW_REGISTRY``; reads only."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    return find_card(session, typed, on or today())

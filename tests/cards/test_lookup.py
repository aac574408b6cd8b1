"""Checking a card by number: valid, or why not (format, check, unknown, revoked,
replaced, expired), in one sentence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from familydesk import i18n
from familydesk.cards.lookup import check_card
from familydesk.cards.numbers import compose, grouped
from familydesk.db.database import Database
from familydesk.db.models.cards import Card
from familydesk.trust.permissions import PermissionDenied
from tests.cards.card_data import TODAY, CardWorld, add_card
from tests.helpers import signed_in


def _check(database: Database, typed: str, on: date = TODAY):  # type: ignore[no-untyped-def]
    return database.read(check_card, typed, on)


def test_a_valid_card_says_until_when_and_whose(database: Database, world: CardWorld) -> None:
    number = add_card(database, world, expires_on=date(2027, 12, 31))
    typed = grouped(number).lower().replace(" ", "-")  # as a scanner or a hurried hand types it
    result = _check(database, typed)
    assert (result.valid, result.reason, result.number) == (True, "", number)
    assert result.message == "Valid until 31/12/2027: Carta Famiglia of Bianchi Laura."
    assert result.card is not None and result.card.number == number


def test_a_card_is_valid_on_its_last_day_and_expired_the_day_after(
    database: Database, world: CardWorld
) -> None:
    number = add_card(database, world, expires_on=TODAY)
    assert _check(database, number).valid
    result = _check(database, number, TODAY + timedelta(days=1))
    assert (result.valid, result.reason) == (False, "expired")
    assert result.message == "Not valid: expired on 22/11/2026."


def test_revoked_and_replaced_cards(database: Database, world: CardWorld) -> None:
    revoked = add_card(database, world)
    old = add_card(database, world)
    new = add_card(database, world)

    def change(session):  # type: ignore[no-untyped-def]
        cards = {c.number: c for c in session.scalars(select(Card))}
        cards[revoked].status, cards[revoked].revoked_on = "revoked", date(2026, 11, 2)
        cards[revoked].revoke_reason = "moved away"
        cards[old].status, cards[old].revoke_reason = "replaced", "lost card"
        cards[new].previous_id = cards[old].id

    database.write(change)
    result = _check(database, revoked)
    assert (result.valid, result.reason) == (False, "revoked")
    assert result.message == "Not valid: revoked on 02/11/2026 (moved away)."
    result = _check(database, old)
    assert (result.valid, result.reason) == (False, "replaced")
    assert result.message == f"Not valid: replaced by card {grouped(new)} (lost card)."


def test_a_mistyped_number_says_check_not_unknown(database: Database, world: CardWorld) -> None:
    number = add_card(database, world)
    typo = number[:7] + ("1" if number[7] != "1" else "2") + number[8:]
    result = _check(database, typo)
    assert (result.valid, result.reason, result.card) == (False, "check", None)
    assert result.message.startswith("The check character does not match")
    unknown = compose("E089", 999_999)  # well formed, never issued
    result = _check(database, unknown)
    assert (result.reason, result.message, result.number) == (
        "unknown",
        "Unknown card number.",
        unknown,
    )
    assert _check(database, "hello").reason == "format"
    assert _check(database, "").reason == "format"


def test_messages_in_italian(database: Database, world: CardWorld) -> None:
    number = add_card(database, world, expires_on=date(2026, 11, 1))
    i18n.set_language("it")  # the autouse fixture ``english`` sets it back
    assert _check(database, number).message == "Non valida: scaduta il 01/11/2026."
    assert _check(database, compose("E089", 999_999)).message == "Numero di carta sconosciuto."


def test_checking_needs_to_see_families(database: Database, world: CardWorld) -> None:
    number = add_card(database, world)
    assert _check(signed_in(database, "reception"), number).valid
    with pytest.raises(PermissionDenied):
        _check(signed_in(database, None), number)  # type: ignore[arg-type]

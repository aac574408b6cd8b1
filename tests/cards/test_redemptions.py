"""Recording benefit use: accepted or refused by each rule in order, every attempt logged,
the logs per partner and per card."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from familydesk.cards.numbers import compose, grouped
from familydesk.cards.partner_editing import PartnerInput, save_partner
from familydesk.cards.partners import get_partner
from familydesk.cards.redemptions import (
    redeem,
    redemptions_between,
    redemptions_of_card,
    redemptions_of_partner,
)
from familydesk.db.database import Database
from familydesk.db.models.cards import Card, Redemption
from familydesk.db.models.registry import AuditEntry
from familydesk.trust.permissions import PermissionDenied
from tests.cards.card_data import TODAY, CardWorld, add_card
from tests.cards.partner_data import Partners, build_partners
from tests.helpers import signed_in

#: 10:30 in Italy on TODAY (winter time: UTC+1).
AT = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


@pytest.fixture
def partners(database: Database, world: CardWorld) -> Partners:
    return build_partners(database, world)


def _redeem(database: Database, benefit: int, typed: str, at: datetime = AT):  # type: ignore[no-untyped-def]
    return database.write(redeem, benefit, typed, at)


def _card_id(database: Database, number: str) -> int:
    return database.read(lambda s: s.scalar(select(Card.id).where(Card.number == number)))


def test_a_valid_card_is_accepted_and_logged(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    number = add_card(database, world, expires_on=date(2027, 12, 31))
    result = _redeem(database, partners.pool_discount, grouped(number))
    assert (result.accepted, result.reason, result.partner, result.benefit) == (
        True,
        "",
        "Piscina Comunale",
        "10% discount",
    )
    assert result.message == (
        f"Accepted: 10% discount at Piscina Comunale, card {grouped(number)} "
        "(Carta Famiglia, valid until 31/12/2027)."
    )
    assert result.card is not None and result.card.number == number
    logged = database.read(lambda s: s.get(Redemption, result.redemption_id))
    assert (logged.accepted, logged.reason, logged.operator, logged.number_typed) == (
        True,
        "",
        "tester",
        grouped(number),
    )


@pytest.mark.parametrize(
    ("case", "reason", "message"),
    [
        (
            "typo",
            "check",
            "The check character does not match: a character may have been mistyped.",
        ),
        ("junk", "format", "This is not a card number"),
        ("unknown", "unknown", "Unknown card number."),
        ("revoked", "revoked", "Not valid: revoked on 01/11/2026 (moved away)."),
        ("replaced", "replaced", "Not valid: this card was replaced by a new one."),
        ("expired", "expired", "Not valid: expired on 21/11/2026."),
        ("youth", "card_type", "Refused: this benefit is for Carta Famiglia only."),
        ("cinema", "agreement", "Refused: the agreement with Cinema Italia ended on 31/10/2026."),
        (
            "future",
            "agreement",
            "Refused: the agreement with Piscina Comunale starts on 01/01/2026.",
        ),
        (
            "retired",
            "agreement",
            "Refused: the agreement with Piscina Comunale is no longer active.",
        ),
    ],
)
def test_every_refusal_says_why_and_is_logged(
    database: Database, world: CardWorld, partners: Partners, case: str, reason: str, message: str
) -> None:
    number = add_card(
        database,
        world,
        expires_on=TODAY - timedelta(days=1) if case == "expired" else None,
        card_type_id=world.youth_card if case == "youth" else None,
        status={"revoked": "revoked", "replaced": "replaced"}.get(case, "active"),
    )
    if case == "revoked":

        def revoke(session):  # type: ignore[no-untyped-def]
            card = session.scalar(select(Card).where(Card.number == number))
            card.revoked_on, card.revoke_reason = date(2026, 11, 1), "moved away"

        database.write(revoke)
    if case == "retired":
        pool = database.read(get_partner, partners.pool)
        database.write(
            save_partner,
            PartnerInput(
                category=pool.category,
                agreement_start=pool.agreement_start,
                agreement_end=pool.agreement_end,
                active=False,
                organisation_id=pool.organisation_id,
                id=pool.id,
                version=pool.version,
            ),
        )
    typed = {
        "typo": number[:-1] + ("A" if number[-1] != "A" else "B"),
        "junk": "12345",
        "unknown": compose("E089", 999_999),
    }.get(case, number)
    benefit = partners.cinema_ticket if case == "cinema" else partners.pool_discount
    at = datetime(2025, 12, 31, 12, tzinfo=UTC) if case == "future" else AT
    if case == "future":  # a card valid at that date
        number = typed = add_card(database, world)

        def backdate(session):  # type: ignore[no-untyped-def]
            card = session.scalar(select(Card).where(Card.number == number))
            card.issued_on = date(2025, 12, 1)

        database.write(backdate)
    result = _redeem(database, benefit, typed, at)
    assert (result.accepted, result.reason) == (False, reason)
    assert result.message.startswith(message)
    logged = database.read(lambda s: s.get(Redemption, result.redemption_id))
    assert (logged.accepted, logged.reason, logged.number_typed) == (False, reason, typed)
    assert (logged.card_id is None) == (case in {"typo", "junk", "unknown"})


def test_the_card_type_rule_comes_before_the_agreement(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    youth = add_card(database, world, card_type_id=world.youth_card)
    assert _redeem(database, partners.pool_discount, youth).reason == "card_type"
    assert _redeem(database, partners.pool_youth, youth).message == (
        f"Accepted: free entry at Piscina Comunale, card {grouped(youth)} (Carta Giovani, "
        "valid until 18/09/2027)."
    )
    expired = add_card(database, world, expires_on=date(2026, 11, 1), card_type_id=world.youth_card)
    assert _redeem(database, partners.cinema_ticket, expired).reason == "expired"


def test_logs_per_partner_and_per_card(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    number = add_card(database, world)
    _redeem(database, partners.pool_discount, number, AT - timedelta(days=2))
    _redeem(database, partners.pool_youth, number, AT)  # refused: youth only
    _redeem(database, partners.pool_discount, "E089 000000 0", AT)  # nothing to match
    _redeem(database, partners.cinema_ticket, number, AT)  # refused: agreement ended
    pool_log = database.read(
        redemptions_of_partner, partners.pool, TODAY - timedelta(days=2), TODAY
    )
    assert [(r.at, r.benefit, r.accepted, r.reason_text, r.operator) for r in pool_log] == [
        (datetime(2026, 11, 20, 10, 30), "10% discount", True, "accepted", "tester"),
        (
            datetime(2026, 11, 22, 10, 30),
            "free entry",
            False,
            "benefit not for this card type",
            "tester",
        ),
        (
            datetime(2026, 11, 22, 10, 30),
            "10% discount",
            False,
            "check character does not match",
            "tester",
        ),
    ]
    assert pool_log[2].number == "E089 000000 0" and pool_log[0].number == grouped(number)
    assert (
        database.read(redemptions_of_partner, partners.pool, TODAY, TODAY)[0].benefit
        == "free entry"
    )
    card_log = database.read(redemptions_of_card, _card_id(database, number))
    assert [(r.partner, r.accepted, r.reason) for r in card_log] == [
        ("Cinema Italia", False, "agreement"),
        ("Piscina Comunale", False, "card_type"),
        ("Piscina Comunale", True, ""),
    ]


def test_recording_needs_cards_and_is_audited_by_uid(
    database: Database, world: CardWorld, partners: Partners
) -> None:
    number = add_card(database, world)
    signed_in(database, "educator")
    with pytest.raises(PermissionDenied):
        _redeem(database, partners.pool_discount, number)
    with pytest.raises(PermissionDenied):  # nor read the day's log
        database.read(redemptions_between, TODAY, TODAY)
    signed_in(database, "reception", "desk")
    result = _redeem(database, partners.pool_discount, number)
    assert result.accepted
    uid = database.read(lambda s: str(s.get(Redemption, result.redemption_id).uid))
    entries = database.read(
        lambda s: [
            (e.action, e.note)
            for e in s.scalars(select(AuditEntry).where(AuditEntry.record_uid == uid))
        ]
    )
    assert entries and entries[0][0] == "create" and number not in str(entries)

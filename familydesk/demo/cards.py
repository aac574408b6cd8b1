"""The demo's family cards (issue 7): two card types, partners across the six comuni, the
cards of the families that may have them, and a year of benefit uses.

``fill_cards(session, seed, now)`` runs after the families and the desk's history:
it writes the "Carta Famiglia" and "Carta Giovani" types (:mod:`card_names`), the
partners and their benefits (:mod:`card_partners`), the cards decided by the real
eligibility service over the last two and a half years (:mod:`card_issue`), numbered
per comune in the order they were issued, and the year's uses at the counters
(:mod:`card_uses`). Everything is planned in memory and written with Core inserts;
the same seed and ``now`` give the same rows. ``tests/demo/test_cards.py`` proves
with the services and plain SQL that every card was issued to an eligible family and
every use was accepted or refused for the right reason.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from familydesk.cards.numbers import compose
from familydesk.db.models.cards import Card, CardMember, CardSequence, CardType, Redemption
from familydesk.demo.appointments import utc
from familydesk.demo.card_issue import DemoCard, plan_cards
from familydesk.demo.card_names import CARD_TYPES
from familydesk.demo.card_partners import write_partners
from familydesk.demo.card_uses import plan_uses
from familydesk.demo.rows import RowWriter, advance_sequences, insert_rows, record

CARD_TABLES = (
    "card_type",
    "partner",
    "benefit",
    "benefit_card_type",
    "card",
    "card_member",
    "redemption",
    "card_sequence",
)


@dataclass(frozen=True)
class CardsSummary:
    card_types: int = 0
    cards: int = 0
    partners: int = 0
    benefits: int = 0
    #: Benefit uses recorded, and how many of them were accepted.
    uses: int = 0
    accepted: int = 0


def _card_types(session: Session, rng: random.Random, now: datetime) -> list[CardType]:
    """The demo's card types (those already there by name are kept as they are)."""
    existing = {t.name: t for t in session.scalars(select(CardType))}
    rows = RowWriter(session, rng, (CardType,))
    stamp = utc(now.date().replace(year=now.year - 3, day=1), 10 * 60)
    wanted = []
    for spec in CARD_TYPES:
        if spec["name"] not in existing:
            wanted.append(rows.add(CardType, stamp, **spec))
    rows.write()
    fresh = {t.id: t for t in session.scalars(select(CardType).where(CardType.id.in_(wanted)))}
    named = {**existing, **{t.name: t for t in fresh.values()}}
    return [named[str(spec["name"])] for spec in CARD_TYPES]


def _numbers(session: Session, rng: random.Random, cards: list[DemoCard]) -> None:
    """Number the cards per comune in the order they were issued, after the comune's last
    number, and move the comuni's sequences on."""
    sequences = {s.comune_code: s for s in session.scalars(select(CardSequence))}
    last = {code: s.last for code, s in sequences.items()}
    for card in sorted(cards, key=lambda c: c.stamp):
        last[card.comune_code] = last.get(card.comune_code, 0) + 1
        card.number = compose(card.comune_code, last[card.comune_code])
    new = []
    next_id = max((s.id for s in sequences.values()), default=0) + 1
    for code, value in sorted(last.items()):
        if code in sequences:
            session.execute(
                update(CardSequence).where(CardSequence.comune_code == code).values(last=value)
            )
        else:
            row = record(rng, next_id, None, cards[0].stamp)
            row.update(comune_code=code, last=value)
            new.append(row)
            next_id += 1
    insert_rows(session, CardSequence, new)


def _write_cards(session: Session, rows: RowWriter, cards: list[DemoCard]) -> None:
    for card in sorted(cards, key=lambda c: c.stamp):
        card.id = rows.add(
            Card,
            card.stamp,
            number=card.number,
            card_type_id=card.type_id,
            family_id=card.family_id,
            holder_id=card.holder_id,
            comune_code=card.comune_code,
            issued_on=card.issued_on,
            expires_on=card.expires_on,
            shortened_reason=card.shortened_reason[:200],
            status=card.status,
            revoked_on=card.revoked_on,
            revoke_reason=card.revoke_reason,
            previous_id=card.previous.id if card.previous else None,
            issued_by=card.issued_by,
        )
        row = rows.rows[Card][-1]
        row["version"], row["updated_at"] = card.version, card.changed or card.stamp
        for person_id in card.members:
            rows.add(CardMember, card.stamp, card_id=card.id, person_id=person_id)


def fill_cards(session: Session, seed: int, now: datetime) -> CardsSummary:
    """Card types, partners, cards and a year of uses around ``now`` (local wall-clock time)."""
    rng = random.Random(f"cards-{seed}")
    today = now.date()
    family_type, youth_type = _card_types(session, rng, now)
    type_ids = {"F": family_type.id, "G": youth_type.id}
    partners = write_partners(session, rng, today, type_ids)
    cards = plan_cards(session, rng, today, family_type, youth_type)
    uses = []
    if cards:
        _numbers(session, rng, cards)
        rows = RowWriter(session, rng, (Card, CardMember, Redemption))
        _write_cards(session, rows, cards)
        uses = plan_uses(rng, cards, partners, now)
        for at, typed, benefit, reason, card, operator in uses:
            rows.add(
                Redemption,
                at,
                benefit_id=benefit.id,
                card_id=card.id if card else None,
                number_typed=typed,
                at=at,
                accepted=not reason,
                reason=reason,
                operator=operator,
            )
        rows.write()
    advance_sequences(session, CARD_TABLES)
    return CardsSummary(
        card_types=2,
        cards=len(cards),
        partners=len(partners),
        benefits=sum(len(p.benefits) for p in partners),
        uses=len(uses),
        accepted=sum(1 for u in uses if not u[3]),
    )

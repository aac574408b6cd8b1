"""A card register for the UI tests, on TODAY (2026-11-22; tests.cards.card_data.freeze sets the
clock there): the Bianchi family's cards in every state, and the Rossi family's card in Suzzara."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from familydesk.cards.numbers import next_number
from familydesk.db.database import Database
from familydesk.db.models.cards import Card, CardMember
from familydesk.db.models.registry import Family, Person
from tests.cards.card_data import TODAY, CardWorld, add_card, born, build_world


@dataclass(frozen=True)
class Register:
    world: CardWorld
    #: Card numbers by state: the Bianchi family's family card (active), youth card
    #: (expiring in 10 days), an old family card (expired) and a revoked one; Rossi's card.
    active: str
    expiring: str
    expired: str
    revoked: str
    rossi: str
    rossi_family: int


def _rossi(session: Session, card_type_id: int) -> tuple[int, str]:
    family = Family(name="Rossi", comune_code="L020", comune_name="Suzzara", address="Via Po 3")
    session.add(family)
    session.flush()
    holder = Person(
        family_id=family.id,
        first_name="Giulia",
        last_name="Rossi",
        sex="F",
        relation="parent",
        birth_date=born(38),
    )
    session.add(holder)
    session.flush()
    card = Card(
        number=next_number(session, "L020"),
        card_type_id=card_type_id,
        family_id=family.id,
        holder_id=holder.id,
        comune_code="L020",
        issued_on=TODAY - timedelta(days=100),
        expires_on=TODAY + timedelta(days=200),
    )
    session.add(card)
    session.flush()
    session.add(CardMember(card_id=card.id, person_id=holder.id))
    return family.id, card.number


def build_register(database: Database) -> Register:
    world = build_world(database)
    expired = add_card(database, world, expires_on=TODAY - timedelta(days=5))
    revoked = add_card(database, world, status="revoked")
    expiring = add_card(
        database, world, expires_on=TODAY + timedelta(days=10), card_type_id=world.youth_card
    )
    active = add_card(database, world)
    rossi_family, rossi = database.write(_rossi, world.family_card)
    return Register(world, active, expiring, expired, revoked, rossi, rossi_family)

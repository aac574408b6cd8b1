"""Test data for family cards: the member comuni of the appointments' small calendar
(Gonzaga E089, Suzzara L020), a national-style family card type (3 children under 26,
no income limit) and cards written directly (no eligibility check)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from familydesk.cards.numbers import next_number
from familydesk.db.database import Database
from familydesk.db.models.cards import Card, CardMember, CardType
from familydesk.db.models.registry import Family, Person
from familydesk.kernel import clock
from tests.appointments.calendar_data import Calendar, build

TODAY = date(2026, 11, 22)


@dataclass(frozen=True)
class CardWorld:
    cal: Calendar
    family_card: int
    youth_card: int
    #: A family in Gonzaga with 3 children (2, 10 and 20 years old): (family id, parent id).
    family: tuple[int, int]


def freeze() -> None:
    """Services and pages judge cards on TODAY, the day this data was made for: the clock
    starts there at 10:00 Rome time (the test's ``pinned_clock`` puts it back afterwards)."""
    clock.set_source(clock.ticking_from(datetime.combine(TODAY, time(10), clock.ROME)))


def born(years: int, days: int = 0) -> date:
    return date(TODAY.year - years, TODAY.month, TODAY.day) - timedelta(days=days)


def _world(session: Session, cal: Calendar) -> CardWorld:
    family_card = CardType(
        name="Carta Famiglia",
        min_children=3,
        child_age_limit=26,
        residence_months=0,
        validity_months=24,
    )
    youth_card = CardType(
        name="Carta Giovani",
        min_children=0,
        holder_min_age=18,
        holder_max_age=25,
        validity_months=12,
        isee_ceiling=Decimal("30000"),
    )
    family = Family(
        name="Bianchi",
        comune_code="E089",
        comune_name="Gonzaga",
        resident_since=date(2015, 3, 1),
        phone="0376 58000",
    )
    session.add_all([family_card, youth_card, family])
    session.flush()
    parent = Person(
        family_id=family.id,
        first_name="Laura",
        last_name="Bianchi",
        sex="F",
        relation="parent",
        birth_date=born(45),
    )
    children = [
        Person(
            family_id=family.id,
            first_name=name,
            last_name="Bianchi",
            sex="M",
            relation="child",
            birth_date=born(age),
        )
        for name, age in (("Luca", 2), ("Marco", 10), ("Paolo", 20))
    ]
    session.add_all([parent, *children])
    session.flush()
    return CardWorld(cal, family_card.id, youth_card.id, (family.id, parent.id))


def build_world(database: Database) -> CardWorld:
    return database.write(_world, build(database))


def add_card(
    database: Database,
    world: CardWorld,
    status: str = "active",
    expires_on: date | None = None,
    card_type_id: int | None = None,
) -> str:
    """A card for the Bianchi family written directly; returns its number."""

    def write(session: Session) -> str:
        card = Card(
            number=next_number(session, "E089"),
            card_type_id=card_type_id or world.family_card,
            family_id=world.family[0],
            holder_id=world.family[1],
            comune_code="E089",
            issued_on=TODAY - timedelta(days=30),
            expires_on=expires_on or TODAY + timedelta(days=300),
            status=status,
        )
        session.add(card)
        session.flush()
        session.add(CardMember(card_id=card.id, person_id=world.family[1]))
        return card.number

    return database.write(write)

"""Partners and benefits for the redemption tests: a pool in Gonzaga (agreement until
the end of 2027, 10% off for family cards) and a cinema whose agreement ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from familydesk.cards.partner_editing import BenefitInput, PartnerInput, save_benefit, save_partner
from familydesk.db.database import Database
from tests.cards.card_data import CardWorld


@dataclass(frozen=True)
class Partners:
    pool: int
    pool_discount: int
    #: Free entry at the pool for youth cards only.
    pool_youth: int
    cinema: int
    cinema_ticket: int


def build_partners(database: Database, world: CardWorld) -> Partners:
    def write(session):  # type: ignore[no-untyped-def]
        pool = save_partner(
            session,
            PartnerInput(
                "Piscina Comunale",
                "sports",
                "Gonzaga",
                "E089",
                "Via Roma 1",
                agreement_start=date(2026, 1, 1),
                agreement_end=date(2027, 12, 31),
            ),
        )
        discount = save_benefit(
            session,
            BenefitInput(
                pool.id,
                "percent",
                Decimal("10"),
                description="sull'abbonamento mensile",
                card_type_ids=(world.family_card,),
            ),
        )
        youth = save_benefit(
            session, BenefitInput(pool.id, "free_entry", card_type_ids=(world.youth_card,))
        )
        cinema = save_partner(
            session,
            PartnerInput(
                "Cinema Italia",
                "cultural",
                "Gonzaga",
                "E089",
                agreement_start=date(2025, 1, 1),
                agreement_end=date(2026, 10, 31),
            ),
        )
        ticket = save_benefit(
            session,
            BenefitInput(
                cinema.id,
                "amount",
                Decimal("2.5"),
                card_type_ids=(world.family_card, world.youth_card),
            ),
        )
        return Partners(pool.id, discount.id, youth.id, cinema.id, ticket.id)

    return database.write(write)

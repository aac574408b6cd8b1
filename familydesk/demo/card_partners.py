"""The demo's partners (esercizi convenzionati) and their benefits, across the six comuni.

Each partner of :data:`familydesk.demo.partner_names.PARTNERS` is an organisation of
the services directory (named as the partner, its kind from the category, in its member
comune) with an address, a phone and an e-mail, and an agreement with a contact person
(most in force, a few ended in the last year, one starting next month) and one to three
benefits of its kind, each for the family card, the youth card or both. Written with
Core inserts through a :class:`RowWriter`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.cards.eligibility import add_months
from familydesk.cards.partner_editing import organisation_kind
from familydesk.db.models.cards import Benefit, BenefitCardType, Partner
from familydesk.db.models.directory import Organisation
from familydesk.db.models.registry import MemberComune
from familydesk.demo import names
from familydesk.demo.appointments import utc
from familydesk.demo.partner_names import CONTACT_ROLES, ENDED, FUTURE, HOURS, KINDS, PARTNERS
from familydesk.demo.rows import RowWriter
from familydesk.kernel.text import fold


@dataclass
class DemoPartner:
    id: int
    name: str
    comune_code: str
    #: Weekday -> ("HH:MM", "HH:MM") opening spans.
    hours: dict[int, tuple[tuple[str, str], ...]]
    start: date | None
    end: date | None
    benefits: list[DemoBenefit] = field(default_factory=list)

    def in_force(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class DemoBenefit:
    id: int
    partner: DemoPartner
    #: Card type ids it applies to.
    types: frozenset[int]
    active: bool = True


def _agreement(rng: random.Random, today: date, how: str) -> tuple[date, date | None]:
    """(start, end) of a partner's agreement, relative to ``today``."""
    this_month = today.replace(day=1)
    if how == FUTURE:
        start = add_months(this_month, 1)
        return start, date(start.year + 2, 12, 31)
    if how == ENDED:
        end = add_months(this_month, -rng.randint(1, 10)) - timedelta(days=1)
        return add_months(end + timedelta(days=1), -rng.choice((12, 24, 36))), end
    start = add_months(this_month, -rng.randint(3, 40))
    if rng.random() < 0.4:
        return start, None
    return start, date(today.year + rng.randint(1, 2), 12, 31)


def _contact(rng: random.Random, name: str) -> tuple[str, str, str]:
    """(contact person, phone, e-mail) of a partner."""
    female = rng.random() < 0.6
    first = rng.choice(names.ITALIAN_FEMALE if female else names.ITALIAN_MALE)
    person = f"{first} {rng.choice(names.ITALIAN_SURNAMES)}, {rng.choice(CONTACT_ROLES)}"
    slug = re.sub(r"[^a-z0-9]+", "", fold(name).lower())[:24]
    return person, f"0376 {rng.randint(500_000, 699_999)}", f"{slug}@esempio.it"


def write_partners(
    session: Session, rng: random.Random, today: date, type_ids: dict[str, int]
) -> list[DemoPartner]:
    """Write the partners and their benefits; ``type_ids`` maps "F" and "G" to card types."""
    comuni = dict(session.execute(select(MemberComune.cadastral_code, MemberComune.name)).all())
    rows = RowWriter(session, rng, (Organisation, Partner, Benefit, BenefitCardType))
    partners = []
    for code, kind_name, name, how in PARTNERS:
        if code not in comuni:
            continue
        kind = KINDS[kind_name]
        start, end = _agreement(rng, today, how)
        signed = min(start, today) - timedelta(days=rng.randint(5, 40))
        stamp = utc(signed, rng.randrange(9 * 60, 17 * 60))
        contact, phone, email = _contact(rng, name)
        address = f"{rng.choice(names.STREETS)} {rng.randint(1, 90)}"
        organisation_id = rows.add(
            Organisation,
            stamp,
            name=name,
            kind=organisation_kind(kind.category),
            tax_code="",
            comune_name=comuni[code],
            comune_code=code,
            address=address,
            postal_code=names.CAPS.get(code, ""),
            phone=phone,
            email=email,
            web="",
            notes="",
            active=True,
        )
        partner_id = rows.add(
            Partner,
            stamp,
            organisation_id=organisation_id,
            category=kind.category,
            contact=contact,
            agreement_start=start,
            agreement_end=end,
            active=True,
        )
        partner = DemoPartner(partner_id, name, code, HOURS[kind.hours], start, end)
        offers = rng.sample(kind.offers, min(len(kind.offers), rng.choice((1, 2, 2, 3))))
        for offer in offers:
            types = frozenset(type_ids[t] for t in offer.types if t in type_ids)
            benefit_id = rows.add(
                Benefit,
                stamp,
                partner_id=partner_id,
                kind=offer.kind,
                value=Decimal(offer.value).quantize(Decimal("0.01")) if offer.value else None,
                description=offer.description,
                conditions=offer.conditions,
                active=True,
            )
            for type_id in sorted(types):
                rows.add(BenefitCardType, stamp, benefit_id=benefit_id, card_type_id=type_id)
            partner.benefits.append(DemoBenefit(benefit_id, partner, types))
        partners.append(partner)
    rows.write()
    return partners

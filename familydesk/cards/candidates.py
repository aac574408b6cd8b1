"""Families that are eligible for a card type but have no valid card of it.

A first pass in SQL keeps the families that can qualify at all (resident in a member
comune, with enough children under the age limit); the full rule-by-rule check then
runs on those only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.cards.eligibility import birthday, check_eligibility
from familydesk.db.models.cards import Card, CardType
from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.i18n import _
from familydesk.kernel.errors import NotFoundError
from familydesk.registry.records import CHILD_RELATIONS
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions


@dataclass(frozen=True)
class Candidate:
    family_id: int
    family: str
    comune: str
    phone: str
    holder_id: int | None
    expires_on: date


def eligible_without_card(
    session: Session, card_type_id: int, on: date | None = None, limit: int = 500
) -> list[Candidate]:
    """Up to ``limit`` families, by name, that qualify for the type and have no valid card of it."""
    permissions.require(session, permissions.CARDS)
    on = on or local_now().date()
    t = session.get(CardType, card_type_id)
    if t is None:
        raise NotFoundError(_("This card type no longer exists."))
    query = select(Family.id).where(Family.anonymised_on.is_(None))
    if t.residence_required:
        query = query.where(Family.comune_code.in_(select(MemberComune.cadastral_code)))
    if t.min_children:
        relations = CHILD_RELATIONS if t.count_foster else CHILD_RELATIONS - {"foster"}
        oldest = max(t.child_age_limit, t.disability_age_limit or 0)
        born_after = birthday(on, -oldest)
        children = (
            select(Person.family_id)
            .where(
                Person.relation.in_(relations),
                Person.birth_date > born_after,
                Person.anonymised_on.is_(None),
            )
            .group_by(Person.family_id)
            .having(func.count() >= t.min_children)
        )
        query = query.where(Family.id.in_(children))
    holding = select(Card.family_id).where(
        Card.card_type_id == card_type_id,
        Card.status == "active",
        Card.expires_on >= on,
        Card.family_id.is_not(None),
    )
    query = query.where(Family.id.not_in(holding)).order_by(Family.name, Family.id)
    found: list[Candidate] = []
    for family_id in session.scalars(query):
        result = check_eligibility(session, family_id, card_type_id, None, on)
        if result.eligible:
            family = session.get(Family, family_id)
            found.append(
                Candidate(
                    family_id,
                    family.name,
                    family.comune_name,
                    family.phone,  # type: ignore[union-attr]
                    result.holder_id,
                    result.expires_on,
                )
            )
            if len(found) >= limit:
                break
    return found

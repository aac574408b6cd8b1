"""Issuing cards: issue to an eligible family, renew, revoke with a reason, replace a lost
card (new number, the old one invalid); the card register and a family's cards."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.cards.eligibility import Eligibility, check_eligibility
from familydesk.cards.numbers import grouped, next_number
from familydesk.cards.records import CardRow, card_rows
from familydesk.cards.register import ORDER, register_filters
from familydesk.db.database import load_for_update
from familydesk.db.models.cards import Card, CardMember, CardType
from familydesk.db.models.registry import Family, Person
from familydesk.i18n import _, format_date
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.kernel.text import fold
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions

#: Register filters.
STATES = ("active", "expiring", "expired", "revoked")


def _refused(eligibility: Eligibility) -> FamilyDeskError:
    return FamilyDeskError(
        _("The family cannot have {card}: {reasons}").format(
            card=eligibility.card_type, reasons=" ".join(eligibility.reasons)
        )
    )


def _members(session: Session, card: Card, person_ids: tuple[int, ...]) -> None:
    for person_id in person_ids:
        session.add(CardMember(card_id=card.id, person_id=person_id))


def _chosen(
    session: Session, family_id: int, eligibility: Eligibility, member_ids: tuple[int, ...] | None
) -> tuple[int, ...]:
    if member_ids is None:
        return eligibility.members
    family = set(session.scalars(select(Person.id).where(Person.family_id == family_id)))
    if not member_ids or not set(member_ids) <= family:
        raise ValidationError(
            "members", _("Members covered: choose them among the family's members.")
        )
    if eligibility.holder_id not in member_ids:
        return (eligibility.holder_id, *member_ids)  # type: ignore[return-value]
    return member_ids


def valid_card(
    session: Session, family_id: int, card_type_id: int, holder_id: int | None, on: date
) -> Card | None:
    """The family's card of the type valid on ``on`` that a new one would duplicate: any
    for a family card, the holder's own for a card with a holder's age rule (youth cards)."""
    same = [
        Card.family_id == family_id,
        Card.card_type_id == card_type_id,
        Card.status == "active",
        Card.expires_on >= on,
    ]
    card_type = session.get(CardType, card_type_id)
    if card_type is not None and (
        card_type.holder_min_age is not None or card_type.holder_max_age is not None
    ):
        same.append(Card.holder_id == holder_id)  # a personal card: one per holder
    return session.scalars(select(Card).where(*same).order_by(Card.id)).first()


def issue_card(
    session: Session,
    family_id: int,
    card_type_id: int,
    holder_id: int | None = None,
    member_ids: tuple[int, ...] | None = None,
    on: date | None = None,
) -> CardRow:
    """Issue a card to an eligible family: the number comes from the family's comune."""
    permissions.require(session, permissions.CARDS)
    on = on or local_now().date()
    eligibility = check_eligibility(session, family_id, card_type_id, holder_id, on)
    if not eligibility.eligible:
        raise _refused(eligibility)
    current = valid_card(session, family_id, card_type_id, eligibility.holder_id, on)
    if current is not None:
        raise FamilyDeskError(
            _(
                "The family already has card {number} of this type, valid until {day}: renew or "
                "replace it instead."
            ).format(number=grouped(current.number), day=format_date(current.expires_on))
        )
    family = session.get(Family, family_id)
    code = family.comune_code if family else ""
    if not code:
        raise ValidationError(
            "comune", _("The family has no comune of residence: it is needed for the card number.")
        )
    members = _chosen(session, family_id, eligibility, member_ids)
    card = Card(
        number=next_number(session, code),
        card_type_id=card_type_id,
        family_id=family_id,
        holder_id=eligibility.holder_id,
        comune_code=code,
        issued_on=on,
        expires_on=eligibility.expires_on,
        shortened_reason=eligibility.shortened_reason,
        issued_by=session.info.get("operator", ""),
    )
    session.add(card)
    session.flush()
    _members(session, card, members)
    session.flush()
    return card_rows(session, [card])[0]


def _live(session: Session, card_id: int, version: int, on: date) -> Card:
    card = load_for_update(session, Card, card_id, version)
    if card.status == "revoked":
        raise FamilyDeskError(
            _("Card {number} was revoked on {day}.").format(
                number=grouped(card.number), day=format_date(card.revoked_on)
            )
        )
    if card.status == "replaced":
        raise FamilyDeskError(
            _("Card {number} was replaced by another card.").format(number=grouped(card.number))
        )
    return card


def renew_card(session: Session, card_id: int, version: int, on: date | None = None) -> CardRow:
    """A new validity from ``on`` (same number), if the family still qualifies."""
    permissions.require(session, permissions.CARDS)
    on = on or local_now().date()
    card = _live(session, card_id, version, on)
    eligibility = check_eligibility(
        session, card.family_id or 0, card.card_type_id, card.holder_id, on
    )
    if not eligibility.eligible:
        raise _refused(eligibility)
    card.issued_on, card.expires_on = on, eligibility.expires_on
    card.shortened_reason = eligibility.shortened_reason
    session.flush()
    return card_rows(session, [card])[0]


def revoke_card(
    session: Session, card_id: int, version: int, reason: str, on: date | None = None
) -> CardRow:
    permissions.require(session, permissions.CARDS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("reason", _("Reason: say why the card is revoked."))
    if len(reason) > 200:
        raise ValidationError("reason", _("Reason: at most {count} characters.").format(count=200))
    on = on or local_now().date()
    card = _live(session, card_id, version, on)
    card.status, card.revoked_on, card.revoke_reason = "revoked", on, reason
    session.flush()
    return card_rows(session, [card])[0]


def replace_card(
    session: Session, card_id: int, version: int, reason: str, on: date | None = None
) -> CardRow:
    """A lost or damaged card: a new number with the same holder, members and expiry; the
    old number stops being valid at once."""
    permissions.require(session, permissions.CARDS)
    reason = (reason or "").strip() or _("lost card")
    on = on or local_now().date()
    old = _live(session, card_id, version, on)
    if old.expires_on < on:
        raise FamilyDeskError(
            _("Card {number} expired on {day}: renew it instead.").format(
                number=grouped(old.number), day=format_date(old.expires_on)
            )
        )
    old.status, old.revoked_on, old.revoke_reason = "replaced", on, reason[:200]
    members = tuple(
        session.scalars(select(CardMember.person_id).where(CardMember.card_id == old.id))
    )
    new = Card(
        number=next_number(session, old.comune_code),
        card_type_id=old.card_type_id,
        family_id=old.family_id,
        holder_id=old.holder_id,
        comune_code=old.comune_code,
        issued_on=on,
        expires_on=old.expires_on,
        shortened_reason=old.shortened_reason,
        previous_id=old.id,
        issued_by=session.info.get("operator", ""),
    )
    session.add(new)
    session.flush()
    _members(session, new, members)
    session.flush()
    return card_rows(session, [new])[0]


def card_register(
    session: Session,
    state: str | None = None,
    text: str = "",
    on: date | None = None,
    card_type_id: int | None = None,
) -> list[CardRow]:
    """Cards, latest first: all, or active / expiring (within 30 days) / expired / revoked
    (revoked and replaced); ``text`` matches the number, family, holder or comune.
    Every card at once (exports, tests): the register's list reads ``card_register_page``."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    on = on or local_now().date()
    query = select(Card).where(*register_filters(state, card_type_id, on)).order_by(*ORDER)
    return matching(card_rows(session, list(session.scalars(query))), text)


def matching(rows: list[CardRow], text: str) -> list[CardRow]:
    """The cards whose number, family, holder or comune has every word of ``text``."""
    words = fold(text).split()
    if not words:
        return rows
    return [
        r
        for r in rows
        if all(
            w in fold(f"{r.number} {r.grouped_number} {r.family} {r.holder} {r.comune}")
            for w in words
        )
    ]


def cards_of_family(session: Session, family_id: int) -> list[CardRow]:
    permissions.require(session, permissions.VIEW_REGISTRY)
    cards = session.scalars(
        select(Card)
        .where(Card.family_id == family_id)
        .order_by(Card.issued_on.desc(), Card.id.desc())
    )
    return card_rows(session, list(cards))

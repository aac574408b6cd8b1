"""Checking a card by its number: valid or not, and why, in one sentence.

The number may be typed by hand or "typed" by a USB barcode/QR scanner, in any case,
with or without spaces or dashes. A number whose check character does not match
says so ("check") rather than "unknown": the operator then looks for a typo.
The card is read with its type, family, holder and comune in one query on the
unique (indexed) number, then its members.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from familydesk.cards.numbers import grouped, normalise, problem
from familydesk.cards.records import CardRow
from familydesk.db.models.cards import Card, CardMember, CardType
from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.i18n import _, format_date
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions

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
        return _(
            "This is not a card number: 4 characters of the comune's code, 6 digits and a check "
            "character, e.g. E089 000123 H."
        )
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
                date=when, reason=card.revoke_reason
            )
        return state, _("Not valid: revoked on {date}.").format(date=when)
    if state == "replaced":
        successor = _replacement(session, card)
        if successor and card.revoke_reason:
            return state, _("Not valid: replaced by card {number} ({reason}).").format(
                number=successor, reason=card.revoke_reason
            )
        if successor:
            return state, _("Not valid: replaced by card {number}.").format(number=successor)
        return state, _("Not valid: this card was replaced by a new one.")
    if state == "expired":
        return state, _("Not valid: expired on {date}.").format(date=format_date(card.expires_on))
    whose = card.holder or card.family
    return "", _("Valid until {date}: {card_type} of {holder}.").format(
        date=format_date(card.expires_on), card_type=card.card_type, holder=whose
    )


#: Built once: an alias costs more to build than the whole look-up.
_HOLDER = aliased(Person)


def _card_row(session: Session, number: str) -> CardRow | None:
    """The card numbered ``number`` in two queries (the card with its type, family, holder
    and comune by the unique number; then its members): ``card_rows`` takes six."""
    holder = _HOLDER
    found = session.execute(
        select(
            Card,
            CardType.name,
            Family.uid,
            Family.name,
            holder.last_name,
            holder.first_name,
            MemberComune.name,
        )
        .join(CardType, CardType.id == Card.card_type_id)
        .outerjoin(Family, Family.id == Card.family_id)
        .outerjoin(holder, holder.id == Card.holder_id)
        .outerjoin(MemberComune, MemberComune.cadastral_code == Card.comune_code)
        .where(Card.number == number)
    ).first()
    if found is None:
        return None
    c, type_name, family_uid, family, last, first, comune = found
    members = sorted(
        session.execute(
            select(Person.last_name, Person.first_name, Person.id)
            .join(CardMember, CardMember.person_id == Person.id)
            .where(CardMember.card_id == c.id)
        )
    )
    return CardRow(
        id=c.id,
        uid=str(c.uid),
        version=c.version,
        number=c.number,
        card_type_id=c.card_type_id,
        card_type=type_name,
        family_id=c.family_id,
        family_uid=str(family_uid) if family_uid else "",
        family=family or "",
        holder_id=c.holder_id,
        holder=f"{last or ''} {first or ''}".strip(),
        comune_code=c.comune_code,
        comune=comune or c.comune_code,
        member_ids=tuple(m[2] for m in members),
        members=tuple(f"{m[0]} {m[1]}".strip() for m in members),
        issued_on=c.issued_on,
        expires_on=c.expires_on,
        shortened_reason=c.shortened_reason,
        status=c.status,
        revoked_on=c.revoked_on,
        revoke_reason=c.revoke_reason,
        previous_id=c.previous_id,
    )


def find_card(session: Session, typed: str, on: date) -> CardCheck:
    """``check_card`` without the permission check (for services that checked their own)."""
    found = problem(typed)
    if found:
        return CardCheck(typed, "", False, found, number_problem_message(found), None)
    number = normalise(typed)
    row = _card_row(session, number)
    if row is None:
        return CardCheck(typed, number, False, "unknown", _("Unknown card number."), None)
    reason, message = card_message(session, row, on)
    return CardCheck(typed, number, not reason, reason, message, row)


def check_card(session: Session, typed: str, on: date | None = None) -> CardCheck:
    """Whether the card numbered ``typed`` is valid on ``on`` (default: today, local time),
    with the reason and a sentence saying so. Needs ``VIEW_REGISTRY``; reads only."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    return find_card(session, typed, on or today())

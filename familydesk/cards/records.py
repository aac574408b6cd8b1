"""Reading cards: one row per card with its type, family, holder and members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.cards.numbers import grouped, normalise
from familydesk.db.models.cards import Card, CardMember, CardType
from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.i18n import _
from familydesk.kernel.errors import NotFoundError
from familydesk.trust import permissions

#: Days before expiry a card counts as "expiring".
EXPIRING_DAYS = 30


@dataclass(frozen=True)
class CardRow:
    id: int
    uid: str
    version: int
    #: Canonical, without separators (``E089000123H``); ``grouped_number`` to show it.
    number: str
    card_type_id: int
    card_type: str
    family_id: int | None
    family_uid: str
    family: str
    holder_id: int | None
    holder: str
    comune_code: str
    comune: str
    member_ids: tuple[int, ...]
    members: tuple[str, ...]
    issued_on: date
    expires_on: date
    shortened_reason: str
    #: active, revoked or replaced (as stored; ``state`` adds "expired").
    status: str
    revoked_on: date | None
    revoke_reason: str
    previous_id: int | None

    @property
    def grouped_number(self) -> str:
        return grouped(self.number)

    def state(self, on: date) -> str:
        """active, expired, revoked or replaced on day ``on``."""
        if self.status != "active":
            return self.status
        return "expired" if self.expires_on < on else "active"

    def register_state(self, on: date) -> str:
        """``state``, with "expiring" for an active card within ``EXPIRING_DAYS`` of its end
        (the register's filter)."""
        state = self.state(on)
        if state == "active" and self.expires_on <= on + timedelta(days=EXPIRING_DAYS):
            return "expiring"
        return state


def _name(person: Any) -> str:
    """ "Surname Name" of a person row (or record), "" for None."""
    return f"{person.last_name} {person.first_name}".strip() if person else ""


def card_rows(session: Session, cards: list[Card]) -> list[CardRow]:
    """Rows for ``cards`` in a handful of queries, in the given order."""
    if not cards:
        return []
    types = dict(
        session.execute(
            select(CardType.id, CardType.name).where(
                CardType.id.in_({c.card_type_id for c in cards})
            )
        ).all()
    )
    # Columns, not whole records: a register of thousands of cards reads in a fraction.
    families = {
        f.id: f
        for f in session.execute(
            select(Family.id, Family.uid, Family.name).where(
                Family.id.in_({c.family_id for c in cards if c.family_id})
            )
        )
    }
    comuni = dict(session.execute(select(MemberComune.cadastral_code, MemberComune.name)).all())
    links: dict[int, list[int]] = {}
    for card_id, person_id in session.execute(
        select(CardMember.card_id, CardMember.person_id).where(
            CardMember.card_id.in_([c.id for c in cards])
        )
    ):
        links.setdefault(card_id, []).append(person_id)
    wanted = {p for ids in links.values() for p in ids} | {
        c.holder_id for c in cards if c.holder_id
    }
    people = {
        p.id: p
        for p in session.execute(
            select(Person.id, Person.first_name, Person.last_name).where(Person.id.in_(wanted))
        )
    }
    rows = []
    for c in cards:
        family = families.get(c.family_id or 0)
        member_ids = tuple(sorted(links.get(c.id, []), key=lambda i: _name(people.get(i))))
        rows.append(
            CardRow(
                id=c.id,
                uid=str(c.uid),
                version=c.version,
                number=c.number,
                card_type_id=c.card_type_id,
                card_type=types.get(c.card_type_id, ""),
                family_id=c.family_id,
                family_uid=str(family.uid) if family else "",
                family=family.name if family else "",
                holder_id=c.holder_id,
                holder=_name(people.get(c.holder_id or 0)),
                comune_code=c.comune_code,
                comune=comuni.get(c.comune_code, c.comune_code),
                member_ids=member_ids,
                members=tuple(_name(people.get(i)) for i in member_ids),
                issued_on=c.issued_on,
                expires_on=c.expires_on,
                shortened_reason=c.shortened_reason,
                status=c.status,
                revoked_on=c.revoked_on,
                revoke_reason=c.revoke_reason,
                previous_id=c.previous_id,
            )
        )
    return rows


def get_card(session: Session, card_id: int) -> CardRow:
    permissions.require(session, permissions.VIEW_REGISTRY)
    card = session.get(Card, card_id)
    if card is None:
        raise NotFoundError(_("This card no longer exists."))
    return card_rows(session, [card])[0]


def card_by_number(session: Session, typed: str) -> CardRow | None:
    """The card with this number (typed in any case, with or without separators), or None."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    card = session.scalar(select(Card).where(Card.number == normalise(typed)))
    return card_rows(session, [card])[0] if card else None

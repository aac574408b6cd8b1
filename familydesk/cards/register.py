"""The card register page by page (the Family card page's "Card register"), like the family
list: the cards of a state and type, latest first, searched by number, family, holder or
comune, ``limit`` rows from ``offset`` with the count of all that match.

Only the page's cards are built into rows. Without a search the page is cut in SQL; with
one, the lean columns searched (number, family, holder, comune) of the state and type
chosen are read as plain tuples and folded here, as ``matching`` does (case, accents and
apostrophes ignored, in SQLite and PostgreSQL alike), and only the matches' page is built.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from familydesk.cards.numbers import grouped
from familydesk.cards.records import EXPIRING_DAYS, CardRow, card_rows
from familydesk.db.models.cards import Card
from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.kernel.paging import PAGE_SIZE, Page
from familydesk.kernel.text import fold
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions

#: Latest first, as the register always listed them.
ORDER = (Card.issued_on.desc(), Card.id.desc())
_HOLDER = aliased(Person)


def register_filters(
    state: str | None, card_type_id: int | None, on: date
) -> list[ColumnElement[bool]]:
    """The register's filters: all, active, expiring (within 30 days), expired, revoked
    (revoked and replaced); one type or all."""
    where: list[ColumnElement[bool]] = []
    if card_type_id is not None:
        where.append(Card.card_type_id == card_type_id)
    if state == "active":
        where += [Card.status == "active", Card.expires_on >= on]
    elif state == "expiring":
        where += [
            Card.status == "active",
            Card.expires_on >= on,
            Card.expires_on <= on + timedelta(days=EXPIRING_DAYS),
        ]
    elif state == "expired":
        where += [Card.status == "active", Card.expires_on < on]
    elif state == "revoked":
        where.append(Card.status.in_(("revoked", "replaced")))
    return where


def _matching_ids(
    session: Session, where: list[ColumnElement[bool]], words: list[str]
) -> list[int]:
    """The ids, in the register's order, of the cards whose number, family, holder or comune
    has every word (folded) of ``words``."""
    holder = _HOLDER
    query = (
        select(
            Card.id,
            Card.number,
            Family.name,
            holder.last_name,
            holder.first_name,
            MemberComune.name,
        )
        .outerjoin(Family, Family.id == Card.family_id)
        .outerjoin(holder, holder.id == Card.holder_id)
        .outerjoin(MemberComune, MemberComune.cadastral_code == Card.comune_code)
        .where(*where)
        .order_by(*ORDER)
    )
    found = []
    for card_id, number, family, last, first, comune in session.connection().execute(query):
        text = (
            f"{number} {grouped(number)} {family or ''} {last or ''} {first or ''} {comune or ''}"
        )
        folded = fold(text) if not text.isascii() or "'" in text else text.lower()
        if all(w in folded for w in words):
            found.append(card_id)
    return found


def card_register_page(
    session: Session,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    state: str | None = None,
    text: str = "",
    card_type_id: int | None = None,
    on: date | None = None,
) -> Page[CardRow]:
    """``limit`` cards from ``offset`` of the register (see the module), ``total`` all that
    match. Needs ``VIEW_REGISTRY``; reads only."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    where = register_filters(state, card_type_id, on or local_now().date())
    words = fold(text).split()
    if words:
        ids = _matching_ids(session, where, words)
        total, page_ids = len(ids), ids[offset : offset + limit]
        cards = {c.id: c for c in session.scalars(select(Card).where(Card.id.in_(page_ids)))}
        page = [cards[i] for i in page_ids if i in cards]
    else:
        total = session.scalar(select(func.count(Card.id)).where(*where)) or 0
        query = select(Card).where(*where).order_by(*ORDER).offset(offset).limit(limit)
        page = list(session.scalars(query))
    return Page(rows=card_rows(session, page), offset=offset, total=total)

"""Retention of family cards: 60 months after a card stopped being valid (expired,
revoked or replaced), it is *detached*: the family, the holder, the members covered
and the revocation reason go; the number, type, comune and dates stay, so redemptions
and the counts of cards issued stay right and nobody can be traced back.

A valid card in the period counts as the family's activity.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from familydesk.db.models.cards import Card, CardMember
from familydesk.i18n import N_, _, format_date
from familydesk.privacy.retention.kind import (
    RetentionKind,
    updated_for_retention,
)


def _ended():  # type: ignore[no-untyped-def]
    """The day a card stopped being valid."""
    return func.coalesce(Card.revoked_on, Card.expires_on)


def _candidates(_session: Session, cutoff: datetime):  # type: ignore[no-untyped-def]
    return (
        select(Card.id)
        .where(
            _ended() < cutoff.date(), or_(Card.family_id.is_not(None), Card.holder_id.is_not(None))
        )
        .order_by(Card.id)
    )


def _detach(session: Session, ids: list[int], _today: date) -> int:
    session.execute(delete(CardMember).where(CardMember.card_id.in_(ids)))
    values = {"family_id": None, "holder_id": None, "revoke_reason": ""}
    return updated_for_retention(session, Card, ids, values, [*values, "members"])


def _describe(session: Session, ids: list[int]) -> list[tuple[str, str]]:
    rows = session.execute(select(Card.uid, _ended()).where(Card.id.in_(ids)).order_by(Card.id))
    return [
        (str(uid), _("Not valid since {date}").format(date=format_date(day))) for uid, day in rows
    ]


CARDS = RetentionKind(
    key="cards",
    label=N_("Family cards no longer valid (detached from the family)"),
    default_months=60,
    candidates=_candidates,
    apply=_detach,
    describe=_describe,
    explanation=N_(
        "Counted from the day the card expired or was revoked. Number, type, comune "
        "and dates stay for the counts and the redemptions' log."
    ),
)

"""Follow-ups of requests: the operator's list of who to call back, and closing one.

A referral followed up asks "did the family reach the service?": closing it records the
answer (``REFERRAL_OUTCOMES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.frontdesk.needs import need_words
from familydesk.frontdesk.who import Namer, with_visitor
from familydesk.kernel import clock
from familydesk.trust import permissions


@dataclass(frozen=True)
class FollowUp:
    request_id: int
    contact_id: int
    family_id: int | None
    need: str
    follow_up_on: date
    owner: str
    overdue: bool
    version: int
    #: Who came (a name, or "Anonymous visitor") and the request's note: what to call back about.
    who: str = ""
    note: str = ""
    #: Who came (None: a family without saying who, or anonymous) and the need's key.
    person_id: int | None = None
    need_key: str = ""


def open_follow_ups(
    session: Session, owner: str | None = None, today: date | None = None
) -> list[FollowUp]:
    """Follow-ups not done yet, soonest first; only ``owner``'s when given (the to-do list)."""
    permissions.require(session, permissions.FRONTDESK)
    today = today or clock.today()
    # Plain columns, not objects, who came and the need in the same query: an operator's
    # list may hold hundreds of follow-ups (the index of open follow-ups by owner, 0009).
    query = with_visitor(
        select(
            ContactRequest.id,
            Contact.id,
            Contact.family_id,
            Contact.person_id,
            ContactRequest.follow_up_on,
            ContactRequest.follow_up_owner,
            ContactRequest.version,
            ContactRequest.note,
            Need.key,
            Need.name,
        )
        .select_from(ContactRequest)
        .join(Contact, Contact.id == ContactRequest.contact_id)
        .join(Need, Need.id == ContactRequest.need_id)
        .where(ContactRequest.follow_up_on.is_not(None), ContactRequest.follow_up_done_on.is_(None))
        .order_by(ContactRequest.follow_up_on, ContactRequest.id)
    )
    if owner is not None:
        query = query.where(ContactRequest.follow_up_owner == owner)
    who = Namer()
    named: dict[tuple[str, str], str] = {}
    rows = []
    for r in session.connection().execute(query):
        request_id, contact_id, family_id, person_id, on, owner_, version, note, key, name = r[:10]
        need = named.get((key, name))
        if need is None:
            need = named[(key, name)] = need_words(key, name)
        rows.append(
            FollowUp(
                request_id,
                contact_id,
                family_id,
                need,
                on,
                owner_,
                on < today,
                version,
                who(r[10:]),
                note,
                person_id,
                key,
            )
        )
    return rows


def close_follow_up(
    session: Session, request_id: int, version: int, on: date | None = None
) -> None:
    permissions.require(session, permissions.FRONTDESK)
    request = load_for_update(session, ContactRequest, request_id, version)
    request.follow_up_done_on = on or clock.today()
    session.flush()

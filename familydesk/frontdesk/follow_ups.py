"""Follow-ups of requests: the operator's list of who to call back, and closing one.

A referral followed up asks "did the family reach the service?": closing it records the
answer (``REFERRAL_OUTCOMES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.directory import DirectoryService
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.frontdesk.contacts import REFERRAL_OUTCOMES
from familydesk.frontdesk.needs import need_words
from familydesk.frontdesk.who import Namer, with_visitor
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import FieldErrors
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
    #: A referral's follow-up asks whether the family reached the service: its name (the
    #: directory's, else the free text), "" for any other follow-up.
    is_referral: bool = False
    service_name: str = ""

    def question(self) -> str:
        """What to ask when calling back about a referral ("" for another follow-up)."""
        if not self.is_referral:
            return ""
        if self.service_name:
            return _("did the family reach «{service}»?").format(service=self.service_name)
        return _("did the family reach the service?")


#: Days a follow-up still waiting moves on by default.
WAIT_DAYS = 7


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
            ContactRequest.outcomes,
            ContactRequest.referral_to,
            DirectoryService.name,
        )
        .select_from(ContactRequest)
        .join(Contact, Contact.id == ContactRequest.contact_id)
        .join(Need, Need.id == ContactRequest.need_id)
        .outerjoin(DirectoryService, DirectoryService.id == ContactRequest.service_id)
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
        outcomes, referral_to, service = r[10:13]
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
                who(r[13:]),
                note,
                person_id,
                key,
                "referral" in outcomes.split(","),
                service or referral_to if "referral" in outcomes.split(",") else "",
            )
        )
    return rows


def close_follow_up(
    session: Session,
    request_id: int,
    version: int,
    on: date | None = None,
    outcome: str | None = None,
    next_on: date | None = None,
) -> None:
    """The follow-up done ``on`` (today by default).

    A referral's follow-up may carry the answer ``outcome`` (``REFERRAL_OUTCOMES``):
    reached, not reached or refused close it, recorded as of that day; "waiting" keeps it
    open and moves it on to ``next_on`` (from tomorrow on; a week from today by default).
    Refused: an outcome on a request that is not a referral, ``next_on`` without "waiting";
    ``ValidationError`` names the field, nothing is saved.
    """
    permissions.require(session, permissions.FRONTDESK)
    request = load_for_update(session, ContactRequest, request_id, version)
    today = clock.today()
    day = on or today
    errors = FieldErrors()
    if outcome is not None:
        if outcome not in REFERRAL_OUTCOMES:
            errors.add(
                "outcome",
                _("Outcome: reached, not reached, refused or still waiting."),
            )
        elif "referral" not in request.outcomes.split(","):
            errors.add("outcome", _("Outcome: only a referral's follow-up has one."))
    if next_on is not None:
        if outcome != "waiting":
            errors.add("next_on", _("Next follow-up: only when the family is still waiting."))
        elif next_on <= today:
            errors.add("next_on", _("Next follow-up: a date from tomorrow on."))
    errors.raise_any()
    if outcome == "waiting":
        request.referral_outcome = "waiting"
        request.follow_up_on = next_on or today + timedelta(days=WAIT_DAYS)
        session.flush()
        return
    if outcome is not None:
        request.referral_outcome = outcome
        request.referral_outcome_on = day
    request.follow_up_done_on = day
    session.flush()

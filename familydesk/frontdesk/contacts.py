"""Walk-in contacts and their requests (services; the caller commits).

One contact per person per day: a second visit the same day adds its
requests to the morning's contact. An anonymous visitor is recorded with
statistics only (sex, birth year, citizenship, comune).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from familydesk.db.base import utcnow
from familydesk.db.models.directory import DirectoryService
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.frontdesk.needs import need_name
from familydesk.frontdesk.visitors import clean_citizenship, clean_comune
from familydesk.i18n import N_, _
from familydesk.kernel import clock
from familydesk.kernel.errors import FieldErrors
from familydesk.registry.families import load_person
from familydesk.trust import permissions

CHANNELS: dict[str, str] = {
    "in_person": N_("in person"),
    "phone": N_("phone"),
    "email": N_("e-mail"),
    "other": N_("other"),
}
#: Did the family reach the service it was sent to? (the follow-up of a referral)
REFERRAL_OUTCOMES: dict[str, str] = {
    "waiting": N_("still waiting"),
    "reached": N_("reached the service"),
    "not_reached": N_("did not reach it"),
    "refused": N_("refused"),
}
OUTCOMES: dict[str, str] = {
    "information": N_("information given"),
    "referral": N_("referral to another service"),
    "appointment": N_("appointment booked"),
    "taken_in_charge": N_("taken in charge"),
    "nothing_possible": N_("nothing possible"),
}


@dataclass(frozen=True)
class RequestInput:
    need_key: str
    outcomes: tuple[str, ...] = ("information",)
    note: str = ""
    #: The free text of a referral to a service not in the directory ("other").
    referral_to: str = ""
    follow_up_on: date | None = None
    #: Who follows it up (operator name); empty: the operator recording it.
    follow_up_owner: str = ""
    #: The directory's service the family is sent to, when an outcome is a referral.
    service_id: int | None = None


@dataclass(frozen=True)
class ContactInput:
    channel: str = "in_person"
    #: A registered person (their family is taken from the registry) ...
    person_id: int | None = None
    #: ... or a family without saying who came, or neither: an anonymous visitor.
    family_id: int | None = None
    anon_sex: str = ""
    anon_birth_year: int | None = None
    anon_citizenship: str = ""
    anon_comune: str = ""
    referred_by: str = ""
    contact_date: date | None = None
    requests: tuple[RequestInput, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RequestRow:
    id: int
    need_key: str
    need: str
    outcomes: tuple[str, ...]
    note: str
    referral_to: str
    follow_up_on: date | None
    follow_up_owner: str
    follow_up_done_on: date | None
    #: The directory's service (its name, "" when the referral is free text or none).
    service_id: int | None = None
    service_name: str = ""
    #: "", waiting, reached, not_reached or refused (see REFERRAL_OUTCOMES).
    referral_outcome: str = ""
    referral_outcome_on: date | None = None

    @property
    def referral(self) -> str:
        """Where the family was sent: the directory's service, else the free text."""
        return self.service_name or self.referral_to


@dataclass(frozen=True)
class ContactRow:
    id: int
    uid: str
    contact_date: date
    arrived_at: datetime
    operator: str
    channel: str
    family_id: int | None
    person_id: int | None
    anonymous: bool
    referred_by: str
    status: str
    requests: tuple[RequestRow, ...]
    version: int


def _request_row(request: ContactRequest, need: Need, services: dict[int, str]) -> RequestRow:
    return RequestRow(
        request.id,
        need.key,
        need_name(need),
        tuple(o for o in request.outcomes.split(",") if o),
        request.note,
        request.referral_to,
        request.follow_up_on,
        request.follow_up_owner,
        request.follow_up_done_on,
        request.service_id,
        services.get(request.service_id, "") if request.service_id else "",
        request.referral_outcome,
        request.referral_outcome_on,
    )


def service_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """The directory's names of the services ``ids`` (referrals)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    query = select(DirectoryService.id, DirectoryService.name).where(
        DirectoryService.id.in_(wanted)
    )
    return {service_id: name for service_id, name in session.execute(query)}


def contact_row(session: Session, contact: Contact) -> ContactRow:
    needs = {n.id: n for n in session.scalars(select(Need))}
    services = service_names(session, {r.service_id for r in contact.requests})
    return ContactRow(
        contact.id,
        str(contact.uid),
        contact.contact_date,
        contact.arrived_at,
        contact.operator,
        contact.channel,
        contact.family_id,
        contact.person_id,
        contact.person_id is None and contact.family_id is None,
        contact.referred_by,
        contact.status,
        tuple(_request_row(r, needs[r.need_id], services) for r in contact.requests),
        contact.version,
    )


def _clean_request(
    session: Session, request: RequestInput, today: date, errors: FieldErrors
) -> tuple[Need, RequestInput] | None:
    """The request's need, or None; what is wrong goes to ``errors``, in the form's order."""
    need = session.scalar(select(Need).where(Need.key == request.need_key, Need.active.is_(True)))
    if need is None:
        errors.add("need", _("Need: choose one from the list."))
    outcomes = tuple(dict.fromkeys(o for o in request.outcomes if o))
    if not outcomes or any(o not in OUTCOMES for o in outcomes):
        errors.add(
            "outcomes",
            _(
                "Outcome: choose at least one of information given, referral, appointment booked, "
                "taken in charge, nothing possible."
            ),
        )
    if "referral" in outcomes and request.service_id is None and not request.referral_to.strip():
        errors.add("referral_to", _("Referred to: say which service the family was sent to."))
    if request.service_id is not None and session.get(DirectoryService, request.service_id) is None:
        errors.add("referral_to", _("Referred to: this service is no longer in the directory."))
    if request.follow_up_on is not None and request.follow_up_on < today:
        errors.add("follow_up_on", _("Follow-up date: a date from today on."))
    return (need, request) if need is not None else None


def _clean_contact(
    session: Session, contact: ContactInput, today: date, errors: FieldErrors
) -> ContactInput:
    """The contact with an anonymous visitor's comune and citizenship as stored (those of
    a known person or family are not kept, so not checked); errors go to ``errors``."""
    anonymous = contact.person_id is None and contact.family_id is None
    if not anonymous:
        contact = replace(
            contact, anon_sex="", anon_birth_year=None, anon_citizenship="", anon_comune=""
        )
    if contact.anon_sex not in ("", "F", "M"):
        errors.add("anon_sex", _("Sex: F or M, or leave it empty."))
    year = contact.anon_birth_year
    if year is not None and not today.year - 120 <= year <= today.year:
        errors.add(
            "anon_birth_year",
            _("Birth year: a year between {first} and {last}.").format(
                first=today.year - 120, last=today.year
            ),
        )
    citizenship = errors.check(clean_citizenship, contact.anon_citizenship)
    comune = errors.check(clean_comune, session, contact.anon_comune)
    if contact.channel not in CHANNELS:
        errors.add("channel", _("Channel: in person, phone, e-mail or other."))
    if not contact.requests:
        errors.add("need", _("Need: record at least one request."))
    return replace(contact, anon_citizenship=citizenship or "", anon_comune=comune or "")


def _cleaned(
    session: Session, contact: ContactInput, today: date
) -> tuple[ContactInput, list[tuple[Need, RequestInput]]]:
    """The contact and its requests as saved; ``ValidationError`` lists every wrong field
    at once, top to bottom as the form shows them (a request's, the last one's)."""
    errors = FieldErrors()
    contact = _clean_contact(session, contact, today, errors)
    cleaned = [_clean_request(session, r, today, errors) for r in contact.requests]
    errors.raise_any()
    return contact, [c for c in cleaned if c is not None]


def check_request(session: Session, request: RequestInput, today: date | None = None) -> None:
    """Refuse a request ``record_contact`` would refuse, saving nothing (the form checks
    each request as the operator adds another); every wrong field at once."""
    permissions.require(session, permissions.FRONTDESK)
    errors = FieldErrors()
    _clean_request(session, request, today or clock.today(), errors)
    errors.raise_any()


def check_contact(session: Session, contact: ContactInput, now: datetime | None = None) -> None:
    """Refuse what ``record_contact`` would refuse, saving nothing (the form asks it when a
    field of its own cannot be read, to show every wrong field at once)."""
    permissions.require(session, permissions.FRONTDESK)
    now = now or utcnow()
    _cleaned(session, contact, contact.contact_date or now.astimezone(clock.ROME).date())


def _place_in_queue(record: Contact, channel: str, now: datetime, operator: str) -> None:
    """In person: the visitor waits in today's queue (again, if already seen today).
    By phone or e-mail: done at once. A call from someone already waiting changes nothing."""
    if channel == "in_person" and record.status in (None, "done"):
        record.status, record.arrived_at = "waiting", now
        record.served_at, record.served_by, record.done_at = None, "", None
    elif channel != "in_person" and record.status is None:
        record.status, record.done_at = "done", now
        record.served_at, record.served_by = now, operator


def record_contact(
    session: Session, contact: ContactInput, now: datetime | None = None
) -> ContactRow:
    """Record a contact with its requests, or add them to today's contact of the same person.

    The contact's place in the queue follows the channel (see ``_place_in_queue``).
    ``ValidationError`` lists every wrong field at once; an anonymous visitor's comune and
    citizenship must be entries of the lists (``visitor_lists``), nothing else is saved.
    """
    permissions.require(session, permissions.FRONTDESK)
    now = now or utcnow()
    today = contact.contact_date or now.astimezone(clock.ROME).date()
    contact, cleaned = _cleaned(session, contact, today)
    family_id = contact.family_id
    if contact.person_id is not None:
        person = load_person(session, contact.person_id)
        family_id = person.family_id
    record = None
    if contact.person_id is not None:
        record = session.scalar(
            select(Contact).where(
                Contact.person_id == contact.person_id, Contact.contact_date == today
            )
        )
    operator = str(session.info.get("operator") or "")
    if record is None:
        anonymous = contact.person_id is None and family_id is None
        record = Contact(
            contact_date=today,
            arrived_at=now,
            operator=operator,
            channel=contact.channel,
            family_id=family_id,
            person_id=contact.person_id,
            anon_sex=contact.anon_sex if anonymous else "",
            anon_birth_year=contact.anon_birth_year if anonymous else None,
            anon_citizenship=contact.anon_citizenship if anonymous else "",
            anon_comune=contact.anon_comune if anonymous else "",
            referred_by=contact.referred_by.strip(),
        )
        session.add(record)
    _place_in_queue(record, contact.channel, now, operator)
    for need, request in cleaned:
        record.requests.append(
            ContactRequest(
                need_id=need.id,
                outcomes=",".join(dict.fromkeys(request.outcomes)),
                note=request.note.strip(),
                referral_to=request.referral_to.strip() if "referral" in request.outcomes else "",
                service_id=request.service_id if "referral" in request.outcomes else None,
                # A referral followed up waits for the answer "did the family get there?".
                referral_outcome="waiting"
                if "referral" in request.outcomes and request.follow_up_on
                else "",
                follow_up_on=request.follow_up_on,
                follow_up_owner=(request.follow_up_owner.strip() or operator)
                if request.follow_up_on
                else "",
            )
        )
    session.flush()
    return contact_row(session, record)


def contacts_of_family(session: Session, family_id: int, limit: int = 200) -> list[ContactRow]:
    """A family's contact history, newest first (the family page shows it).

    Roles that may not read social notes (educators) get the requests without their notes.
    """
    permissions.require(session, permissions.VIEW_REGISTRY)
    query = (
        select(Contact)
        .where(Contact.family_id == family_id)
        .order_by(Contact.contact_date.desc(), Contact.id.desc())
        .limit(limit)
        .options(selectinload(Contact.requests))
    )
    rows = [contact_row(session, c) for c in session.scalars(query)]
    if permissions.allowed(session, permissions.SENSITIVE):
        return rows
    return [replace(row, requests=tuple(replace(r, note="") for r in row.requests)) for row in rows]

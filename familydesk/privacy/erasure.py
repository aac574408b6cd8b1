"""Erasure requests (GDPR art. 17, the right to be forgotten): record, decide, carry out.

The desk records a request (``PRIVACY_REQUEST``); a coordinator decides it
(``PRIVACY_MANAGE``): carrying it out anonymises the person, and their family
too when no other identified member remains (see ``familydesk.privacy.anonymise``);
refusing it needs one of the grounds of art. 17(3) that apply to a family
centre. Every step is audited by uid, never by name.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from familydesk.db.database import load_for_update
from familydesk.db.models.registry import ErasureRequest, Family, Person
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.privacy.anonymise import anonymise_family, anonymise_person, identified_members
from familydesk.privacy.erasure_words import REFUSAL_GROUNDS, STATUSES
from familydesk.registry.families import load_person
from familydesk.trust import audit, permissions


@dataclass(frozen=True)
class ErasureRow:
    id: int
    uid: str
    person_id: int | None
    person_uid: str
    #: Surname and name while the person is identified; empty once anonymised or deleted.
    person_name: str
    family_id: int | None
    received_on: date
    requested_by: str
    status: str
    decided_on: date | None
    decided_by: str
    refusal_ground: str
    refusal_note: str
    version: int


def _row(request: ErasureRequest, person: Person | None) -> ErasureRow:
    named = person is not None and person.anonymised_on is None
    return ErasureRow(
        id=request.id,
        uid=str(request.uid),
        person_id=request.person_id,
        person_uid=str(request.person_uid),
        person_name=f"{person.last_name} {person.first_name}" if named else "",  # type: ignore[union-attr]
        family_id=person.family_id if person is not None else None,
        received_on=request.received_on,
        requested_by=request.requested_by,
        status=request.status,
        decided_on=request.decided_on,
        decided_by=request.decided_by,
        refusal_ground=request.refusal_ground,
        refusal_note=request.refusal_note,
        version=request.version,
    )


def record_erasure_request(
    session: Session,
    person_id: int,
    received_on: date | None = None,
    requested_by: str = "",
    today: date | None = None,
) -> ErasureRow:
    """Record that ``person_id`` (or someone for them) asked to be erased.

    Refuses a date in the future, an anonymised person and a second open
    request for the same person.
    """
    permissions.require(session, permissions.PRIVACY_REQUEST)
    today = today or clock.today()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError("received_on", _("Received on: the date cannot be in the future."))
    person = load_person(session, person_id)
    if person.anonymised_on is not None:
        raise ValidationError(
            "person", _("This person is already anonymised: nothing is left to erase.")
        )
    pending = session.scalar(
        select(ErasureRequest.id).where(
            ErasureRequest.person_id == person_id, ErasureRequest.status == "open"
        )
    )
    if pending is not None:
        raise ValidationError(
            "person",
            _("An erasure request for this person is already open (number {id}).").format(
                id=pending
            ),
        )
    request = ErasureRequest(
        person_id=person.id,
        person_uid=person.uid,
        received_on=received_on,
        requested_by=requested_by.strip()[:200],
        status="open",
    )
    session.add(request)
    session.flush()
    audit.record(session, "erasure-request", request, note=f"person {person.uid}")
    return _row(request, person)


def list_erasure_requests(session: Session, status: str | None = None) -> list[ErasureRow]:
    """Requests, open ones first, newest first within each status."""
    permissions.require(session, permissions.PRIVACY_MANAGE)
    if status is not None and status not in STATUSES:
        raise ValidationError("status", _("Status: choose open, carried_out or refused."))
    query = select(ErasureRequest, Person).outerjoin(Person, Person.id == ErasureRequest.person_id)
    if status is not None:
        query = query.where(ErasureRequest.status == status)
    query = query.order_by(
        (ErasureRequest.status != "open"),
        ErasureRequest.received_on.desc(),
        ErasureRequest.id.desc(),
    )
    return [_row(request, person) for request, person in session.execute(query)]


def _open_request(session: Session, request_id: int, version: int) -> ErasureRequest:
    request = load_for_update(session, ErasureRequest, request_id, version)
    if request.status != "open":
        raise ValidationError(
            "status",
            _("This request was already decided ({status}).").format(
                status=_(STATUSES[request.status]).lower()
            ),
        )
    return request


def _decided(session: Session, request: ErasureRequest, status: str, today: date | None) -> None:
    request.status = status
    request.decided_on = today or clock.today()
    request.decided_by = audit.operator_of(session)[:100]


def carry_out_erasure(
    session: Session, request_id: int, version: int, today: date | None = None
) -> ErasureRow:
    """Anonymise the person of the request, and the family if nobody identified is left."""
    permissions.require(session, permissions.PRIVACY_MANAGE)
    request = _open_request(session, request_id, version)
    person = session.get(Person, request.person_id) if request.person_id else None
    if person is not None:
        family = session.scalars(
            select(Family)
            .where(Family.id == person.family_id)
            .options(selectinload(Family.members).selectinload(Person.consents))
        ).one()
        anonymise_person(session, person, today)
        if not identified_members(family):
            anonymise_family(session, family, today)
        session.flush()
    _decided(session, request, "carried_out", today)
    session.flush()
    audit.record(session, "erasure-carry-out", request, note=f"person {request.person_uid}")
    return _row(request, person)


def refuse_erasure(
    session: Session,
    request_id: int,
    version: int,
    ground: str,
    note: str = "",
    today: date | None = None,
) -> ErasureRow:
    """Refuse a request on one of ``REFUSAL_GROUNDS``; the person's data stay."""
    permissions.require(session, permissions.PRIVACY_MANAGE)
    if ground not in REFUSAL_GROUNDS:
        raise ValidationError(
            "ground",
            _(
                "Ground for refusal: choose one of the grounds of "
                "art. 17(3) (for example, a legal obligation)."
            ),
        )
    request = _open_request(session, request_id, version)
    _decided(session, request, "refused", today)
    request.refusal_ground = ground
    request.refusal_note = note.strip()
    session.flush()
    audit.record(session, "erasure-refuse", request, note=ground)
    person = session.get(Person, request.person_id) if request.person_id else None
    return _row(request, person)


def request_id_for(session: Session, key: str) -> int:
    """A request given by number or uid (for the CLI)."""
    key = key.strip()
    try:
        found = session.scalar(select(ErasureRequest.id).where(ErasureRequest.id == int(key)))
    except ValueError:
        try:
            uid = uuid.UUID(key)
        except ValueError:
            uid = None
        found = uid and session.scalar(select(ErasureRequest.id).where(ErasureRequest.uid == uid))
    if not found:
        raise NotFoundError(_("No erasure request matches “{key}”.").format(key=key))
    return found


def get_erasure_request(session: Session, request_id: int) -> ErasureRow:
    permissions.require(session, permissions.PRIVACY_MANAGE)
    request = session.get(ErasureRequest, request_id)
    if request is None:
        raise NotFoundError(_("This record no longer exists: someone else may have deleted it."))
    person = session.get(Person, request.person_id) if request.person_id else None
    return _row(request, person)

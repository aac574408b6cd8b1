"""Anonymisation: remove who someone is, keep what statistics need.

What stays of a person: year of birth (``birth_year``), sex, relation to the
family, citizenship; of a family: the comune of residence. Everything that
names, reaches or describes them goes: names, tax code, birth date and place,
phone, e-mail, languages, disability, social notes, the reason for a missing
tax code, the ISEE, the address with its CAP and the import key, and the free-text notes
of their walk-in requests and appointments. Their consents (signed by
name) and the snapshots of duplicates merged into them are deleted.

Anonymised records keep their rows (so counts by comune, year and sex stay
right) but have no search words and no name key: the session hook
(``familydesk.trust.hooks.person_words``) leaves those empty for them, so search
and duplicate checks never find them. Each anonymised record gets one
``anonymise`` line in the audit trail (uid only, never values); the audit
trail itself is never purged.

These helpers run inside the caller's write (retention, erasure); they check
no permission themselves: their callers require ``PRIVACY_MANAGE``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.appointments import Appointment
from familydesk.db.models.cards import Card
from familydesk.db.models.frontdesk import Contact, ContactRequest
from familydesk.db.models.groups import Enrolment
from familydesk.db.models.registry import Consent, Family, Person, PersonMerge
from familydesk.kernel import clock
from familydesk.trust import audit

#: Person columns cleared by anonymisation (empty text), and those set to NULL.
PERSON_TEXT = (
    "first_name",
    "last_name",
    "birth_place",
    "no_code_reason",
    "languages",
    "phone",
    "email",
    "notes",
    "search_text",
    "name_key",
)
PERSON_NULL = ("tax_code", "birth_date")
FAMILY_TEXT = ("name", "address", "postal_code", "phone", "email", "notes", "external_key")
FAMILY_NULL = ("isee_value", "isee_expiry")


def anonymise_person(session: Session, person: Person, today: date | None = None) -> bool:
    """Remove ``person``'s identity; False when they were already anonymised."""
    if person.anonymised_on is not None:
        return False
    if person.birth_date is not None:
        person.birth_year = person.birth_date.year
    for name in PERSON_TEXT:
        setattr(person, name, "")
    for name in PERSON_NULL:
        setattr(person, name, None)
    person.disability = False
    person.anonymised_on = today or clock.today()
    for consent in list(person.consents):
        session.delete(consent)
    for merged in session.scalars(
        select(PersonMerge).where(PersonMerge.kept_person_id == person.id)
    ):
        session.delete(merged)
    _clear_desk_notes(
        session,
        Contact.person_id == person.id,
        Appointment.person_id == person.id,
        Enrolment.person_id == person.id,
    )
    audit.record(session, "anonymise", person)
    return True


def _clear_desk_notes(
    session: Session, contacts: object, appointments: object, enrolments: object
) -> None:
    """Free-text notes of walk-in requests, appointments and group sign-ups (and the reasons
    of withdrawals) may name people: cleared."""
    requests = select(ContactRequest).join(Contact, Contact.id == ContactRequest.contact_id)
    for request in session.scalars(requests.where(contacts, ContactRequest.note != "")):  # type: ignore[arg-type]
        request.note = ""
    for appointment in session.scalars(
        select(Appointment).where(appointments, Appointment.note != "")
    ):  # type: ignore[arg-type]
        appointment.note = ""
    for enrolment in session.scalars(select(Enrolment).where(enrolments)):  # type: ignore[arg-type]
        if enrolment.note or enrolment.withdraw_reason:
            enrolment.note = enrolment.withdraw_reason = ""


def _end_cards(session: Session, family_id: int, today: date) -> None:
    """An anonymised family's cards stop being valid; reasons (free text) are cleared."""
    for card in session.scalars(select(Card).where(Card.family_id == family_id)):
        if card.status == "active":
            card.status, card.revoked_on = "revoked", today
        card.revoke_reason = ""


def anonymise_family(session: Session, family: Family, today: date | None = None) -> int:
    """Anonymise ``family`` and every member; returns how many records changed."""
    changed = sum(anonymise_person(session, person, today) for person in family.members)
    if family.anonymised_on is None:
        for name in FAMILY_TEXT:
            setattr(family, name, "")
        for name in FAMILY_NULL:
            setattr(family, name, None)
        family.anonymised_on = today or clock.today()
        _end_cards(session, family.id, family.anonymised_on)
        _clear_desk_notes(
            session,
            Contact.family_id == family.id,
            Appointment.family_id == family.id,
            Enrolment.family_id == family.id,
        )
        audit.record(session, "anonymise", family)
        changed += 1
    session.flush()
    return changed


def identified_members(family: Family) -> list[Person]:
    """Members of ``family`` who still have an identity."""
    return [person for person in family.members if person.anonymised_on is None]


def delete_consents(session: Session, ids: list[int]) -> int:
    """Delete consents by id, each audited by the session hook."""
    consents = list(session.scalars(select(Consent).where(Consent.id.in_(ids))))
    for consent in consents:
        session.delete(consent)
    session.flush()
    return len(consents)

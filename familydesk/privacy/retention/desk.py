"""Retention of front-desk records: walk-in contacts and appointments.

- **Walk-in contacts**: 60 months after the contact, then *detached*: the link
  to the person and family goes, and the contact keeps sex, year of birth,
  citizenship and comune, like an anonymous visitor. The counts by need, macro-
  area and comune that the Piano di Zona asks for stay right; nobody can be
  traced back.
- **Notes of walk-in requests and appointments**: 24 months after the day,
  then cleared, as the family's social notes are (they can hold data of
  special categories, art. 9).
- **Appointments**: 60 months after the day, then detached from the family
  and person (service, professional, place and status stay for statistics).

A walk-in or an appointment in the period also counts as the family's
activity, so a family seen at the desk is not anonymised as inactive.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.appointments import Appointment
from familydesk.db.models.frontdesk import Contact, ContactRequest
from familydesk.db.models.registry import MemberComune, Person
from familydesk.i18n import N_, _, format_date
from familydesk.privacy.retention.activity import local
from familydesk.privacy.retention.kind import (
    RetentionKind,
    updated_for_retention,
)


def _cleared(session: Session, model: type, column: str, ids: list[int]) -> int:
    """Empty ``column`` of the rows ``ids`` (audited by field name, never the value)."""
    return updated_for_retention(session, model, ids, {column: ""})


def _dated_samples(session: Session, model: type, when, ids: list[int]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = session.execute(select(model.uid, when).where(model.id.in_(ids)).order_by(model.id))
    return [
        (
            str(uid),
            _("Of {date}").format(
                date=format_date(day.date() if isinstance(day, datetime) else day)
            ),
        )
        for uid, day in rows
    ]


# -- contacts: detached from the person, statistics kept ------------------------
def _detach_contacts(session: Session, ids: list[int], _today: date) -> int:
    comuni = dict(session.execute(select(MemberComune.cadastral_code, MemberComune.name)).all())
    contacts = list(session.scalars(select(Contact).where(Contact.id.in_(ids))))
    for contact in contacts:
        person = session.get(Person, contact.person_id) if contact.person_id else None
        if person is not None:
            contact.anon_sex = person.sex
            contact.anon_birth_year = (
                person.birth_date.year if person.birth_date else person.birth_year
            )
            contact.anon_citizenship = person.citizenship
            family = person.family
            contact.anon_comune = family.comune_name or comuni.get(family.comune_code, "")
        contact.person_id = None
        contact.family_id = None
    session.flush()
    return len(contacts)


CONTACTS = RetentionKind(
    key="contacts",
    label=N_("Walk-in contacts (detached from the family)"),
    default_months=60,
    candidates=lambda _session, cutoff: (
        select(Contact.id)
        .where(
            Contact.contact_date < cutoff.date(),
            Contact.person_id.is_not(None) | Contact.family_id.is_not(None),
        )
        .order_by(Contact.id)
    ),
    apply=_detach_contacts,
    describe=lambda session, ids: _dated_samples(session, Contact, Contact.contact_date, ids),
    explanation=N_(
        "Counted from the day of the contact. The contact stays for statistics "
        "with sex, year of birth, citizenship and comune only."
    ),
)


CONTACT_NOTES = RetentionKind(
    key="contact_notes",
    label=N_("Notes of walk-in requests"),
    default_months=24,
    candidates=lambda _session, cutoff: (
        select(ContactRequest.id)
        .join(Contact, Contact.id == ContactRequest.contact_id)
        .where(Contact.contact_date < cutoff.date(), ContactRequest.note != "")
        .order_by(ContactRequest.id)
    ),
    apply=lambda session, ids, _today: _cleared(session, ContactRequest, "note", ids),
    describe=lambda session, ids: _dated_samples(
        session, ContactRequest, ContactRequest.created_at, ids
    ),
    explanation=N_("Counted from the day of the contact; the need and the outcome stay."),
)


# -- appointments -----------------------------------------------------------------
def _detach_appointments(session: Session, ids: list[int], _today: date) -> int:
    return updated_for_retention(
        session, Appointment, ids, {"family_id": None, "person_id": None, "note": ""}
    )


APPOINTMENTS = RetentionKind(
    key="appointments",
    label=N_("Appointments (detached from the family)"),
    default_months=60,
    candidates=lambda _session, cutoff: (
        select(Appointment.id)
        .where(
            Appointment.starts_at < local(cutoff),
            Appointment.family_id.is_not(None) | Appointment.person_id.is_not(None),
        )
        .order_by(Appointment.id)
    ),
    apply=_detach_appointments,
    describe=lambda session, ids: _dated_samples(session, Appointment, Appointment.starts_at, ids),
    explanation=N_(
        "Counted from the day of the appointment. Service, professional, place and "
        "status stay for statistics."
    ),
)


APPOINTMENT_NOTES = RetentionKind(
    key="appointment_notes",
    label=N_("Notes of appointments"),
    default_months=24,
    candidates=lambda _session, cutoff: (
        select(Appointment.id)
        .where(Appointment.starts_at < local(cutoff), Appointment.note != "")
        .order_by(Appointment.id)
    ),
    apply=lambda session, ids, _today: _cleared(session, Appointment, "note", ids),
    describe=lambda session, ids: _dated_samples(session, Appointment, Appointment.starts_at, ids),
    explanation=N_("Counted from the day of the appointment; the rest of it stays."),
)

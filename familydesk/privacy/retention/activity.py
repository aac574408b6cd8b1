"""What counts as a family's activity: a family none of these sources selects since the
cut-off is inactive, and the registry's retention rule anonymises it.

Each source is ``source(since) -> SELECT of family ids`` with some activity at or after
``since`` (an aware moment). The list is explicit: a new kind of record that keeps a
family active is added here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Select, select

from familydesk.db.models.appointments import Appointment
from familydesk.db.models.cards import Card
from familydesk.db.models.frontdesk import Contact
from familydesk.db.models.groups import Attendance, Enrolment, GroupSession
from familydesk.db.models.registry import Consent, Family, Person
from familydesk.kernel import clock

Source = Callable[[datetime], Select]  # type: ignore[type-arg]


def local(moment: datetime) -> datetime:
    """An aware cut-off as the naive wall-clock time appointments and sessions are stored in."""
    return moment.astimezone(clock.ROME).replace(tzinfo=None)


def _family_changed(since: datetime) -> Select:  # type: ignore[type-arg]
    return select(Family.id).where(Family.updated_at >= since)


def _member_changed(since: datetime) -> Select:  # type: ignore[type-arg]
    return select(Person.family_id).where(Person.updated_at >= since)


def _walked_in(since: datetime) -> Select:  # type: ignore[type-arg]
    """A family seen at the desk is not inactive."""
    return select(Contact.family_id).where(
        Contact.family_id.is_not(None), Contact.arrived_at >= since
    )


def _consent_changed(since: datetime) -> Select:  # type: ignore[type-arg]
    return (
        select(Person.family_id)
        .join(Consent, Consent.person_id == Person.id)
        .where(Consent.updated_at >= since)
    )


def _card_valid(since: datetime) -> Select:  # type: ignore[type-arg]
    return select(Card.family_id).where(
        Card.family_id.is_not(None), Card.status == "active", Card.expires_on >= since.date()
    )


def _had_appointment(since: datetime) -> Select:  # type: ignore[type-arg]
    return select(Appointment.family_id).where(
        Appointment.family_id.is_not(None), Appointment.starts_at >= local(since)
    )


def _attended_a_group(since: datetime) -> Select:  # type: ignore[type-arg]
    return (
        select(Enrolment.family_id)
        .join(Attendance, Attendance.enrolment_id == Enrolment.id)
        .join(GroupSession, GroupSession.id == Attendance.session_id)
        .where(Enrolment.family_id.is_not(None), GroupSession.starts_at >= local(since))
    )


#: Every source of activity.
ACTIVITY: tuple[Source, ...] = (
    _family_changed,
    _member_changed,
    _walked_in,
    _consent_changed,
    _card_valid,
    _had_appointment,
    _attended_a_group,
)


def activity_sources() -> list[Source]:
    return list(ACTIVITY)

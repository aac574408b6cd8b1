"""Consents and the privacy notice acknowledgement (GDPR art. 13)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.registry import Consent
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.registry.families import consent_row, load_person
from familydesk.registry.records import CONSENT_KINDS, PRIVACY_NOTICE_VERSION, ConsentRow


def record_consent(
    session: Session,
    person_id: int,
    kind: str,
    given_on: date,
    operator: str = "",
    signed_by: str = "",
    notice_version: str = PRIVACY_NOTICE_VERSION,
    today: date | None = None,
) -> ConsentRow:
    """Record a consent; a minor's must be signed by a guardian (``signed_by``)."""
    today = today or clock.today()
    if kind not in CONSENT_KINDS:
        raise ValidationError("kind", _("Consent: unknown kind of consent."))
    if given_on > today:
        raise ValidationError("given_on", _("Consent date: it cannot be in the future."))
    person = load_person(session, person_id)
    if person.birth_date is not None:
        age = (
            today.year
            - person.birth_date.year
            - ((today.month, today.day) < (person.birth_date.month, person.birth_date.day))
        )
        if age < 18 and not signed_by.strip():
            raise ValidationError(
                "signed_by", _("Signed by: a minor's consent is signed by a parent or guardian.")
            )
    consent = Consent(
        person_id=person_id,
        kind=kind,
        given_on=given_on,
        operator=operator.strip(),
        signed_by=signed_by.strip(),
        notice_version=notice_version if kind == "privacy" else "",
    )
    session.add(consent)
    session.flush()
    return consent_row(consent)


def withdraw_consent(
    session: Session, consent_id: int, version: int, on: date, today: date | None = None
) -> ConsentRow:
    today = today or clock.today()
    if on > today:
        raise ValidationError("withdrawn_on", _("Withdrawal date: it cannot be in the future."))
    consent = load_for_update(session, Consent, consent_id, version)
    if consent.withdrawn_on is not None:
        raise ValidationError("withdrawn_on", _("This consent was already withdrawn."))
    if on < consent.given_on:
        raise ValidationError(
            "withdrawn_on", _("Withdrawal date: it cannot be before the consent was given.")
        )
    consent.withdrawn_on = on
    session.flush()
    return consent_row(consent)

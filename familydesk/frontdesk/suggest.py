"""From a walk-in request to an appointment: which service a need suggests, and which of a
just-saved contact's requests ask for an appointment.

Pure functions (no session): the front desk page uses them to prefill the booking dialog.
"""

from __future__ import annotations

from collections.abc import Iterable

from familydesk.frontdesk.contacts import ContactRow, RequestRow

#: Need key (the seeded taxonomy, ``NEED_NAMES``) -> service key (``appointments.names``),
#: only where the service is the obvious one. The centre's own needs suggest nothing.
SUGGESTED_SERVICES: dict[str, str] = {
    "mediation": "family_mediation",
    "parenting": "pedagogical_counselling",
    "schooling": "pedagogical_counselling",
    "language_mediation": "language_mediation",
    "violence": "psychological_counselling",
    "pregnancy_newborns": "breastfeeding_support",
    "economic_support": "social_worker_interview",
    "housing": "social_worker_interview",
    "foster_adoption": "social_worker_interview",
}


def suggested_service(need_key: str) -> str | None:
    """The key of the service a need usually leads to, or None when there is no obvious one."""
    return SUGGESTED_SERVICES.get(need_key)


def first_suggestion(need_keys: Iterable[str]) -> str | None:
    """The service suggested by the first of ``need_keys`` that suggests one."""
    return next((s for s in map(suggested_service, need_keys) if s is not None), None)


def requests_to_book(contact: ContactRow, saved: int) -> tuple[RequestRow, ...]:
    """Of the ``saved`` requests just recorded (the last ones of ``contact``: a second visit
    the same day adds to the morning's contact), those whose outcome is "appointment booked"."""
    new = contact.requests[-saved:] if saved > 0 else ()
    return tuple(request for request in new if "appointment" in request.outcomes)

"""Built-in wording of the appointment catalogue: services, statuses, kinds of staff."""

from __future__ import annotations

from familydesk.db.models.appointments import Service
from familydesk.i18n import N_, _

#: Built-in names of the seeded services (migration 0007), translated where shown.
SERVICE_NAMES: dict[str, str] = {
    "psychological_counselling": N_("Psychological counselling"),
    "family_mediation": N_("Family mediation"),
    "social_worker_interview": N_("Interview with the social worker"),
    "pedagogical_counselling": N_("Pedagogical counselling"),
    "language_mediation": N_("Language and cultural mediation"),
    "legal_advice": N_("Legal advice"),
    "breastfeeding_support": N_("Breastfeeding and newborn support"),
}
#: What the family brings, when the centre has not written its own text.
WHAT_TO_BRING: dict[str, str] = {
    "psychological_counselling": N_("An identity document."),
    "family_mediation": N_("An identity document; any court orders about the children."),
    "social_worker_interview": N_(
        "An identity document, the tax codes of the family and a valid ISEE certificate."
    ),
    "pedagogical_counselling": N_("An identity document; school reports if useful."),
    "language_mediation": N_("An identity document and the papers to be explained."),
    "legal_advice": N_("An identity document and the papers of the case."),
    "breastfeeding_support": N_("The baby's health booklet."),
}
STATUSES: dict[str, str] = {
    "booked": N_("booked"),
    "confirmed": N_("confirmed"),
    "done": N_("done"),
    "no_show": N_("no-show"),
    "cancelled": N_("cancelled"),
}
STAFF_KINDS: dict[str, str] = {
    "professional": N_("professional"),
    "interpreter": N_("interpreter or cultural mediator"),
}


def service_name(service: Service) -> str:
    return service.name or _(SERVICE_NAMES.get(service.key, service.key))


def what_to_bring(service: Service) -> str:
    text = service.what_to_bring or WHAT_TO_BRING.get(service.key, "")
    return _(text) if text and not service.what_to_bring else text

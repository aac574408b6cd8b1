"""The words of erasure requests: their statuses and the grounds for refusing one.

Apart from ``familydesk.privacy.erasure`` so that the command line can offer the grounds
(``privacy erasure refuse --ground``) without importing the models to build its help.
"""

from __future__ import annotations

from familydesk.i18n import N_

STATUSES: dict[str, str] = {
    "open": N_("Open"),
    "carried_out": N_("Carried out"),
    "refused": N_("Refused"),
}
#: Grounds for refusing an erasure that apply to a family centre (art. 17(3)).
REFUSAL_GROUNDS: dict[str, str] = {
    "legal_obligation": N_(
        "Legal obligation or public task, e.g. a social-services case file kept by law "
        "(art. 17(3)(b))"
    ),
    "public_health": N_("Public interest in public health (art. 17(3)(c))"),
    "archiving": N_("Archiving in the public interest or statistics (art. 17(3)(d))"),
    "legal_claims": N_("Establishment, exercise or defence of legal claims (art. 17(3)(e))"),
}

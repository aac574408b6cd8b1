"""Every kind of record retention rules apply to, in the order they are applied.

The list is explicit (no kind registers itself when its module is imported): a new kind
is written in its module (``builtin``, ``desk``, ``cards``, ``groups``...) and added here.
"""

from __future__ import annotations

from familydesk.privacy.retention import builtin, cards, desk, groups
from familydesk.privacy.retention.kind import RetentionKind

#: In the order the rules are applied (and shown).
KINDS: tuple[RetentionKind, ...] = (
    builtin.REGISTRY,
    builtin.NOTES,
    builtin.CONSENTS,
    builtin.REQUESTS,
    cards.CARDS,
    desk.CONTACTS,
    desk.CONTACT_NOTES,
    desk.APPOINTMENTS,
    desk.APPOINTMENT_NOTES,
    groups.GROUP_PARTICIPATION,
)
_BY_KEY = {kind.key: kind for kind in KINDS}


def kinds() -> list[RetentionKind]:
    return list(KINDS)


def get(key: str) -> RetentionKind | None:
    return _BY_KEY.get(key)

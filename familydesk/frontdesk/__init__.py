"""The front desk: walk-in contacts and their requests, the needs taxonomy, follow-ups.

Services take a session, never commit, and return plain records.
"""

from familydesk.frontdesk.contacts import (
    CHANNELS,
    OUTCOMES,
    ContactInput,
    ContactRow,
    FollowUp,
    RequestInput,
    RequestRow,
    close_follow_up,
    contacts_of_family,
    open_follow_ups,
    record_contact,
)
from familydesk.frontdesk.needs import MACRO_AREAS, NEED_NAMES, NeedRow, list_needs

__all__ = [
    "CHANNELS", "MACRO_AREAS", "NEED_NAMES", "OUTCOMES", "ContactInput", "ContactRow", "FollowUp",
    "NeedRow", "RequestInput", "RequestRow", "close_follow_up", "contacts_of_family", "list_needs",
    "open_follow_ups", "record_contact",
]  # fmt: skip

"""The front desk: walk-in contacts and their requests, the needs taxonomy, follow-ups,
today's queue.

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
    check_request,
    close_follow_up,
    contacts_of_family,
    open_follow_ups,
    record_contact,
)
from familydesk.frontdesk.needs import MACRO_AREAS, NEED_NAMES, NeedRow, list_needs
from familydesk.frontdesk.queue import (
    STATUSES,
    QueueRow,
    call_contact,
    call_next,
    desk_operators,
    finish_contact,
    requeue,
    today_queue,
)

__all__ = [
    "CHANNELS", "MACRO_AREAS", "NEED_NAMES", "OUTCOMES", "STATUSES", "ContactInput", "ContactRow",
    "FollowUp", "NeedRow", "QueueRow", "RequestInput", "RequestRow", "call_contact", "call_next",
    "check_request", "close_follow_up", "contacts_of_family", "desk_operators", "finish_contact",
    "list_needs", "open_follow_ups", "record_contact", "requeue", "today_queue",
]  # fmt: skip

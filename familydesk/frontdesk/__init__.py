"""The front desk: walk-in contacts and their requests, the needs taxonomy, follow-ups,
today's queue.

Services take a session, never commit, and return plain records.
"""

from familydesk.frontdesk.contacts import (
    CHANNELS,
    OUTCOMES,
    REFERRAL_OUTCOMES,
    ContactInput,
    ContactRow,
    RequestInput,
    RequestRow,
    check_contact,
    check_request,
    contacts_of_family,
    family_comune_code,
    record_contact,
)
from familydesk.frontdesk.follow_ups import FollowUp, close_follow_up, open_follow_ups
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
from familydesk.frontdesk.suggest import (
    SUGGESTED_SERVICES,
    first_suggestion,
    requests_to_book,
    suggested_service,
)
from familydesk.frontdesk.visitors import VisitorLists, visitor_lists

__all__ = [
    "CHANNELS",
    "MACRO_AREAS",
    "NEED_NAMES",
    "OUTCOMES",
    "REFERRAL_OUTCOMES",
    "STATUSES",
    "SUGGESTED_SERVICES",
    "ContactInput",
    "ContactRow",
    "FollowUp",
    "NeedRow",
    "QueueRow",
    "RequestInput",
    "RequestRow",
    "VisitorLists",
    "call_contact",
    "call_next",
    "check_contact",
    "check_request",
    "close_follow_up",
    "contacts_of_family",
    "desk_operators",
    "family_comune_code",
    "finish_contact",
    "first_suggestion",
    "list_needs",
    "open_follow_ups",
    "record_contact",
    "requests_to_book",
    "requeue",
    "suggested_service",
    "today_queue",
    "visitor_lists",
]

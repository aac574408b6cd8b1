"""The family registry: households, members, consents, search and duplicates, and the
centre they belong to (its details, letterhead and member comuni).

Services take a session, never commit, and return the plain records of
:mod:`familydesk.registry.records`.
"""

from familydesk.registry.consents import record_consent, withdraw_consent
from familydesk.registry.duplicates import duplicate_groups, likely_duplicates, merge_people
from familydesk.registry.families import (
    add_member,
    create_family,
    delete_family,
    family_id_for,
    get_family,
    open_family,
    person_id_for,
    remove_member,
    update_family,
    update_member,
)
from familydesk.registry.listing import FamilyRow, count_families, family_page
from familydesk.registry.records import (
    CONSENT_KINDS,
    RELATIONS,
    ConsentRow,
    FamilyDetail,
    FamilyInput,
    Markers,
    MemberDetail,
    MemberInput,
    PersonHit,
)
from familydesk.registry.search import search_page, search_people
from familydesk.registry.validation import DuplicateCodeError

__all__ = [
    "CONSENT_KINDS",
    "RELATIONS",
    "ConsentRow",
    "DuplicateCodeError",
    "FamilyDetail",
    "FamilyInput",
    "FamilyRow",
    "Markers",
    "MemberDetail",
    "MemberInput",
    "PersonHit",
    "add_member",
    "count_families",
    "create_family",
    "delete_family",
    "duplicate_groups",
    "family_id_for",
    "family_page",
    "get_family",
    "likely_duplicates",
    "merge_people",
    "open_family",
    "person_id_for",
    "record_consent",
    "remove_member",
    "search_page",
    "search_people",
    "update_family",
    "update_member",
    "withdraw_consent",
]

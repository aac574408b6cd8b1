"""Sign-ups: capacity, the children's age rule, the waiting list and its promotions.

A person signs up to a group once. Within the capacity they are enrolled; beyond
it they wait, in the order they signed up. When an enrolled person withdraws,
the first one waiting takes the place (the whole family, when places are counted
per family) and is listed "to inform" until someone tells them. A child must
be within the group's age range on the group's start date (the first session).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class EnrolmentRow:
    id: int
    uid: str
    version: int
    group_id: int
    person_id: int | None
    person_uid: str
    family_id: int | None
    family_uid: str
    #: "Surname Name".
    name: str
    birth_date: date | None
    #: Under 18 on the group's start date (or today, before sessions are planned).
    is_child: bool
    #: Phone of the person, else of the family: for the "to inform" calls.
    phone: str
    #: enrolled, waiting or withdrawn.
    status: str
    #: 1-based place on the waiting list (None unless waiting).
    position: int | None
    signed_up_on: date
    enrolled_on: date | None
    withdrawn_on: date | None
    withdraw_reason: str
    to_inform: bool
    informed_on: date | None
    walk_in: bool
    note: str


@dataclass(frozen=True)
class WithdrawResult:
    withdrawn: EnrolmentRow
    #: Those who moved up from the waiting list (to inform).
    promoted: tuple[EnrolmentRow, ...]


def participants(session: Session, group_id: int) -> list[EnrolmentRow]:
    """Everyone signed up: enrolled (by name), then waiting (in order), then withdrawn."""
    raise NotImplementedError


def enrol(session: Session, group_id: int, person_ids: list[int], today: date | None = None,
          walk_in: bool = False, note: str = "") -> list[EnrolmentRow]:  # fmt: skip
    """Sign people up (usually from one family), all or none: enrolled while places last,
    then waiting. ``ValidationError`` names the person and the rule when the target or
    the age range excludes them, when sign-ups are closed (walk-ins may join a running
    group) or when they are already signed up."""
    raise NotImplementedError


def withdraw(session: Session, enrolment_id: int, version: int, reason: str = "",
             today: date | None = None) -> WithdrawResult:  # fmt: skip
    """Withdraw a person (enrolled or waiting); a freed place goes to the first waiting."""
    raise NotImplementedError


def mark_informed(session: Session, enrolment_id: int, version: int,
                  today: date | None = None) -> EnrolmentRow:  # fmt: skip
    """The promoted person was told they have a place."""
    raise NotImplementedError


@dataclass(frozen=True)
class ToInformRow:
    group_id: int
    group_title: str
    enrolment: EnrolmentRow


def to_inform(session: Session, group_id: int | None = None) -> list[ToInformRow]:
    """Promoted from a waiting list and not told yet (all groups, or one)."""
    raise NotImplementedError

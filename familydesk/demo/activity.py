"""The desk's history for a demo database: walk-in contacts and appointments.

``fill_activity(session, size, seed, now)`` adds to a database that already
holds families (``fill_demo`` calls it): the appointment resources (places,
rooms, hours, patron days, closures, professionals, interpreters, absences),
contacts from 1 January of last year to today with today's queue, and
appointments from a year back to two months ahead, and parenting groups from a year
back to three months ahead (``familydesk.demo.groups``). Everything is planned in
memory and written with Core inserts; the same seed and ``now`` give the same
rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.demo import desk_names as data
from familydesk.demo.appointments import Families, plan_series, plan_singles, write_appointments
from familydesk.demo.frontdesk import write_contacts
from familydesk.demo.groups import GroupsSummary, plan_groups
from familydesk.demo.planner import FamilyInfo, Planner
from familydesk.demo.resources import RESOURCE_TABLES, DemoCalendar, write_resources
from familydesk.demo.rows import advance_sequences
from familydesk.kernel import clock
from familydesk.scheduling.calendar_rules import local_now

#: A busy consortium desk records at most about this many contacts a year.
CONTACTS_PER_YEAR_AT_MOST = 10_000
#: Share of appointments that belong to a series (counselling, mediation).
SERIES_SHARE = 0.35


@dataclass(frozen=True)
class ActivitySize:
    contacts: int
    appointments: int
    #: Visitors in today's queue.
    queue: int = 8
    #: Copies of every place and professional (a larger consortium, for benchmarks).
    teams: int = 1
    days_back: int = 365
    days_ahead: int = 61

    @classmethod
    def for_families(cls, families: int, today: date | None = None) -> ActivitySize:
        """What a consortium with ``families`` registered families sees: about three
        contacts a family a year and eight appointments (as many as the agendas hold)."""
        today = today or local_now().date()
        years = (today - contacts_from(today)).days / 365.25
        contacts = min(3 * families, CONTACTS_PER_YEAR_AT_MOST) * years
        days = cls.days_back + cls.days_ahead
        return cls(contacts=round(contacts), appointments=round(8 * families * days / 365))


@dataclass(frozen=True)
class ActivitySummary:
    contacts: int
    requests: int
    open_follow_ups: int
    overdue_follow_ups: int
    appointments: int
    series: int
    groups: GroupsSummary = GroupsSummary()
    #: Referrals to a service the desk followed up.
    referrals_followed: int = 0


def contacts_from(today: date) -> date:
    """Contacts start on 1 January of last year (two years of indicators)."""
    return date(today.year - 1, 1, 1)


def _patron_days(session: Session) -> None:
    for comune in session.scalars(select(MemberComune)):
        if comune.cadastral_code in data.PATRONS and not comune.patron_day:
            comune.patron_day, comune.patron_saint = data.PATRONS[comune.cadastral_code]
    session.flush()


def load_families(session: Session, cal: DemoCalendar, teams: int = 1) -> list[FamilyInfo]:
    """Every family with a parent: who comes, and the language an interpreter is needed for."""
    spoken = set().union(*(i.languages for i in cal.interpreters))
    parents: dict[int, list[tuple[int, str, str]]] = {}
    for person_id, family_id, languages, comune in session.execute(
        select(Person.id, Person.family_id, Person.languages, Family.comune_code)
        .join(Family, Family.id == Person.family_id)
        .where(
            Person.relation == "parent",
            Family.anonymised_on.is_(None),
            Person.anonymised_on.is_(None),
        )
        .order_by(Person.family_id, Person.id)
    ):
        parents.setdefault(family_id, []).append((person_id, languages or "", comune or ""))
    families = []
    for family_id, adults in parents.items():
        first, languages, comune = adults[0]
        words = [w.strip() for w in languages.split(",") if w.strip()]
        language = "" if "italiano" in words else next((w for w in words if w in spoken), "")
        families.append(
            FamilyInfo(family_id, first, adults[-1][0], comune, language, family_id % teams)
        )
    return families


def fill_activity(
    session: Session, size: ActivitySize, seed: int = 1, now: datetime | None = None
) -> ActivitySummary:
    """Add the desk's history to a database with families (see the module docstring).

    ``now`` is local wall-clock time (``calendar_rules.local_now()`` when empty):
    what is before it is history, what is after it is booked.
    """
    rng = random.Random(f"activity-{seed}")
    now = (now or local_now()).replace(tzinfo=None)
    now_utc = now.replace(tzinfo=clock.ROME).astimezone(UTC)
    today = now.date()
    first_contact = contacts_from(today)
    first_day = today - timedelta(days=size.days_back)
    last_day = today + timedelta(days=size.days_ahead)
    _patron_days(session)
    cal = write_resources(session, rng, min(first_contact, first_day), last_day, today, size.teams)
    families = Families(load_families(session, cal, size.teams), rng)
    planner = Planner(cal, rng)
    # Groups first: their rooms and educators are taken before any appointment is booked.
    groups = plan_groups(session, planner, seed, now)
    contacts, booked_at = write_contacts(
        session,
        rng,
        planner,
        families,
        first_contact,
        today,
        now_utc,
        size.contacts,
        size.queue,
        first_day,
        last_day,
    )
    if families.all:
        plan_series(planner, families, first_day, last_day, round(size.appointments * SERIES_SHARE))
        plan_singles(
            planner, families, first_day, last_day, size.appointments - len(planner.bookings)
        )
    appointments, series = write_appointments(session, planner, now, booked_at)
    advance_sequences(
        session,
        (*RESOURCE_TABLES, "contact", "contact_request", "appointment_series", "appointment"),
    )
    return ActivitySummary(
        contacts.contacts,
        contacts.requests,
        contacts.open_follow_ups,
        contacts.overdue_follow_ups,
        appointments,
        series,
        groups,
        referrals_followed=contacts.referrals_followed,
    )

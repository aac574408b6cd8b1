"""Demo walk-in contacts: the desk's history, follow-ups and today's queue.

One contact per person per day at most (the rule of ``frontdesk.contacts``),
one to three requests each, needs skewed as at real desks (orientation,
economic support and parenting first), referrals to the directory's services
(the family's comune first, one in ten as free text) and, for half of them, the
follow-up with its outcome (reached, not reached, refused, still waiting);
follow-ups are owned by demo operators (a few overdue). A request
whose outcome is "appointment booked" gets its appointment from the planner,
linked by ``request_id``. Today always has a queue (some visitors waiting,
one or two being served, the rest done), so the front desk page has
something to show even on a Sunday.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.demo import desk_names as data
from familydesk.demo.appointments import Families, utc
from familydesk.demo.directory import demo_services
from familydesk.demo.planner import FamilyInfo, Planner
from familydesk.demo.rows import insert_rows, next_id, record
from familydesk.directory.records import ServiceRow
from familydesk.directory.search import suggest
from familydesk.kernel import clock

_BATCH = 5_000
#: Busier on Mondays, quiet in August, busy again when schools start.
WEEKDAY_WEIGHTS = (1.3, 1.1, 1.0, 1.1, 0.8, 0.0, 0.0)
MONTH_WEIGHTS = (1.1, 1.0, 1.0, 1.0, 1.0, 0.9, 0.7, 0.4, 1.3, 1.2, 1.1, 0.8)
CHANNELS = {"in_person": 72, "phone": 20, "email": 6, "other": 2}
#: Demo operators who record contacts and own follow-ups.
RECORDERS = {"reception": 80, "coordinator": 12, "professional": 8}
OWNERS = {"reception": 60, "coordinator": 25, "professional": 15}
#: Share of referrals written as free text ("other": a place not in the directory).
FREE_TEXT_REFERRALS = 0.1
#: Share of referrals the desk follows up ("did the family reach the service?").
REFERRAL_FOLLOW_UPS = 0.5
#: How answered follow-ups of referrals end.
REFERRAL_OUTCOMES = {"reached": 60, "not_reached": 15, "refused": 5}


@dataclass(frozen=True)
class ContactsSummary:
    contacts: int
    requests: int
    open_follow_ups: int
    overdue_follow_ups: int
    #: Referrals the desk followed up (their outcome known or awaited).
    referrals_followed: int = 0


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _operator(rng: random.Random, weights: dict[str, float], team: int) -> str:
    """A demo operator; in a larger consortium (benchmarks) each team has its own
    ("reception2" in the second), so nobody owns every follow-up."""
    name = _pick(rng, weights)
    return f"{name}{team + 1}" if team else name


class _Desk:
    """Makes contact and request rows, books the appointments requests ask for."""

    def __init__(
        self, session: Session, rng: random.Random, planner: Planner, now: datetime, last_day: date
    ) -> None:
        self.session, self.rng, self.planner = session, rng, planner
        self.now = now.astimezone(UTC)
        self.today, self.last_day = now.astimezone(clock.ROME).date(), last_day
        self.site_id = session.info["site_id"]
        self.needs = dict(
            session.execute(select(Need.key, Need.id).where(Need.active.is_(True))).all()
        )
        self.need_keys = [k for k in data.NEED_WEIGHTS if k in self.needs]
        self.need_weights = list(accumulate(data.NEED_WEIGHTS[k] for k in self.need_keys))
        self.next_contact, self.next_request = (
            next_id(session, Contact),
            next_id(session, ContactRequest),
        )
        self.teams = 1 + max((s.team for s in planner.cal.professionals), default=0)
        self.contacts: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.seen: set[tuple[int, int]] = set()
        self.booked_at: dict[int, datetime] = {}
        self.first_appointment_day = date.min
        self.counts = {"contacts": 0, "requests": 0, "open": 0, "overdue": 0, "followed": 0}
        self.directory = demo_services(session)
        self.suggested: dict[tuple[str, str], list[ServiceRow]] = {}

    def referred_to(self, key: str, comune: str) -> ServiceRow | None:
        """A directory service for the need, as the desk suggests them (the family's comune
        first, then the whole area): most often one of the first few."""
        if (key, comune) not in self.suggested:
            self.suggested[key, comune] = suggest(self.directory, key, comune)[:4]
        found = self.suggested[key, comune]
        if not found or self.rng.random() < FREE_TEXT_REFERRALS:
            return None
        return self.rng.choices(found, (8, 4, 2, 1)[: len(found)])[0]

    def who(self, family: FamilyInfo | None, ordinal: int) -> int | None:
        """The adult who came (the other one if the first already came that day)."""
        if family is None:
            return None
        first, other = (
            (family.person_id, family.other_id)
            if self.rng.random() < 0.7
            else (family.other_id, family.person_id)
        )
        for person in (first, other):
            if (person, ordinal) not in self.seen:
                self.seen.add((person, ordinal))
                return person
        return None

    def contact(
        self,
        day: date,
        arrived: datetime,
        family: FamilyInfo | None,
        status: str = "done",
        channel: str | None = None,
    ) -> bool:
        """Record a visit; False (nothing recorded) when both adults already came that day."""
        rng = self.rng
        channel = channel or _pick(rng, CHANNELS)
        person = self.who(family, day.toordinal()) if rng.random() < 0.96 else None
        if family is not None and person is None and rng.random() < 0.5:
            return False
        team = family.team if family is not None else rng.randrange(self.teams)
        row = record(rng, self.next_contact, self.site_id, arrived)
        contact_id = self.next_contact
        self.next_contact += 1
        served = min(arrived + timedelta(minutes=rng.randint(0, 25)), self.now)
        done = min(served + timedelta(minutes=rng.randint(5, 35)), self.now)
        if channel != "in_person":
            served, done = arrived, min(arrived + timedelta(minutes=rng.randint(3, 15)), self.now)
        anonymous = family is None
        operator = _operator(rng, RECORDERS, team)
        row.update(
            contact_date=day,
            arrived_at=arrived,
            operator=operator,
            channel=channel,
            family_id=family.id if family else None,
            person_id=person,
            anon_sex=rng.choice("FFFM") if anonymous else "",
            anon_birth_year=day.year - rng.randint(19, 65) if anonymous else None,
            anon_citizenship=_pick(rng, data.ANON_CITIZENSHIPS) if anonymous else "",
            anon_comune=rng.choice(data.ANON_COMUNI) if anonymous else "",
            referred_by=_pick(rng, data.REFERRED_BY),
            status=status,
            served_at=served if status != "waiting" else None,
            served_by=operator if status != "waiting" else "",
            done_at=done if status == "done" else None,
        )
        self.contacts.append(row)
        self.counts["contacts"] += 1
        count = rng.choices((1, 2, 3), (68, 25, 7))[0]
        keys = {
            self.need_keys[
                rng.choices(range(len(self.need_keys)), cum_weights=self.need_weights)[0]
            ]
            for _ in range(count)
        }
        for key in sorted(keys):
            self.request(contact_id, key, day, arrived, family, team)
        if len(self.contacts) >= _BATCH:
            self.flush()
        return True

    def visit(
        self,
        day: date,
        arrived: datetime,
        family: FamilyInfo | None,
        families: Families,
        status: str = "done",
        channel: str | None = None,
    ) -> None:
        """One visitor: ``family``'s, another family's when both its adults came already
        that day, or at last an anonymous visitor (one contact per person per day)."""
        for _try in range(5):
            if self.contact(day, arrived, family, status, channel):
                return
            family = self.rng.choice(families.all)
        self.contact(day, arrived, None, status, channel)

    def request(
        self,
        contact_id: int,
        key: str,
        day: date,
        arrived: datetime,
        family: FamilyInfo | None,
        team: int,
    ) -> None:
        rng = self.rng
        request_id = self.next_request
        self.next_request += 1
        outcomes, referral = self.outcomes(key, family is not None)
        service = None
        if "referral" in outcomes:
            service = self.referred_to(key, family.comune if family else "")
            referral = "" if service else referral
        if "appointment" in outcomes and not self.book(key, family, day, request_id, arrived):
            outcomes = [o for o in outcomes if o != "appointment"] or ["information"]
        follow_up = owner = done = None
        referred = "referral" in outcomes
        if rng.random() < (REFERRAL_FOLLOW_UPS if referred else 0.15):
            follow_up = day + timedelta(days=rng.randint(3, 30))
            owner = _operator(rng, OWNERS, team)
            # A referral's follow-up waits for the family's news: recent ones are often open.
            recent = referred and (self.today - follow_up).days < 45
            if follow_up < self.today and rng.random() < (0.6 if recent else 0.93):
                done = min(self.today, follow_up + timedelta(days=rng.randint(0, 3)))
            elif follow_up < self.today:
                self.counts["overdue"] += 1
            self.counts["open"] += done is None
        outcome = ""
        if referred and follow_up is not None:
            outcome = _pick(rng, REFERRAL_OUTCOMES) if done else "waiting"
            self.counts["followed"] += 1
        row = record(rng, request_id, self.site_id, arrived)
        notes = data.NOTES.get(key, ())
        row.update(
            contact_id=contact_id,
            need_id=self.needs[key],
            outcomes=",".join(outcomes),
            note=rng.choice(notes) if notes and rng.random() < 0.4 else "",
            referral_to=referral,
            service_id=service.id if service else None,
            referral_outcome=outcome,
            referral_outcome_on=done if outcome and outcome != "waiting" else None,
            follow_up_on=follow_up,
            follow_up_owner=owner or "",
            follow_up_done_on=done,
        )
        self.requests.append(row)
        self.counts["requests"] += 1

    def outcomes(self, key: str, known: bool) -> tuple[list[str], str]:
        roll = self.rng.random()
        bookable = known and key in data.NEED_SERVICES
        if roll < 0.55:
            outcomes = ["information"]
        elif roll < 0.78:
            outcomes = ["referral"] if self.rng.random() < 0.6 else ["information", "referral"]
        elif roll < 0.92 and bookable:
            outcomes = ["appointment"]
        elif roll < 0.98 and known:
            outcomes = ["taken_in_charge"]
        else:
            outcomes = ["nothing_possible"] if roll >= 0.98 else ["information"]
        referral = self.rng.choice(data.OTHER_REFERRALS[key]) if "referral" in outcomes else ""
        return outcomes, referral

    def book(
        self, key: str, family: FamilyInfo | None, day: date, request_id: int, arrived: datetime
    ) -> bool:
        """Book the appointment a request asks for, in the next days (outside the
        planned span: the appointment is older than the demo's agenda, keep the outcome)."""
        first = day + timedelta(days=2)
        if family is None or first < self.first_appointment_day:
            return family is not None
        service = self.rng.choice(data.NEED_SERVICES[key])
        last = min(day + timedelta(days=30), self.last_day)
        if self.planner.first_free(service, family, first, last, request_id) is None:
            return False
        self.booked_at[request_id] = arrived
        return True

    def flush(self) -> None:
        insert_rows(self.session, Contact, self.contacts)
        insert_rows(self.session, ContactRequest, self.requests)


def _arrival(rng: random.Random, day: date) -> datetime:
    if rng.random() < 0.8:
        return utc(day, 510 + rng.randrange(0, 250, 1))
    return utc(day, 870 + rng.randrange(0, 180, 1))


def write_contacts(
    session: Session,
    rng: random.Random,
    planner: Planner,
    families: Families,
    first: date,
    today: date,
    now: datetime,
    count: int,
    queue: int,
    first_appointment_day: date,
    last_day: date,
) -> tuple[ContactsSummary, dict[int, datetime]]:
    """About ``count`` contacts from ``first`` to yesterday on the days the desks open,
    then ``queue`` contacts today; ``now`` is an aware UTC time.

    Returns the summary and, for the requests that booked an appointment, when.
    """
    desk = _Desk(session, rng, planner, now, last_day)
    desk.first_appointment_day = first_appointment_day
    days = [
        d
        for d in (first + timedelta(days=n) for n in range((today - first).days))
        if planner.cal.desk_open(d)
    ]
    weights = [WEEKDAY_WEIGHTS[d.weekday()] * MONTH_WEIGHTS[d.month - 1] for d in days]
    activity = [rng.lognormvariate(0, 1) for _ in families.all]
    if days and families.all and count > 0:
        chosen_days = sorted(
            rng.choices(range(len(days)), cum_weights=list(accumulate(weights)), k=count)
        )
        chosen = rng.choices(families.all, cum_weights=list(accumulate(activity)), k=count)
        for index, family in zip(chosen_days, chosen, strict=True):
            day = days[index]
            desk.visit(day, _arrival(rng, day), None if rng.random() < 0.08 else family, families)
    _queue(desk, families, today, now, queue)
    desk.flush()
    counts = desk.counts
    summary = ContactsSummary(
        counts["contacts"],
        counts["requests"],
        counts["open"],
        counts["overdue"],
        counts["followed"],
    )
    return summary, desk.booked_at


def _queue(desk: _Desk, families: Families, today: date, now: datetime, size: int) -> None:
    """Today's queue: most done, one or two being served, a few waiting (in person)."""
    if size <= 0 or not families.all:
        return
    rng = desk.rng
    waiting = max(1, size // 4)
    serving = min(2, max(1, size // 8))
    now = now.astimezone(UTC)
    for n in range(size):
        if n < size - waiting - serving:
            status, channel, ago = "done", None, rng.randint(30, 180)
        elif n < size - waiting:
            status, channel, ago = "serving", "in_person", rng.randint(8, 30)
        else:
            status, channel, ago = "waiting", "in_person", rng.randint(1, 15)
        family = None if rng.random() < 0.08 else rng.choice(families.all)
        desk.visit(today, now - timedelta(minutes=ago), family, families, status, channel)

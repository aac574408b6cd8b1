"""Which demo families get a card, when, and what happened to it since.

Every card is decided by the real eligibility service (``check_eligibility`` on the
day of issue, renewal or replacement): holder, members and expiry are the ones it
proposes, as ``issue_card``, ``renew_card`` and ``replace_card`` would store them. The
cards are planned in memory and written with Core inserts by ``familydesk.demo.cards``
(the services would stamp every row with today and random uids; the demo must be
the same for a seed). Issue days are desk days (Monday to Friday, no public holiday)
over the last two and a half years: most families take the card they may have, a
few renew near the expiry, some lose it (a duplicate with a new number), a few have
it revoked, and some cards expire within the month.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.cards.eligibility import Eligibility, add_months, birthday, check_eligibility
from familydesk.db.models.cards import CardType
from familydesk.db.models.registry import Family, Person
from familydesk.demo.appointments import utc
from familydesk.demo.card_names import ISSUERS, REPLACE_REASONS, REVOKE_REASONS
from familydesk.registry.records import CHILD_RELATIONS
from familydesk.scheduling.calendar_rules import national_holidays

#: How far back the first cards were issued (days).
HISTORY_DAYS = 900
#: Families (and young people) considered at most: a benchmark's 50,000 families would
#: cost a check each for cards nobody looks at.
CANDIDATES_AT_MOST = 600
TAKE_UP = {"family": 0.8, "youth": 0.9}
#: Family cards issued so that they expire within the month.
EXPIRING_SHARE = 0.12
REVOKED, REPLACED = 0.05, 0.05
#: Nobody asks for a card that would be valid for less than this many days (a young
#: person about to turn 26).
SHORTEST = 90
RENEWED = {"family": 0.5, "youth": 0.7}


@dataclass
class DemoCard:
    type_id: int
    family_id: int
    holder_id: int | None
    comune_code: str
    members: tuple[int, ...]
    #: The day the card (this number) was issued, and when (aware UTC).
    created: date
    stamp: datetime
    issued_by: str
    #: The last issue or renewal and the expiry it gave.
    issued_on: date
    expires_on: date
    shortened_reason: str = ""
    status: str = "active"
    revoked_on: date | None = None
    revoke_reason: str = ""
    previous: DemoCard | None = None
    changed: datetime | None = None
    version: int = 1
    number: str = ""
    id: int = 0


class CardPlanner:
    def __init__(self, session: Session, rng: random.Random, today: date) -> None:
        self.session, self.rng, self.today = session, rng, today
        self.holidays: dict[int, set[date]] = {}
        self.cards: list[DemoCard] = []

    def desk_day(self, first: date, last: date) -> date | None:
        """A random weekday from ``first`` to ``last`` that is no public holiday."""
        for _try in range(12):
            if last < first:
                return None
            day = first + timedelta(days=self.rng.randint(0, (last - first).days))
            if day.year not in self.holidays:
                self.holidays[day.year] = set(national_holidays(day.year))
            if day.weekday() < 5 and day not in self.holidays[day.year]:
                return day
        return None

    def stamp(self, day: date) -> datetime:
        return utc(day, self.rng.randrange(9 * 60, 18 * 60))

    def check(
        self, card_type_id: int, family_id: int, holder_id: int | None, on: date
    ) -> Eligibility:
        return check_eligibility(self.session, family_id, card_type_id, holder_id, on)

    def issue(
        self,
        card_type_id: int,
        family_id: int,
        holder_id: int | None,
        comune: str,
        first: date,
        last: date,
        later: bool = True,
    ) -> DemoCard | None:
        """A card on the first of up to four desk days the family qualifies on (each
        ``later`` than the last: children are born, residence grows; else anywhere, as a
        young person's ISEE may be valid only in part of the period)."""
        for _try in range(4):
            day = self.desk_day(first, last)
            if day is None:
                return None
            found = self.check(card_type_id, family_id, holder_id, day)
            if found.eligible and (found.expires_on - day).days >= SHORTEST:
                by = self.rng.choices([i[0] for i in ISSUERS], [i[1] for i in ISSUERS])[0]
                card = DemoCard(
                    card_type_id,
                    family_id,
                    found.holder_id,
                    comune,
                    found.members,
                    day,
                    self.stamp(day),
                    by,
                    day,
                    found.expires_on,
                    found.shortened_reason,
                )
                self.cards.append(card)
                return card
            if later:
                first = day + timedelta(days=1)
        return None

    def live(self, card: DemoCard, renew: float) -> None:
        """What happened to ``card`` up to yesterday: revoked, replaced (the duplicate lives
        on), renewed near its expiry (again, for a youth card) or nothing."""
        rng, yesterday = self.rng, self.today - timedelta(days=1)
        replaced = False
        while True:
            roll = rng.random()
            window = (card.issued_on + timedelta(days=20), min(card.expires_on, yesterday))
            day = self.desk_day(*window)
            if roll < REVOKED and day is not None:
                card.status, card.revoked_on = "revoked", day
                card.revoke_reason = rng.choice(REVOKE_REASONS)
                card.version, card.changed = card.version + 1, self.stamp(day)
                return
            if roll < REVOKED + REPLACED and day is not None and not replaced:
                found = self.check(card.type_id, card.family_id, card.holder_id, day)
                if found.eligible:
                    card = self._replace(card, day)
                    replaced = True
                    continue
            if rng.random() >= renew:
                return
            day = self.desk_day(
                max(card.expires_on - timedelta(days=28), card.issued_on),
                min(card.expires_on, yesterday),
            )
            if day is None or day <= card.issued_on:
                return
            found = self.check(card.type_id, card.family_id, card.holder_id, day)
            if not found.eligible:
                return
            card.issued_on, card.expires_on = day, found.expires_on
            card.shortened_reason = found.shortened_reason
            card.version, card.changed = card.version + 1, self.stamp(day)

    def _replace(self, old: DemoCard, day: date) -> DemoCard:
        """The duplicate of a lost card: new number, same holder, members and expiry."""
        stamp = self.stamp(day)
        old.status, old.revoked_on = "replaced", day
        old.revoke_reason = self.rng.choice(REPLACE_REASONS)
        old.version, old.changed = old.version + 1, stamp
        new = DemoCard(
            old.type_id,
            old.family_id,
            old.holder_id,
            old.comune_code,
            old.members,
            day,
            stamp,
            old.issued_by,
            day,
            old.expires_on,
            old.shortened_reason,
            previous=old,
        )
        self.cards.append(new)
        return new


def _sample(rng: random.Random, items: list) -> list:  # type: ignore[type-arg]
    rng.shuffle(items)
    return items[:CANDIDATES_AT_MOST]


def family_candidates(session: Session, t: CardType) -> list[tuple[int, str, date]]:
    """(family id, comune code, first day it may qualify) of the families with enough
    children: the day the last child needed was born, after the months of residence
    (the eligibility service has the last word)."""
    relations = CHILD_RELATIONS if t.count_foster else CHILD_RELATIONS - {"foster"}
    query = (
        select(Family.id, Family.comune_code, Family.resident_since, Person.birth_date)
        .join(Person, Person.family_id == Family.id)
        .where(
            Person.relation.in_(relations),
            Person.birth_date.is_not(None),
            Person.anonymised_on.is_(None),
            Family.anonymised_on.is_(None),
            Family.comune_code.is_not(None),
        )
        .order_by(Family.id, Person.birth_date)
    )
    families: dict[int, tuple[str, date | None, list[date]]] = {}
    for family_id, comune, since, born in session.execute(query):
        families.setdefault(family_id, (comune, since, []))[2].append(born)
    found = []
    for family_id, (comune, since, births) in families.items():
        if len(births) >= t.min_children:
            resident = add_months(since, t.residence_months) if since else births[0]
            found.append((family_id, comune, max(births[t.min_children - 1], resident)))
    return found


def youth_candidates(
    session: Session, today: date, t: CardType
) -> list[tuple[int, int, str, date, date]]:
    """(person id, family id, comune code, first day, last day) of the people of the
    holder's age during the history, in families with an ISEE under the ceiling: the
    days of their age, while the ISEE is valid."""
    low, high = t.holder_min_age or 18, t.holder_max_age or 25
    query = (
        select(Person.id, Family.id, Family.comune_code, Person.birth_date, Family.isee_expiry)
        .join(Family, Family.id == Person.family_id)
        .where(
            Person.birth_date > add_months(today - timedelta(days=HISTORY_DAYS), -12 * (high + 1)),
            Person.birth_date <= add_months(today, -12 * low),
            Family.isee_value.is_not(None),
            Family.isee_expiry.is_not(None),
            Family.isee_value <= (t.isee_ceiling if t.isee_ceiling is not None else 10**9),
            Family.comune_code.is_not(None),
            Family.anonymised_on.is_(None),
            Person.anonymised_on.is_(None),
        )
        .order_by(Person.id)
    )
    return [
        (
            person,
            family,
            comune,
            birthday(born, low),
            min(birthday(born, high + 1) - timedelta(days=SHORTEST + 1), expiry),
        )
        for person, family, comune, born, expiry in session.execute(query)
    ]


def plan_cards(
    session: Session, rng: random.Random, today: date, family_type: CardType, youth_type: CardType
) -> list[DemoCard]:
    """Every demo card, in the order they were planned (numbers come later)."""
    planner = CardPlanner(session, rng, today)
    first, yesterday = today - timedelta(days=HISTORY_DAYS), today - timedelta(days=1)
    for family_id, comune, earliest in _sample(rng, family_candidates(session, family_type)):
        if rng.random() >= TAKE_UP["family"]:
            continue
        start, last = max(first, earliest), yesterday
        expiring = rng.random() < EXPIRING_SHARE
        soon = add_months(today, -family_type.validity_months) + timedelta(days=2)
        if expiring and earliest <= soon:  # issued so that it expires within four weeks
            start, last = soon, soon + timedelta(days=25)
        card = planner.issue(family_type.id, family_id, None, comune, start, last)
        if card is not None:
            planner.live(card, 0 if expiring else RENEWED["family"])
    for person_id, family_id, comune, low, high in _sample(
        rng, youth_candidates(session, today, youth_type)
    ):
        if rng.random() >= TAKE_UP["youth"]:
            continue
        last = min(high, yesterday)
        if rng.random() < 0.5:  # most ask for it late: in the last year they may
            low = max(low, last - timedelta(days=365))
        card = planner.issue(
            youth_type.id, family_id, person_id, comune, max(first, low), last, later=False
        )
        if card is not None:
            planner.live(card, RENEWED["youth"])
    return planner.cards

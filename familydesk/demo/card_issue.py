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
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.appointments.calendar_rules import national_holidays
from familydesk.cards.eligibility import Eligibility, add_months, check_eligibility
from familydesk.db.models import Family, Person
from familydesk.db.models_cards import CardType
from familydesk.demo.appointments import utc
from familydesk.demo.card_names import ISSUERS, REPLACE_REASONS, REVOKE_REASONS
from familydesk.registry.records import CHILD_RELATIONS

#: How far back the first cards were issued (days).
HISTORY_DAYS = 900
#: Families (and young people) considered at most: a benchmark's 50,000 families would
#: cost a check each for cards nobody looks at.
CANDIDATES_AT_MOST = 1_200
TAKE_UP = {"family": 0.8, "youth": 0.9}
#: Family cards issued so that they expire within the month.
EXPIRING_SHARE = 0.12
REVOKED, REPLACED = 0.05, 0.05
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

    def check(self, card_type_id: int, family_id: int, holder_id: int | None,
              on: date) -> Eligibility:  # fmt: skip
        return check_eligibility(self.session, family_id, card_type_id, holder_id, on)

    def issue(self, card_type_id: int, family_id: int, holder_id: int | None, comune: str,
              first: date, last: date, later: bool = True) -> DemoCard | None:  # fmt: skip
        """A card on the first of up to four desk days the family qualifies on (each
        ``later`` than the last: children are born, residence grows; else anywhere, as a
        young person's ISEE may be valid only in part of the period)."""
        for _try in range(4):
            day = self.desk_day(first, last)
            if day is None:
                return None
            found = self.check(card_type_id, family_id, holder_id, day)
            if found.eligible:
                by = self.rng.choices([i[0] for i in ISSUERS], [i[1] for i in ISSUERS])[0]
                card = DemoCard(card_type_id, family_id, found.holder_id, comune, found.members,
                                day, self.stamp(day), by, day, found.expires_on,
                                found.shortened_reason)  # fmt: skip
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
            day = self.desk_day(max(card.expires_on - timedelta(days=28), card.issued_on),
                                min(card.expires_on, yesterday))  # fmt: skip
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
        new = DemoCard(old.type_id, old.family_id, old.holder_id, old.comune_code, old.members,
                       day, stamp, old.issued_by, day, old.expires_on, old.shortened_reason,
                       previous=old)  # fmt: skip
        self.cards.append(new)
        return new


def _sample(rng: random.Random, items: list) -> list:  # type: ignore[type-arg]
    rng.shuffle(items)
    return items[:CANDIDATES_AT_MOST]


def family_candidates(session: Session, min_children: int) -> list[tuple[int, str]]:
    """(family id, comune code) of the families with enough children ever to qualify."""
    query = (select(Family.id, Family.comune_code).join(Person, Person.family_id == Family.id)
             .where(Person.relation.in_(CHILD_RELATIONS), Family.anonymised_on.is_(None),
                    Family.comune_code.is_not(None))
             .group_by(Family.id, Family.comune_code)
             .having(func.count(Person.id) >= min_children).order_by(Family.id))  # fmt: skip
    return [(f, c) for f, c in session.execute(query)]


def youth_candidates(session: Session, today: date, low: int, high: int,
                     ceiling: Decimal | None) -> list[tuple[int, int, str]]:  # fmt: skip
    """(person id, family id, comune code) of the people of the holder's age at some point
    of the history, in families with an ISEE under the ceiling."""
    born_after = add_months(today - timedelta(days=HISTORY_DAYS), -12 * (high + 1))
    query = (select(Person.id, Family.id, Family.comune_code)
             .join(Family, Family.id == Person.family_id)
             .where(Person.birth_date > born_after,
                    Person.birth_date <= add_months(today, -12 * low),
                    Family.isee_value.is_not(None),
                    Family.isee_value <= (ceiling if ceiling is not None else 10**9),
                    Family.comune_code.is_not(None), Family.anonymised_on.is_(None),
                    Person.anonymised_on.is_(None))
             .order_by(Person.id))  # fmt: skip
    return [(p, f, c) for p, f, c in session.execute(query)]


def plan_cards(session: Session, rng: random.Random, today: date, family_type: CardType,
               youth_type: CardType) -> list[DemoCard]:  # fmt: skip
    """Every demo card, in the order they were planned (numbers come later)."""
    planner = CardPlanner(session, rng, today)
    first, yesterday = today - timedelta(days=HISTORY_DAYS), today - timedelta(days=1)
    for family_id, comune in _sample(rng, family_candidates(session, family_type.min_children)):
        if rng.random() >= TAKE_UP["family"]:
            continue
        expiring = rng.random() < EXPIRING_SHARE
        if expiring:  # issued so that the card expires within the next four weeks
            start = add_months(today, -family_type.validity_months) + timedelta(days=2)
            last = start + timedelta(days=25)
        else:
            start, last = first, yesterday
        card = planner.issue(family_type.id, family_id, None, comune, start, last)
        if card is not None:
            planner.live(card, 0 if expiring else RENEWED["family"])
    people = youth_candidates(session, today, youth_type.holder_min_age or 18,
                              youth_type.holder_max_age or 25, youth_type.isee_ceiling)  # fmt: skip
    for person_id, family_id, comune in _sample(rng, people):
        if rng.random() >= TAKE_UP["youth"]:
            continue
        card = planner.issue(youth_type.id, family_id, person_id, comune, first, yesterday,
                             later=False)  # fmt: skip
        if card is not None:
            planner.live(card, RENEWED["youth"])
    return planner.cards

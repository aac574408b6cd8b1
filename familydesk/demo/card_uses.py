"""A year of benefit uses at the partners' counters, accepted and refused.

Mostly a card valid that day at a partner whose agreement is in force (most in the
family's own comune). Then the refusals a counter meets: a mistyped number (the
check character catches it), something that is not a card number, a card of
another scheme, an expired, revoked or replaced card, a benefit not given to this
card type, a partner whose agreement ended or has not started. Whatever was meant,
the reason stored is decided by the rules of ``familydesk.cards.redemptions.redeem``
in their order, as they stood on the day (a card revoked later was still valid).
Times fall within the partner's opening hours, never on a public holiday.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from familydesk.cards.numbers import compose, grouped, normalise, problem
from familydesk.demo.appointments import utc
from familydesk.demo.card_issue import DemoCard
from familydesk.demo.card_names import COUNTER
from familydesk.demo.card_partners import DemoBenefit, DemoPartner
from familydesk.demo.resources import minutes
from familydesk.scheduling.calendar_rules import national_holidays

#: Uses a card valid for the whole year sees, and the most the demo records.
USES_PER_CARD_YEAR = 16
USES_AT_MOST = 2_000
#: What the attempt is meant to show, and how often.
INTENTS = (
    ("accepted", 83),
    ("check", 4),
    ("format", 1),
    ("unknown", 1),
    ("expired", 3),
    ("revoked", 2),
    ("replaced", 1.5),
    ("card_type", 2.5),
    ("agreement", 2),
)
#: Cards of another scheme (the comune of Mantova's own) that families sometimes show.
OTHER_SCHEME = "E897"

Attempt = tuple[str, date, DemoBenefit]


def decide(
    cards: dict[str, DemoCard], typed: str, day: date, benefit: DemoBenefit
) -> tuple[str, DemoCard | None]:
    """(reason, card) by the rules of ``redeem`` in order, as they stood on ``day``."""
    found = problem(typed)
    if found:
        return found, None
    card = cards.get(normalise(typed))
    if card is None:
        return "unknown", None
    if card.status != "active" and card.revoked_on is not None and card.revoked_on <= day:
        return card.status, card
    if card.expires_on < day:
        return "expired", card
    if card.type_id not in benefit.types:
        return "card_type", card
    if not benefit.active or not benefit.partner.in_force(day):
        return "agreement", card
    return "", card


class UsePlanner:
    def __init__(
        self, rng: random.Random, cards: list[DemoCard], partners: list[DemoPartner], now: datetime
    ) -> None:
        self.rng, self.now, self.today = rng, now, now.date()
        self.first = self.today - timedelta(days=364)
        self.cards = {c.number: c for c in cards}
        self.live = [c for c in cards if self.span(c) is not None]
        self.benefits = [b for p in partners for b in p.benefits]
        self.holidays: dict[int, set[date]] = {}

    def span(self, card: DemoCard) -> tuple[date, date] | None:
        """The days of the year the card was valid on."""
        last = min(card.expires_on, self.today)
        if card.revoked_on is not None:
            last = min(last, card.revoked_on - timedelta(days=1))
        first = max(card.created, self.first)
        return (first, last) if first <= last else None

    def day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def typed(self, number: str) -> str:
        """As the operator typed it, or as a scanner read it."""
        roll = self.rng.random()
        return grouped(number) if roll < 0.65 else number if roll < 0.9 else grouped(number).lower()

    def benefit(self, card: DemoCard, day: date, fits: bool = True) -> DemoBenefit | None:
        """A benefit (not) for the card's type at a partner in force, most in its comune."""
        found = [
            b
            for b in self.benefits
            if (card.type_id in b.types) == fits and b.partner.in_force(day)
        ]
        near = [b for b in found if b.partner.comune_code == card.comune_code]
        pool = near if near and self.rng.random() < 0.7 else found
        return self.rng.choice(pool) if pool else None

    def valid(self, fits: bool = True) -> tuple[DemoCard, date, DemoBenefit] | None:
        if not self.live:
            return None
        card = self.rng.choice(self.live)
        day = self.day(*self.span(card))  # type: ignore[misc]
        benefit = self.benefit(card, day, fits)
        return (card, day, benefit) if benefit else None

    # -- what an attempt is meant to show ------------------------------------------------
    def accepted(self) -> Attempt | None:
        found = self.valid()
        return (self.typed(found[0].number), found[1], found[2]) if found else None

    def check(self) -> Attempt | None:
        found = self.valid()
        if found is None:
            return None
        chars = list(found[0].number)
        at = self.rng.randrange(4, 9)
        if chars[at] != chars[at + 1] and self.rng.random() < 0.3:  # two digits swapped
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
        else:  # one digit mistyped
            chars[at] = self.rng.choice([d for d in "0123456789" if d != chars[at]])
        return grouped("".join(chars)), found[1], found[2]

    def format(self) -> Attempt | None:
        found = self.valid()
        if found is None:
            return None
        number = found[0].number
        return grouped(number[:-1]) if self.rng.random() < 0.5 else number[4:], found[1], found[2]

    def unknown(self) -> Attempt | None:
        day = self.day(self.first, self.today)
        pool = [b for b in self.benefits if b.partner.in_force(day)]
        number = compose(OTHER_SCHEME, self.rng.randint(1, 900))
        return (grouped(number), day, self.rng.choice(pool)) if pool else None

    def _after(self, cards: list[tuple[DemoCard, date]]) -> Attempt | None:
        """A card shown on a day from ``date`` on (it was no longer valid then)."""
        cards = [(c, d) for c, d in cards if max(d, self.first) <= self.today]
        if not cards:
            return None
        card, since = self.rng.choice(cards)
        day = self.day(max(since, self.first), self.today)
        benefit = self.benefit(card, day)
        return (self.typed(card.number), day, benefit) if benefit else None

    def expired(self) -> Attempt | None:
        return self._after(
            [
                (c, c.expires_on + timedelta(days=1))
                for c in self.cards.values()
                if c.status == "active" and c.expires_on < self.today
            ]
        )

    def revoked(self, status: str = "revoked") -> Attempt | None:
        return self._after(
            [(c, c.revoked_on) for c in self.cards.values() if c.status == status and c.revoked_on]
        )

    def replaced(self) -> Attempt | None:
        return self.revoked("replaced")

    def card_type(self) -> Attempt | None:
        found = self.valid(fits=False)
        return (self.typed(found[0].number), found[1], found[2]) if found else None

    def agreement(self) -> Attempt | None:
        out = [b for b in self.benefits if not b.partner.in_force(self.today)]
        if not out:
            return None
        benefit = self.rng.choice(out)
        partner = benefit.partner
        ended = partner.end is not None and partner.end < self.today
        first = max(self.first, partner.end + timedelta(days=1)) if ended else self.first  # type: ignore[operator]
        day = self.day(first, self.today)
        cards = [
            c
            for c in self.live
            if c.type_id in benefit.types and self.span(c)[0] <= day <= self.span(c)[1]
        ]  # type: ignore[index]
        return (self.typed(self.rng.choice(cards).number), day, benefit) if cards else None

    # -- when ---------------------------------------------------------------------------
    def moment(self, partner: DemoPartner, day: date) -> datetime | None:
        """A time the partner is open on ``day`` (None when closed), before now."""
        if day.year not in self.holidays:
            self.holidays[day.year] = set(national_holidays(day.year))
        spans = partner.hours.get(day.weekday())
        if not spans or day in self.holidays[day.year]:
            return None
        start, end = self.rng.choice(spans)
        at = utc(day, self.rng.randrange(minutes(start), minutes(end)))
        return at if at <= self.now_utc else None

    def plan(self, count: int) -> list[tuple[datetime, str, DemoBenefit, str, DemoCard | None]]:
        """``count`` attempts at most: (when, number typed, benefit, reason, card)."""
        makers: dict[str, Callable[[], Attempt | None]] = {n: getattr(self, n) for n, _w in INTENTS}
        names, weights = [n for n, _w in INTENTS], [w for _n, w in INTENTS]
        uses = []
        for _try in range(count * 4):
            if len(uses) >= count:
                break
            attempt = makers[self.rng.choices(names, weights)[0]]()
            if attempt is None:
                continue
            typed, day, benefit = attempt
            at = self.moment(benefit.partner, day)
            if at is None:
                continue
            reason, card = decide(self.cards, typed, day, benefit)
            uses.append((at, typed, benefit, reason, card))
        uses.sort(key=lambda u: u[0])
        return uses

    @property
    def now_utc(self) -> datetime:
        return utc(self.today, self.now.hour * 60 + self.now.minute)


def plan_uses(
    rng: random.Random, cards: list[DemoCard], partners: list[DemoPartner], now: datetime
) -> list[tuple[datetime, str, DemoBenefit, str, DemoCard | None, str]]:
    """The year's attempts, oldest first, each with the operator who recorded it."""
    planner = UsePlanner(rng, cards, partners, now)
    days = sum((s[1] - s[0]).days + 1 for s in map(planner.span, planner.live))  # type: ignore[index]
    count = min(USES_AT_MOST, round(USES_PER_CARD_YEAR * days / 365))
    who, weights = [c[0] for c in COUNTER], [c[1] for c in COUNTER]
    return [(*use, rng.choices(who, weights)[0]) for use in planner.plan(count)]

"""Eligibility that explains itself: a family against a card type, rule by rule.

Every rule of the type gives a line, met or not, in plain words ("2 children under
26: the card needs 3"; "ISEE expired on 15/01/2026"). The proposed expiry is the
validity period, shortened to the day the family stops qualifying by age (a child
ageing out below the number needed, or the holder leaving a youth card's ages).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.cards import CardType
from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.i18n import _, format_date, format_money, format_number, ngettext
from familydesk.kernel.clock import add_months
from familydesk.kernel.errors import NotFoundError
from familydesk.registry.families import age_on as registry_age_on
from familydesk.registry.records import ADULT_AGE, CHILD_RELATIONS
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions


@dataclass(frozen=True)
class Rule:
    met: bool
    text: str


@dataclass(frozen=True)
class Eligibility:
    family_id: int
    card_type_id: int
    card_type: str
    #: The holder the check was made for (the first eligible adult when none was given).
    holder_id: int | None
    eligible: bool
    rules: tuple[Rule, ...]
    #: The children counted by the children rule.
    children: tuple[int, ...]
    #: Who the card would cover: the family's members (a youth card: the holder only).
    members: tuple[int, ...]
    #: Proposed expiry if issued on the day checked, and why it is shorter than the validity.
    expires_on: date
    shortened_reason: str

    @property
    def reasons(self) -> tuple[str, ...]:
        """The rules not met, in words."""
        return tuple(r.text for r in self.rules if not r.met)


def age_on(born: date, day: date) -> int:
    """Completed years on ``day`` (the registry's rule, for a known birth date)."""
    return registry_age_on(born, day) or 0


def birthday(born: date, years: int) -> date:
    """The day ``born`` turns ``years`` (29 February: 28 February in common years)."""
    year = born.year + years
    return date(year, born.month, min(born.day, calendar.monthrange(year, born.month)[1]))


def _name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}".strip()


def _residence(t: CardType, family: Family, comuni: dict[str, str], on: date) -> list[Rule]:
    if not t.residence_required:
        return []
    if not family.comune_code:
        return [Rule(False, _("No comune of residence is recorded for the family."))]
    comune = comuni.get(family.comune_code)
    if comune is None:
        name = family.comune_name or family.comune_code
        return [
            Rule(
                False,
                _("Resident in {comune}, which is not one of the member comuni.").format(
                    comune=name
                ),
            )
        ]
    if not t.residence_months:
        return [Rule(True, _("Resident in {comune}, a member comune.").format(comune=comune))]
    since = family.resident_since
    if since is None:
        return [
            Rule(
                False,
                ngettext(
                    "Resident in {comune}, but the date of residence is not recorded: the card "
                    "needs {n} month.",
                    "Resident in {comune}, but the date of residence is not recorded: the card "
                    "needs {n} months.",
                    t.residence_months,
                ).format(comune=comune, n=format_number(t.residence_months)),
            )
        ]
    months = (on.year - since.year) * 12 + on.month - since.month - (on.day < since.day)
    if months < t.residence_months:
        if months <= 0:
            return [
                Rule(
                    False,
                    _(
                        "Resident in {comune} since {since}: less than a month, the card needs {n}."
                    ).format(
                        comune=comune, since=format_date(since), n=format_number(t.residence_months)
                    ),
                )
            ]
        return [
            Rule(
                False,
                ngettext(
                    "Resident in {comune} since {since}: {months} month, the card needs {n}.",
                    "Resident in {comune} since {since}: {months} months, the card needs {n}.",
                    months,
                ).format(
                    comune=comune,
                    since=format_date(since),
                    months=format_number(months),
                    n=format_number(t.residence_months),
                ),
            )
        ]
    return [
        Rule(
            True,
            ngettext(
                "Resident in {comune} since {since} (the card needs {n} month).",
                "Resident in {comune} since {since} (the card needs {n} months).",
                t.residence_months,
            ).format(comune=comune, since=format_date(since), n=format_number(t.residence_months)),
        )
    ]


def _limit(t: CardType, child: Person) -> int:
    if child.disability and t.disability_age_limit:
        return t.disability_age_limit
    return t.child_age_limit


def _children(
    t: CardType, members: list[Person], on: date
) -> tuple[list[Rule], list[Person], date | None, str]:
    """The children rule, who counts, and the day the family drops below the number needed."""
    if not t.min_children:
        return [], [], None, ""
    relations = CHILD_RELATIONS if t.count_foster else CHILD_RELATIONS - {"foster"}
    counted = [
        m
        for m in members
        if m.relation in relations
        and m.birth_date is not None
        and m.birth_date <= on
        and age_on(m.birth_date, on) < _limit(t, m)
    ]
    n = len(counted)
    words = (
        _("No child under {age}").format(age=t.child_age_limit)
        if not n
        else ngettext("{n} child under {age}", "{n} children under {age}", n).format(
            n=format_number(n), age=t.child_age_limit
        )
    )
    if n < t.min_children:
        needed = _("{counted}: the card needs {needed}.").format(
            counted=words, needed=t.min_children
        )
        missing = [m for m in members if m.relation in relations and m.birth_date is None]
        if missing:
            needed += " " + _("Dates of birth missing for: {names}.").format(
                names=", ".join(_name(m) for m in missing)
            )
        return [Rule(False, needed)], counted, None, ""
    text = _("{counted} (the card needs {needed}).").format(counted=words, needed=t.min_children)
    ages_out = sorted(
        ((birthday(m.birth_date, _limit(t, m)), m) for m in counted), key=lambda pair: pair[0]
    )  # type: ignore[arg-type]
    drop_day, leaving = ages_out[n - t.min_children]
    reason = ngettext(
        "on {day} {name} turns {age} and the family has fewer than {needed} children "
        "under the limit",
        "on {day} {name} turns {age} and the family has fewer than {needed} children "
        "under the limit",
        _limit(t, leaving),
    ).format(
        day=format_date(drop_day),
        name=_name(leaving),
        age=format_number(_limit(t, leaving)),
        needed=format_number(t.min_children),
    )
    return [Rule(True, text)], counted, drop_day, reason


def _isee(t: CardType, family: Family, on: date) -> list[Rule]:
    if t.isee_ceiling is None:
        return []
    ceiling = format_money(t.isee_ceiling)
    if family.isee_value is None:
        return [
            Rule(
                False,
                _("No ISEE is recorded: the card needs a valid ISEE of at most {ceiling}.").format(
                    ceiling=ceiling
                ),
            )
        ]
    if family.isee_expiry is None or family.isee_expiry < on:
        when = format_date(family.isee_expiry) if family.isee_expiry else "?"
        return [
            Rule(False, _("The ISEE expired on {day}: an updated one is needed.").format(day=when))
        ]
    value = format_money(family.isee_value)
    if family.isee_value > t.isee_ceiling:
        return [
            Rule(
                False,
                _("ISEE {value} is above the ceiling of {ceiling}.").format(
                    value=value, ceiling=ceiling
                ),
            )
        ]
    return [
        Rule(
            True,
            _("ISEE {value}, within the ceiling of {ceiling}, valid until {day}.").format(
                value=value, ceiling=ceiling, day=format_date(family.isee_expiry)
            ),
        )
    ]


def _holder_fits(t: CardType, person: Person, on: date) -> bool:
    if person.birth_date is None:
        return False
    age = age_on(person.birth_date, on)
    low = t.holder_min_age if t.holder_min_age is not None else ADULT_AGE
    return age >= low and (t.holder_max_age is None or age <= t.holder_max_age)


def _holder(
    t: CardType, members: list[Person], holder_id: int | None, on: date
) -> tuple[list[Rule], Person | None]:
    low = t.holder_min_age if t.holder_min_age is not None else ADULT_AGE
    span = (
        f"{low}-{t.holder_max_age}"
        if t.holder_max_age is not None
        else _("{low} or more").format(low=low)
    )
    if holder_id is not None:
        person = next((m for m in members if m.id == holder_id), None)
        if person is None:
            return [Rule(False, _("The holder must be a member of the family."))], None
        if _holder_fits(t, person, on):
            age = age_on(person.birth_date, on)  # type: ignore[arg-type]
            return [
                Rule(
                    True,
                    ngettext(
                        "{name} is {age} (the holder's age must be {span}).",
                        "{name} is {age} (the holder's age must be {span}).",
                        age,
                    ).format(name=_name(person), age=format_number(age), span=span),
                )
            ], person
        if person.birth_date is None:
            return [
                Rule(
                    False,
                    _(
                        "The date of birth of {name} is not recorded: the holder's age must be "
                        "{span}."
                    ).format(name=_name(person), span=span),
                )
            ], person
        age = age_on(person.birth_date, on)
        return [
            Rule(
                False,
                ngettext(
                    "{name} is {age}: the holder's age must be {span}.",
                    "{name} is {age}: the holder's age must be {span}.",
                    age,
                ).format(name=_name(person), age=format_number(age), span=span),
            )
        ], person
    fits = [m for m in members if _holder_fits(t, m, on)]
    if fits:
        return [
            Rule(
                True,
                _("{name} can hold the card (age {span}).").format(name=_name(fits[0]), span=span),
            )
        ], fits[0]
    return [
        Rule(False, _("No member of the family is aged {span} to hold the card.").format(span=span))
    ], None


def check_eligibility(
    session: Session,
    family_id: int,
    card_type_id: int,
    holder_id: int | None = None,
    on: date | None = None,
) -> Eligibility:
    """Whether the family may have a card of this type on ``on`` (today), with every reason."""
    permissions.require(session, permissions.CARDS)
    on = on or local_now().date()
    t = session.get(CardType, card_type_id)
    family = session.get(Family, family_id)
    if t is None or family is None:
        raise NotFoundError(_("This family or card type no longer exists."))
    members = list(
        session.scalars(
            select(Person)
            .where(Person.family_id == family_id, Person.anonymised_on.is_(None))
            .order_by(Person.id)
        )
    )
    comuni = dict(session.execute(select(MemberComune.cadastral_code, MemberComune.name)).all())
    rules: list[Rule] = []
    if not t.active:
        rules.append(
            Rule(False, _("The card type {name} is no longer issued.").format(name=t.name))
        )
    if family.anonymised_on is not None:
        rules.append(Rule(False, _("The family has been anonymised.")))
    rules += _residence(t, family, comuni, on)
    child_rules, counted, drop_day, drop_reason = _children(t, members, on)
    rules += child_rules
    holder_rules, holder = _holder(t, members, holder_id, on)
    rules += holder_rules
    rules += _isee(t, family, on)
    expires, reason = add_months(on, t.validity_months) - timedelta(days=1), ""
    if drop_day is not None and drop_day - timedelta(days=1) < expires:
        expires, reason = drop_day - timedelta(days=1), drop_reason
    youth = t.holder_max_age is not None and holder is not None
    if youth and holder.birth_date is not None:  # type: ignore[union-attr]
        leaves = birthday(holder.birth_date, t.holder_max_age + 1)  # type: ignore[union-attr, operator]
        if leaves - timedelta(days=1) < expires:
            expires = leaves - timedelta(days=1)
            reason = ngettext(
                "on {day} {name} turns {age}", "on {day} {name} turns {age}", t.holder_max_age + 1
            ).format(
                day=format_date(leaves), name=_name(holder), age=format_number(t.holder_max_age + 1)
            )  # type: ignore[operator, arg-type]
    covered = (holder.id,) if youth else tuple(m.id for m in members)  # type: ignore[union-attr]
    return Eligibility(
        family_id=family_id,
        card_type_id=t.id,
        card_type=t.name,
        holder_id=holder.id if holder else None,
        eligible=bool(rules) and all(r.met for r in rules),
        rules=tuple(rules),
        children=tuple(m.id for m in counted),
        members=covered,
        expires_on=max(expires, on),
        shortened_reason=reason,
    )

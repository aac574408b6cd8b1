"""The demo's family cards obey the rules the card services enforce.

The demo plans cards and benefit uses in memory and writes them with Core inserts,
bypassing ``issue_card`` and ``redeem``: here the eligibility service proves every
card was issued to a family that qualified on the day (holder, members and expiry as
it proposes them), and the redemption rules, plain SQL and the partners' opening
hours prove every use was accepted or refused for the right reason.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.cards import numbers
from familydesk.cards.eligibility import check_eligibility
from familydesk.cards.issue import card_register
from familydesk.cards.partners import BENEFIT_KINDS, CATEGORIES, benefit_rows, partner_directory
from familydesk.cards.redemptions import REASON_NAMES, _decide
from familydesk.db.database import Database
from familydesk.db.models.cards import (
    Benefit,
    BenefitCardType,
    Card,
    CardMember,
    CardSequence,
    CardType,
    Partner,
    Redemption,
)
from familydesk.db.models.directory import Organisation
from familydesk.db.models.registry import Family, MemberComune
from familydesk.demo.partner_names import HOURS, KINDS, PARTNERS
from familydesk.demo.resources import minutes
from familydesk.kernel import clock
from familydesk.scheduling.calendar_rules import national_holidays
from tests.conftest import PgServer
from tests.demo.test_appointments import _filled

COMUNI = {"Suzzara", "Gonzaga", "Pegognaga", "San Benedetto Po", "Moglia", "Motteggiana"}


@pytest.fixture(scope="module")
def demo(
    pg_server: PgServer | None, template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, datetime]]:
    """The default demo, filled today (the rules must hold whatever the day)."""
    yield from _filled(pg_server, template, tmp_path_factory.mktemp("cards"), None)


def _rows(database: Database, query: Any) -> list[Any]:
    return database.read(lambda s: s.execute(query).all())


def _local_day(moment: datetime) -> date:
    return moment.astimezone(clock.ROME).date()


# -- cards --------------------------------------------------------------------------------
def test_every_card_was_issued_to_an_eligible_family(demo: tuple[Database, datetime]) -> None:
    """check_eligibility on the day of issue (and of the first issue, for a renewed card)
    says yes for every demo card, with the holder, members and expiry stored."""
    database, _now = demo

    def problems(session: Session) -> tuple[int, list[tuple[str, str]]]:
        cards = session.execute(select(Card.__table__)).all()
        members: dict[int, set[int]] = defaultdict(set)
        for card_id, person_id in session.execute(select(CardMember.card_id, CardMember.person_id)):
            members[card_id].add(person_id)
        by_id = {c.id: c for c in cards}
        found = []
        for card in cards:
            first = _local_day(card.created_at)
            rule = check_eligibility(
                session, card.family_id, card.card_type_id, card.holder_id, on=card.issued_on
            )
            if not rule.eligible:
                found.append((card.number, "not eligible: " + " ".join(rule.reasons)))
            if rule.holder_id != card.holder_id or card.holder_id not in members[card.id]:
                found.append((card.number, "holder"))
            renewed = card.issued_on > first
            if (card.previous_id is None or renewed) and card.expires_on != rule.expires_on:
                found.append((card.number, "expiry"))
            if (
                renewed
                and not check_eligibility(
                    session, card.family_id, card.card_type_id, card.holder_id, on=first
                ).eligible
            ):
                found.append((card.number, "first issue"))  # eligible on the first issue too
            if card.previous_id is None:
                proposed = check_eligibility(
                    session, card.family_id, card.card_type_id, card.holder_id, on=first
                ).members
                if members[card.id] != set(proposed):
                    found.append((card.number, "members"))
            else:
                old = by_id[card.previous_id]
                same = (old.family_id, old.holder_id, old.card_type_id, members[old.id])
                if (old.status, old.revoked_on) != ("replaced", first) or same != (
                    card.family_id,
                    card.holder_id,
                    card.card_type_id,
                    members[card.id],
                ):
                    found.append((card.number, "replacement"))
                if not renewed and card.expires_on != old.expires_on:
                    found.append((card.number, "replacement expiry"))
        return len(cards), found

    count, found = database.read(problems)
    assert count >= 40 and found == []


def test_never_two_valid_cards_of_a_type_for_one_family_or_holder(
    demo: tuple[Database, datetime],
) -> None:
    """issue_card refuses a second card while one is valid: one family card per family,
    one youth card per young person. The demo never has two."""
    database, _now = demo
    personal = set(
        database.read(
            lambda s: list(
                s.scalars(
                    select(CardType.id).where(
                        CardType.holder_min_age.is_not(None) | CardType.holder_max_age.is_not(None)
                    )
                )
            )
        )
    )
    spans: dict[tuple[int, int], list[tuple[date, date]]] = defaultdict(list)
    for type_id, family, holder, created, expires, revoked in _rows(
        database,
        select(
            Card.card_type_id,
            Card.family_id,
            Card.holder_id,
            Card.created_at,
            Card.expires_on,
            Card.revoked_on,
        ),
    ):
        last = min(expires, revoked - timedelta(days=1)) if revoked else expires
        spans[type_id, holder if type_id in personal else family].append(
            (_local_day(created), last)
        )
    assert personal and len(spans) >= 40
    for key, held in spans.items():
        held.sort()
        assert all(a[1] < b[0] for a, b in zip(held, held[1:], strict=False)), key


def test_card_numbers_are_valid_unique_and_in_issue_order(demo: tuple[Database, datetime]) -> None:
    database, _now = demo
    cards = _rows(
        database,
        select(Card.number, Card.comune_code, Family.comune_code, Card.created_at).join(
            Family, Family.id == Card.family_id
        ),
    )
    assert len(cards) >= 40
    assert all(numbers.problem(number) is None for number, *_rest in cards)
    assert len({number for number, *_rest in cards}) == len(cards)
    sequences = dict(_rows(database, select(CardSequence.comune_code, CardSequence.last)))
    by_comune: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for number, code, family_code, created in cards:
        assert number[:4] == code == family_code
        by_comune[code].append((created, int(number[4:10])))
    for code, issued in by_comune.items():
        in_order = [n for _at, n in sorted(issued)]
        assert in_order == list(range(1, len(issued) + 1)), code
        assert sequences[code] == len(issued)


def test_card_types_say_the_rules_of_the_issue(demo: tuple[Database, datetime]) -> None:
    database, _now = demo
    types = {t.name: t for t in database.read(lambda s: list(s.scalars(select(CardType))))}
    assert set(types) == {"Carta Famiglia", "Carta Giovani"}
    family, youth = types["Carta Famiglia"], types["Carta Giovani"]
    assert (family.min_children, family.child_age_limit, family.disability_age_limit) == (3, 26, 30)
    assert family.count_foster and family.residence_required and family.isee_ceiling is None
    assert family.validity_months == 24 and family.residence_months > 0
    assert (youth.holder_min_age, youth.holder_max_age, youth.validity_months) == (18, 25, 12)
    assert youth.isee_ceiling == 30000 and youth.min_children == 0


def test_cards_in_every_state_over_two_years(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    today = now.date()
    states = {
        state: database.read(card_register, state, on=today)
        for state in ("active", "expiring", "expired", "revoked")
    }
    assert len(states["active"]) >= 30 and len(states["expiring"]) >= 1
    assert len(states["expired"]) >= 2
    revoked = Counter(r.status for r in states["revoked"])
    assert revoked["revoked"] >= 2 and revoked["replaced"] >= 2
    assert all(
        r.revoke_reason and r.revoked_on and r.issued_on <= r.revoked_on <= today
        for r in states["revoked"]
    )
    cards = _rows(
        database,
        select(
            Card.issued_on, Card.created_at, Card.card_type_id, Card.issued_by, Card.previous_id
        ),
    )
    firsts = [_local_day(created) for _i, created, *_rest in cards]
    assert sum(1 for issued, created, *_r in cards if issued > _local_day(created)) >= 2  # renewed
    assert today - timedelta(days=2 * 365 + 200) <= min(firsts) and max(firsts) < today
    assert len({(d.year, (d.month - 1) // 3) for d in firsts}) >= 8  # spread over the quarters
    assert all(d.weekday() < 5 and d not in national_holidays(d.year) for d in firsts)
    assert len({type_id for _i, _c, type_id, *_r in cards}) == 2
    assert all(by for *_r, by, _p in cards)


# -- partners -----------------------------------------------------------------------------
def test_partners_across_the_six_comuni(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    today = now.date()
    partners = _rows(
        database,
        select(
            Partner.__table__,
            Organisation.name,
            Organisation.address,
            Organisation.phone,
            Organisation.email,
            Organisation.kind,
            MemberComune.name.label("comune"),
        )
        .join(Organisation, Organisation.id == Partner.organisation_id)
        .join(MemberComune, MemberComune.cadastral_code == Organisation.comune_code),
    )
    assert len(partners) >= 60
    assert {p.comune for p in partners} == COMUNI
    assert {p.category for p in partners} == set(CATEGORIES)
    kinds = {"sports": "sports", "commercial": "shop", "social": "third_sector"}
    assert all(p.kind == kinds.get(p.category, "other") for p in partners)
    assert all(p.address and p.contact and p.phone and "@" in p.email for p in partners)
    assert sum(1 for p in partners if p.agreement_end and p.agreement_end < today) >= 3
    assert sum(1 for p in partners if p.agreement_start > today) == 1
    benefits = _rows(
        database,
        select(
            Benefit.partner_id, Benefit.kind, Benefit.value, Benefit.description, Benefit.conditions
        ),
    )
    per_partner = Counter(b.partner_id for b in benefits)
    assert {per_partner[p.id] for p in partners} <= {1, 2, 3} and len(per_partner) == len(partners)
    assert {b.kind for b in benefits} == set(BENEFIT_KINDS)
    assert all(1 <= b.value <= 100 for b in benefits if b.kind == "percent")
    assert all(b.description for b in benefits if b.kind == "other")
    assert sum(1 for b in benefits if b.conditions) > len(benefits) / 2
    links = _rows(database, select(BenefitCardType.benefit_id, BenefitCardType.card_type_id))
    assert len({b for b, _t in links}) == len(benefits)
    assert len({t for _b, t in links}) == 2
    listed = {p.id for s in database.read(partner_directory, today) for p in s.partners}
    in_force = {
        p.id
        for p in partners
        if p.agreement_start <= today and (p.agreement_end is None or today <= p.agreement_end)
    }
    assert listed == in_force


# -- benefit uses -------------------------------------------------------------------------
_USES = (
    select(
        Redemption.id,
        Redemption.at,
        Redemption.number_typed,
        Redemption.accepted,
        Redemption.reason,
        Redemption.benefit_id,
        Redemption.card_id,
        Card.status,
        Card.revoked_on,
        Card.expires_on,
        Card.created_at,
        Card.card_type_id,
        Organisation.name,
        Partner.agreement_start,
        Partner.agreement_end,
    )
    .join(Benefit, Benefit.id == Redemption.benefit_id)
    .join(Partner, Partner.id == Benefit.partner_id)
    .join(Organisation, Organisation.id == Partner.organisation_id)
    .outerjoin(Card, Card.id == Redemption.card_id)
    .order_by(Redemption.id)
)


def test_a_year_of_uses_with_every_reason(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    uses = _rows(database, _USES)
    assert 300 <= len(uses) <= 2000
    reasons = Counter(u.reason for u in uses)
    assert set(reasons) == set(REASON_NAMES)
    assert 0.75 < reasons[""] / len(uses) < 0.92
    assert all(u.accepted == (u.reason == "") for u in uses)
    assert [u.at for u in uses] == sorted(u.at for u in uses)
    local_now = now.replace(tzinfo=clock.ROME)
    assert all(local_now - timedelta(days=366) < u.at <= local_now for u in uses)


def test_uses_fall_within_the_partners_opening_hours(demo: tuple[Database, datetime]) -> None:
    database, _now = demo
    hours = {name: HOURS[KINDS[kind].hours] for _code, kind, name, _how in PARTNERS}
    for use in _rows(database, _USES):
        at = use.at.astimezone(clock.ROME)
        minute = at.hour * 60 + at.minute
        spans = hours[use.name].get(at.weekday(), ())
        assert any(minutes(a) <= minute < minutes(b) for a, b in spans), (use.name, at)
        assert at.date() not in national_holidays(at.year), (use.name, at)


def _why(use: Any, linked: set[tuple[int, int]], cards: set[str]) -> str:
    """The reason a use must have, from the rows alone (plain SQL) as they stood that day."""
    day = _local_day(use.at)
    found = numbers.problem(use.number_typed)
    if found:
        return found
    if use.card_id is None:
        return "unknown" if numbers.normalise(use.number_typed) not in cards else "?"
    if use.status != "active" and use.revoked_on <= day:
        return use.status
    assert _local_day(use.created_at) <= day, use  # never shown before it was issued
    if use.expires_on < day:
        return "expired"
    if (use.benefit_id, use.card_type_id) not in linked:
        return "card_type"
    if day < use.agreement_start or (use.agreement_end and use.agreement_end < day):
        return "agreement"
    return ""


def test_every_use_has_the_right_reason(demo: tuple[Database, datetime]) -> None:
    """Plain SQL: no accepted use of a revoked, replaced or expired card, of a benefit not
    given to the card's type, or outside the partner's agreement; every refusal's reason
    is the first rule broken that day."""
    database, _now = demo
    linked = set(_rows(database, select(BenefitCardType.benefit_id, BenefitCardType.card_type_id)))
    cards = set(database.read(lambda s: list(s.scalars(select(Card.number)))))
    wrong = [
        (u.id, u.reason, _why(u, linked, cards))
        for u in _rows(database, _USES)
        if u.reason != _why(u, linked, cards)
    ]
    assert wrong == []


def test_uses_agree_with_the_redemption_service(demo: tuple[Database, datetime]) -> None:
    """The service's own decision, today's state of the card, gives the stored reason for
    every use made after anything that changed the card since (revocation, replacement)."""
    database, _now = demo

    def differences(session: Session) -> tuple[int, list[tuple[int, str, str]]]:
        benefits = {b.id: b for b in session.scalars(select(Benefit))}
        rows = {r.id: r for r in benefit_rows(session, benefits.values())}
        partners = {
            p.id: (p, name)
            for p, name in session.execute(
                select(Partner, Organisation.name).join(
                    Organisation, Organisation.id == Partner.organisation_id
                )
            )
        }
        checked, found = 0, []
        for use in session.execute(_USES):
            day = _local_day(use.at)
            if use.status not in (None, "active") and day < use.revoked_on:
                assert use.reason not in ("revoked", "replaced")
                continue
            benefit = benefits[use.benefit_id]
            reason, _message, card = _decide(
                session,
                benefit,
                rows[benefit.id],
                partners[benefit.partner_id],
                use.number_typed,
                day,
            )
            checked += 1
            if reason != use.reason or (card.id if card else None) != use.card_id:
                found.append((use.id, use.reason, reason))
        return checked, found

    checked, found = database.read(differences)
    assert checked >= 300 and found == []


# -- the same for a seed ------------------------------------------------------------------
def _snapshot(database: Database) -> tuple[list[Any], ...]:
    return (
        _rows(
            database,
            select(
                Card.uid, Card.number, Card.issued_on, Card.expires_on, Card.status, Card.holder_id
            ).order_by(Card.id),
        ),
        _rows(
            database,
            select(Partner.uid, Organisation.name, Partner.agreement_end)
            .join(Organisation, Organisation.id == Partner.organisation_id)
            .order_by(Partner.id),
        ),
        _rows(
            database,
            select(
                Redemption.uid, Redemption.at, Redemption.number_typed, Redemption.reason
            ).order_by(Redemption.id),
        ),
    )


def test_same_seed_and_day_same_cards(
    pg_server: PgServer | None, template: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    now = datetime(2027, 3, 10, 16, 5)
    shots = []
    for n in range(2):
        folder = tmp_path_factory.mktemp(f"cards_seed{n}")
        for database, _now in _filled(pg_server, template, folder, now, families=60):
            shots.append(_snapshot(database))
    assert shots[0] == shots[1]
    assert len(shots[0][0]) >= 5 and len(shots[0][2]) >= 50

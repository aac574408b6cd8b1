"""The family card on the large database (the front desk benchmark's: 50,000 families,
500,000 contacts, 200,000 appointments).

When the database has no benchmark card types yet they are added once, with Core
inserts: a family card (3 children under 26, residence in a member comune) issued to
every family that has 3 children under 26, and a youth card (18-25) to young people of
other families, up to CARDS cards in all, numbered per comune with the check character;
a partner with a benefit for both. Families without a residence date get one.

(a) checking a card by number: ``check_card`` (format and check character, the card,
    its type, holder, members, state and the message);
(b) the eligibility of one family: ``check_eligibility`` for the family card, on a
    family with three children, every rule explained;
(c) a redemption: ``redeem`` on that card (decided, logged, rolled back).

Median / p99 of RUNS runs, beside the plain SQL reading the same rows through the
``sqlite3`` module: the difference is FamilyDesk's own cost. Target: <= 10 ms each.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import open_signed, run_on_large_database  # noqa: E402
from benchmarks.bench_frontdesk import _row  # noqa: E402
from benchmarks.bench_search import FAMILIES, _times  # noqa: E402
from familydesk.cards.eligibility import check_eligibility  # noqa: E402
from familydesk.cards.issue import card_register  # noqa: E402
from familydesk.cards.lookup import check_card  # noqa: E402
from familydesk.cards.numbers import compose  # noqa: E402
from familydesk.cards.redemptions import redeem  # noqa: E402
from familydesk.cards.register import card_register_page  # noqa: E402
from familydesk.db.models.cards import (  # noqa: E402
    Benefit,
    BenefitCardType,
    Card,
    CardMember,
    CardSequence,
    CardType,
    Partner,
)
from familydesk.db.models.directory import Organisation  # noqa: E402
from familydesk.db.models.registry import Family, MemberComune, Person  # noqa: E402
from familydesk.demo.rows import RowWriter, advance_sequences, new_uid, next_id  # noqa: E402
from familydesk.kernel.paging import PAGE_SIZE  # noqa: E402
from familydesk.scheduling.calendar_rules import local_now  # noqa: E402

RUNS = 200
CARDS = 20_000
FAMILY_CARD = "Carta Famiglia (benchmark)"
YOUTH_CARD = "Carta Giovani (benchmark)"

RAW_CARD = """
SELECT c.*, t.name, f.uid, f.name, f.comune_name, h.first_name, h.last_name
FROM card c JOIN card_type t ON t.id = c.card_type_id LEFT JOIN family f ON f.id = c.family_id
LEFT JOIN person h ON h.id = c.holder_id WHERE c.number = ?"""
RAW_MEMBERS = """
SELECT m.card_id, p.first_name, p.last_name FROM card_member m JOIN person p ON p.id = m.person_id
WHERE m.card_id = ? ORDER BY p.birth_date"""
RAW_FAMILY = "SELECT * FROM family WHERE id = ?"
RAW_PEOPLE = "SELECT * FROM person WHERE family_id = ? ORDER BY birth_date"
RAW_TYPE = "SELECT * FROM card_type WHERE id = ?"
RAW_COMUNI = "SELECT cadastral_code, name FROM member_comune"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _card_types(writer: RowWriter) -> tuple[int, int]:
    ids = []
    for name, rules in (
        (
            FAMILY_CARD,
            {
                "min_children": 3,
                "child_age_limit": 26,
                "validity_months": 24,
                "disability_age_limit": 30,
                "holder_min_age": None,
                "holder_max_age": None,
            },
        ),
        (
            YOUTH_CARD,
            {
                "min_children": 0,
                "child_age_limit": 18,
                "validity_months": 12,
                "disability_age_limit": None,
                "holder_min_age": 18,
                "holder_max_age": 25,
            },
        ),
    ):
        ids.append(
            writer.add(
                CardType,
                name=name,
                description="",
                residence_required=True,
                residence_months=0,
                count_foster=True,
                active=True,
                isee_ceiling=None,
                **rules,
            )
        )
    return ids[0], ids[1]


def _add_cards(session: Session) -> int:
    """The card types, a partner and benefit, and up to CARDS cards; returns the cards added."""
    rng = random.Random(7)
    today = local_now().date()
    stamp = datetime.now(UTC)
    writer = RowWriter(
        session,
        rng,
        (CardType, Organisation, Partner, Benefit, BenefitCardType, Card, CardMember),
        stamp,
    )
    session.execute(
        update(Family)
        .where(Family.resident_since.is_(None))
        .values(resident_since=today - timedelta(days=3650))
    )
    family_type, youth_type = _card_types(writer)
    comune = session.execute(
        select(MemberComune.name, MemberComune.cadastral_code).order_by(MemberComune.id).limit(1)
    ).one()
    organisation = writer.add(
        Organisation,
        name="Farmacia del benchmark",
        kind="shop",
        tax_code="",
        comune_name=comune[0],
        comune_code=comune[1],
        address="",
        postal_code="",
        phone="",
        email="",
        web="",
        notes="",
        active=True,
    )
    partner = writer.add(
        Partner,
        organisation_id=organisation,
        category="commercial",
        contact="",
        agreement_start=today - timedelta(days=365),
        agreement_end=None,
        active=True,
    )
    benefit = writer.add(
        Benefit,
        partner_id=partner,
        kind="percent",
        value=10,
        description="Sconto sui prodotti per l'infanzia",
        conditions="",
        active=True,
    )
    for card_type in (family_type, youth_type):
        writer.add(BenefitCardType, benefit_id=benefit, card_type_id=card_type)

    member_comuni = set(session.scalars(select(MemberComune.cadastral_code)))
    under_26 = _years_before(today, 26)
    children: dict[int, list[int]] = {}
    for person, family in session.execute(
        select(Person.id, Person.family_id).where(
            Person.relation.in_(("child", "foster")), Person.birth_date > under_26
        )
    ):
        children.setdefault(family, []).append(person)
    families = {
        f: (code, parent)
        for f, code, parent in session.execute(
            select(Family.id, Family.comune_code, func.min(Person.id))
            .join(Person, Person.family_id == Family.id)
            .where(Person.relation == "parent")
            .group_by(Family.id, Family.comune_code)
        )
    }
    young = session.execute(
        select(Person.id, Person.family_id)
        .where(
            Person.birth_date <= _years_before(today, 18),
            Person.birth_date > _years_before(today, 26),
        )
        .order_by(Person.id)
    ).all()
    issued = [
        (f, family_type, families[f][1], kids)
        for f, kids in sorted(children.items())
        if len(kids) >= 3 and f in families and families[f][0] in member_comuni
    ]
    taken = {f for f, *_rest in issued}
    issued += [
        (f, youth_type, p, [p])
        for p, f in young
        if f not in taken and f in families and families[f][0] in member_comuni
    ][: max(0, CARDS - len(issued))]
    sequence: Counter[str] = Counter()
    for family, card_type, holder, members in issued[:CARDS]:
        code = families[family][0]
        sequence[code] += 1
        start = today - timedelta(days=rng.randint(0, 330))
        months = 24 if card_type == family_type else 12
        card = writer.add(
            Card,
            number=compose(code, sequence[code]),
            card_type_id=card_type,
            family_id=family,
            holder_id=holder,
            comune_code=code,
            issued_on=start,
            expires_on=start + timedelta(days=months * 30),
            shortened_reason="",
            status="active",
            revoked_on=None,
            revoke_reason="",
            previous_id=None,
            issued_by="benchmark",
        )
        for person in members:
            writer.add(CardMember, card_id=card, person_id=person)
    writer.write()
    first = next_id(session, CardSequence)
    session.execute(
        insert(CardSequence),
        [
            {
                "id": first + n,
                "uid": new_uid(rng),
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
                "comune_code": code,
                "last": last,
            }
            for n, (code, last) in enumerate(sorted(sequence.items()))
        ],
    )
    advance_sequences(
        session,
        (
            "card_type",
            "organisation",
            "partner",
            "benefit",
            "benefit_card_type",
            "card",
            "card_member",
            "card_sequence",
        ),
    )
    return min(len(issued), CARDS)


def benchmark_types(session: Session) -> int | None:
    return session.scalar(select(CardType.id).where(CardType.name == FAMILY_CARD))


def prepare(path: Path) -> list[tuple[str, str]]:
    database = open_signed(str(path))
    try:
        if database.read(benchmark_types) is not None:
            return []
        start = time.perf_counter()
        added = database.write(_add_cards)
        return [
            (
                f"Add {added:,} family and youth cards (numbered per comune, with their members)",
                f"{time.perf_counter() - start:.1f} s",
            )
        ]
    finally:
        database.dispose()


def _subject(session: Session) -> tuple[int, str, int, int]:
    """The family card of a family with exactly three children: (type, number, family, benefit)."""
    family_type = benchmark_types(session)
    assert family_type is not None
    counts = (
        select(CardMember.card_id, func.count().label("n")).group_by(CardMember.card_id).subquery()
    )
    card = session.scalars(
        select(Card)
        .join(counts, counts.c.card_id == Card.id)
        .where(Card.card_type_id == family_type, counts.c.n == 3)
        .order_by(Card.id)
    ).first()
    assert card is not None and card.family_id is not None
    benefit = session.scalar(
        select(BenefitCardType.benefit_id).where(BenefitCardType.card_type_id == family_type)
    )
    assert benefit is not None
    return family_type, card.number, card.family_id, benefit


def measure(path: Path) -> list[tuple[str, str]]:
    database = open_signed(str(path))
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        family_type, number, family_id, benefit = database.read(_subject)
        cards = database.read(lambda s: s.scalar(select(func.count()).select_from(Card)))
        with database.session() as session:
            found = check_card(session, number)
            assert found.valid, found.message
            checked = _times(lambda: check_card(session, number), RUNS)
            verdict = check_eligibility(session, family_id, family_type)
            assert verdict.eligible, [r.text for r in verdict.rules]
            eligible = _times(lambda: check_eligibility(session, family_id, family_type), RUNS)
        card_id = found.card.id if found.card else 0
        register = _register(database, cards)

        def plain_card() -> None:
            raw.execute(RAW_CARD, (number,)).fetchall()
            raw.execute(RAW_MEMBERS, (card_id,)).fetchall()

        def plain_family() -> None:
            raw.execute(RAW_FAMILY, (family_id,)).fetchall()
            raw.execute(RAW_PEOPLE, (family_id,)).fetchall()
            raw.execute(RAW_TYPE, (family_type,)).fetchall()
            raw.execute(RAW_COMUNI).fetchall()

        def redemption() -> object:
            with database.session(write=True) as session:
                try:
                    return redeem(session, benefit, number)
                finally:
                    session.rollback()

        assert redemption().accepted  # type: ignore[attr-defined]
        redeemed = _times(redemption, RUNS)

        def plain_redemption() -> None:
            raw.execute("BEGIN IMMEDIATE")
            plain_card()
            raw.execute("SELECT * FROM benefit WHERE id = ?", (benefit,)).fetchall()
            raw.execute(
                "SELECT * FROM benefit_card_type WHERE benefit_id = ?", (benefit,)
            ).fetchall()
            raw.execute(
                "INSERT INTO redemption (uid, created_at, updated_at, version, site_id, "
                "benefit_id, card_id, number_typed, at, accepted, reason, operator) VALUES "
                "(randomblob(16), '2026-01-01', '2026-01-01', 1, 1, ?, ?, ?, '2026-01-01', 1, '', "
                "'x')",
                (benefit, card_id, number),
            )
            raw.execute("ROLLBACK")

        return [
            _row(
                f"(a) check a card by number: check_card(), {cards:,} cards",
                checked,
                _times(plain_card, RUNS),
            ),
            _row(
                f"(b) eligibility of one family: check_eligibility(), {len(verdict.rules)} rules",
                eligible,
                _times(plain_family, RUNS),
            ),
            _row(
                "(c) record a benefit's use: redeem() (rolled back)",
                redeemed,
                _times(plain_redemption, RUNS),
            ),
        ] + register
    finally:
        raw.close()
        database.dispose()


def _register(database, cards: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(d) The register's "All cards": every card at once (as the list read it before it was
    paged) beside its first and last page of 200, and a search (every card's number,
    family, holder and comune folded)."""
    last = (cards - 1) // PAGE_SIZE * PAGE_SIZE
    with database.session() as session:
        whole = _times(lambda: card_register(session), 5)
        first = _times(lambda: card_register_page(session, 0, PAGE_SIZE), 30)
        deep = _times(lambda: card_register_page(session, last, PAGE_SIZE), 30)
        searched = _times(lambda: card_register_page(session, 0, PAGE_SIZE, text="gonzaga"), 10)
        found = card_register_page(session, 0, PAGE_SIZE, text="gonzaga").total
    return [
        (
            f"(d) card register, all {cards:,} cards at once: card_register() (the list before "
            f"paging): median / p99",
            f"{whole[0]:.0f} / {whole[1]:.0f} ms",
        ),
        (
            f"(d) card register, first page of {PAGE_SIZE}: card_register_page(): median / p99",
            f"{first[0]:.1f} / {first[1]:.1f} ms",
        ),
        (
            f"(d) card register, last page of {PAGE_SIZE}: median / p99",
            f"{deep[0]:.1f} / {deep[1]:.1f} ms",
        ),
        (
            f"(d) card register, search “gonzaga” ({found:,} cards), first page: median / p99",
            f"{searched[0]:.1f} / {searched[1]:.1f} ms",
        ),
    ]


def run(folder: Path) -> list[tuple[str, str]]:
    """On the front desk benchmark's database (built by ``bench_frontdesk.run`` before)."""
    path = folder / f"search{FAMILIES}.sqlite3"
    rows = prepare(path)
    return rows + measure(path)


if __name__ == "__main__":
    run_on_large_database(run)

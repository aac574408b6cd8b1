"""Demo families look like families: consents signed by the minor's own parent, siblings
born months apart (or twins), every address with its comune's CAP."""

from __future__ import annotations

from itertools import combinations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from familydesk.db.models.registry import Family, Person
from familydesk.demo import fill_demo, names
from familydesk.demo.generator import REFERENCE_DAY, SIBLING_GAP, spaced

SUZZARA_CAPS = {
    "Gonzaga": "46023",
    "Moglia": "46024",
    "Motteggiana": "46020",
    "Pegognaga": "46020",
    "San Benedetto Po": "46027",
    "Suzzara": "46029",
}


@pytest.fixture(scope="module")
def families(tmp_path_factory: pytest.TempPathFactory) -> list[Family]:
    from tests.helpers import open_signed

    database = open_signed(str(tmp_path_factory.mktemp("demo") / "demo.sqlite3"))
    try:
        database.write(fill_demo, families=300, seed=1, activity=False)

        def read(session):  # type: ignore[no-untyped-def]
            found = session.scalars(
                select(Family).options(selectinload(Family.members).selectinload(Person.consents))
            ).all()
            session.expunge_all()
            return list(found)

        return database.read(read)
    finally:
        database.dispose()


def test_a_minors_consent_is_signed_by_the_minors_own_parent(families: list[Family]) -> None:
    checked = 0
    for family in families:
        parents = {
            f"{p.first_name} {p.last_name}" for p in family.members if p.relation == "parent"
        }
        for person in family.members:
            for consent in person.consents:
                if consent.signed_by:
                    assert consent.signed_by in parents, (family.name, consent.signed_by, parents)
                    checked += 1
    assert checked > 100


def test_siblings_are_born_at_least_ten_months_apart_unless_twins(families: list[Family]) -> None:
    twins = pairs = 0
    for family in families:
        born = [p.birth_date for p in family.members if p.relation in ("child", "foster")]
        for a, b in combinations(born, 2):
            pairs += 1
            gap = abs((a - b).days)
            assert gap == 0 or gap >= SIBLING_GAP.days, (family.name, a, b)
            twins += gap == 0
    assert pairs > 100 and twins < pairs * 0.05


def test_the_spacing_rule() -> None:
    from datetime import date, timedelta

    first = date(2020, 1, 1)
    earliest = date(2010, 1, 1)
    assert spaced(date(2022, 1, 1), [first], earliest) == date(2022, 1, 1)
    assert spaced(first + timedelta(days=33), [first], earliest) == first + SIBLING_GAP
    # No room between the mother's 18th birthday and today: twins.
    assert spaced(REFERENCE_DAY, [REFERENCE_DAY], REFERENCE_DAY) == REFERENCE_DAY


def test_every_demo_address_has_its_comunes_cap(families: list[Family]) -> None:
    assert {name: names.CAPS[code] for name, _p, code, _n in names.COMUNI} == SUZZARA_CAPS
    for family in families:
        assert family.postal_code == SUZZARA_CAPS[family.comune_name], family.comune_name

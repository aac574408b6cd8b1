"""Demo data: realistic, deterministic for a seed, never mixed with real records."""

from __future__ import annotations

from datetime import date

import pytest
from codicefiscale import codicefiscale as cf
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from familydesk.db.database import Database
from familydesk.db.models.registry import Family, Person
from familydesk.demo import fill_demo
from familydesk.demo.generator import _tax_code
from familydesk.kernel.errors import FamilyDeskError
from familydesk.registry import centre
from tests.helpers import open_signed


def _people(database: Database) -> list[tuple]:
    return database.read(
        lambda s: [
            (p.first_name, p.last_name, p.birth_date, p.tax_code, p.relation, str(p.uid))
            for p in s.scalars(select(Person).order_by(Person.id))
        ]
    )


def test_same_seed_same_people(db_location: str, empty_location: str) -> None:
    first, second = open_signed(db_location), open_signed(empty_location)
    try:
        first.write(fill_demo, families=40, seed=11)
        second.write(fill_demo, families=40, seed=11)
        assert _people(first) == _people(second)
    finally:
        first.dispose()
        second.dispose()


def test_other_seed_other_people(database: Database) -> None:
    database.write(fill_demo, families=40, seed=1)
    people = _people(database)
    database.write(lambda s: s.execute(Family.__table__.delete()))
    database.write(fill_demo, families=40, seed=2)
    assert _people(database) != people


def test_demo_looks_like_the_ambito_di_suzzara(database: Database) -> None:
    summary = database.write(fill_demo, families=200, seed=1)
    assert summary.families == 200 and summary.people > 500
    comuni = database.read(
        lambda s: dict(
            s.execute(select(Family.comune_name, func.count()).group_by(Family.comune_name)).all()
        )
    )
    assert set(comuni) == {
        "Suzzara",
        "Gonzaga",
        "Pegognaga",
        "San Benedetto Po",
        "Moglia",
        "Motteggiana",
    }
    assert max(comuni, key=comuni.get) == "Suzzara"
    members = database.read(centre.list_member_comuni)
    assert [m.cadastral_code for m in members][:2] == ["L020", "E089"]
    assert "Suzzara" in database.read(centre.get_centre).name
    codes = database.read(lambda s: s.scalars(select(Person.tax_code)).all())
    with_code = [c for c in codes if c]
    assert len(with_code) > 0.9 * len(codes)
    assert all(cf.is_valid(c) for c in with_code[:100])


def test_demo_never_mixes_with_real_records(database: Database) -> None:
    database.write(lambda s: s.add(Family(name="Reale")))
    with pytest.raises(FamilyDeskError, match="already holds 1 family:"):
        database.write(fill_demo, families=5)


def test_negative_count_is_refused(database: Database) -> None:
    with pytest.raises(FamilyDeskError):
        database.write(fill_demo, families=-1)


@settings(max_examples=60, deadline=None)
@given(
    last=st.sampled_from(["Rossi", "El Amrani", "Xu", "D'Angelo", "Singh", "Kovalenko"]),
    first=st.sampled_from(["Anna", "Mohamed", "Li", "Giulia Maria", "Kwame"]),
    sex=st.sampled_from("FM"),
    born=st.dates(min_value=date(1930, 1, 1), max_value=date(2026, 9, 1)),
    place=st.sampled_from(["L020", "E897", "Z330", "Z222"]),
)
def test_generated_codes_decode_back(
    last: str, first: str, sex: str, born: date, place: str
) -> None:
    code = _tax_code(last, first, sex, born, place)
    assert cf.is_valid(code)
    decoded = cf.decode(code)
    assert decoded["gender"] == sex
    assert decoded["birthdate"].date() == born

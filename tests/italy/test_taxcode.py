"""Codice fiscale checks agree with python-codicefiscale and explain themselves."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from codicefiscale import codicefiscale as cf
from hypothesis import given, settings
from hypothesis import strategies as st

from familydesk.italy import taxcode
from familydesk.kernel.errors import ValidationError

TODAY = date(2026, 11, 22)


def test_a_plain_code_is_decoded() -> None:
    info = taxcode.parse(" rssmra80c01l020t ")
    assert info.code == "RSSMRA80C01L020T"
    assert (info.sex, info.birth_date, info.birthplace) == ("M", date(1980, 3, 1), "Suzzara")
    assert not info.temporary and not info.foreign_born


def test_women_foreign_born_and_children_of_this_century() -> None:
    code = cf.encode("El Amrani", "Fatima", "F", datetime(1990, 5, 12), "Marocco")
    info = taxcode.parse(code, today=TODAY)
    assert (info.sex, info.birth_date, info.foreign_born) == ("F", date(1990, 5, 12), True)
    child = cf.encode("Rossi", "Leo", "M", datetime(2024, 1, 2), "Mantova")
    assert taxcode.parse(child, today=TODAY).birth_date == date(2024, 1, 2)


def test_omocodia_variants_are_accepted() -> None:
    base = "RSSMRA80C01L020T"
    for variant in cf.decode(base)["omocodes"][1:4]:
        info = taxcode.parse(variant)
        assert info.birth_date == date(1980, 3, 1) and info.birthplace == "Suzzara"


def test_temporary_codes() -> None:
    assert taxcode.parse("00743110157").temporary
    with pytest.raises(ValidationError, match="temporary code"):
        taxcode.parse("00743110158")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("", "please enter"),
        ("RSSMRA80C01L020", "16 characters"),
        ("RSSMRA80C01L020X", "check character"),
        ("RSS1RA80C01L020T", "not written like"),
        ("RSSMRA80C01Z99", "16 characters"),
    ],
)
def test_bad_codes_are_explained(code: str, words: str) -> None:
    with pytest.raises(ValidationError) as error:
        taxcode.parse(code)
    assert words in error.value.message and error.value.field == "tax_code"


def test_unknown_birthplace() -> None:
    body = "RSSMRA80C01Z998"
    with pytest.raises(ValidationError, match="unknown birthplace"):
        taxcode.parse(body + cf.encode_cin(body))


def test_impossible_date() -> None:
    body = "RSSMRA80B31L020"  # 31 February
    with pytest.raises(ValidationError):
        taxcode.parse(body + cf.encode_cin(body))


def test_contradictions_show_both_values() -> None:
    info = taxcode.parse("RSSMRA80C01L020T")
    with pytest.raises(ValidationError) as error:
        taxcode.check_against(info, "M", date(1980, 3, 2))
    assert "01/03/1980" in error.value.message and "02/03/1980" in error.value.message
    with pytest.raises(ValidationError, match="female"):
        taxcode.check_against(info, "F", None)
    taxcode.check_against(info, "M", date(1980, 3, 1))


PLACES = ["Suzzara", "Mantova", "Gonzaga", "Napoli", "Marocco", "India", "Romania", "Albania"]


@settings(max_examples=150, deadline=None)
@given(
    last=st.sampled_from(["Rossi", "D'Angelo", "Xu", "El Amrani", "Bianchi", "Kaur"]),
    first=st.sampled_from(["Nicolò", "Anna", "Li", "Fatima", "Giovanni"]),
    sex=st.sampled_from("MF"),
    born=st.dates(min_value=date(1935, 1, 1), max_value=TODAY),
    place=st.sampled_from(PLACES),
    omocode=st.integers(min_value=0, max_value=3),
)
def test_agrees_with_python_codicefiscale(last, first, sex, born, place, omocode) -> None:  # type: ignore[no-untyped-def]
    code = cf.encode(last, first, sex, datetime(born.year, born.month, born.day), place)
    code = cf.decode(code)["omocodes"][omocode]
    reference = cf.decode(code)
    info = taxcode.parse(code, today=TODAY)
    assert info.sex == reference["gender"]
    assert info.birth_date == reference["birthdate"].date()
    assert info.birthplace == reference["birthplace"]["name"]

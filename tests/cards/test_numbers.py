"""Card numbers: the comune's code, a sequence, a check character that catches typos."""

from __future__ import annotations

import string
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from familydesk.cards.numbers import compose, grouped, next_number, normalise, problem, validated
from familydesk.db.database import Database
from familydesk.kernel.errors import ValidationError

ALPHABET = string.digits + string.ascii_uppercase + "*"


def test_a_number_is_code_sequence_and_check_character() -> None:
    number = compose("E089", 123)
    assert number.startswith("E089000123") and len(number) == 11
    assert grouped(number) == f"E089 000123 {number[-1]}"
    assert problem(number) is None and problem(grouped(number).lower()) is None
    assert validated(f" {grouped(number)} ".replace(" ", "-")) == number


@given(
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=0, max_value=10),
    st.sampled_from(ALPHABET),
)
def test_any_single_mistyped_character_is_caught(sequence: int, position: int, typo: str) -> None:
    number = compose("L020", sequence)
    if number[position] == typo:
        return
    wrong = number[:position] + typo + number[position + 1 :]
    assert problem(wrong) in {"check", "format"}


@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=4, max_value=9))
def test_swapped_neighbours_are_caught(sequence: int, position: int) -> None:
    number = compose("E089", sequence)
    a, b = number[position], number[position + 1]
    if a == b:
        return
    swapped = number[:position] + b + a + number[position + 2 :]
    assert problem(swapped) in {"check", "format"}  # a letter among the digits: "format"


def test_bad_numbers_say_what_is_wrong() -> None:
    with pytest.raises(ValidationError, match="check character"):
        validated(compose("E089", 5)[:-1] + ("0" if compose("E089", 5)[-1] != "0" else "1"))
    with pytest.raises(ValidationError, match="4 characters"):
        validated("12345")
    assert normalise("e089-000 123/h") == "E089000123H"


def test_sequences_are_per_comune_and_never_repeat(database: Database) -> None:
    first = database.write(next_number, "E089")
    second = database.write(next_number, "E089")
    other = database.write(next_number, "L020")
    assert (first[:10], second[:10], other[:10]) == ("E089000001", "E089000002", "L020000001")
    numbers: list[str] = []
    threads = [
        threading.Thread(target=lambda: numbers.append(database.write(next_number, "E089")))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(numbers)) == 4

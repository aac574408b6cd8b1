"""Card numbers: the comune's cadastral code, a six-digit sequence unique in that comune
(so across the consortium), and an ISO 7064 MOD 37-2 check character (python-stdnum):
it catches every single mistyped character and every swap of two neighbours (37 is
prime), where the hybrid MOD 37,36 misses some swaps. The check character is 0-9, A-Z
or, for one number in 37, "*".

Stored without separators (``E089000123H``); printed and shown grouped
(``E089 000123 H``); typed or scanned in any case, with or without spaces or dashes.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.iso7064 import mod_37_2

from familydesk.db.models.cards import CardSequence
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError

#: Cadastral code (letter + 3 digits), 6-digit sequence, check character.
SHAPE = re.compile(r"^[A-Z]\d{3}\d{6}[0-9A-Z*]$")


def normalise(typed: str) -> str:
    """Upper case without spaces, dashes, dots or slashes (what a scanner or a person typed)."""
    return re.sub(r"[\s\-./]", "", typed or "").upper()


def check_character(body: str) -> str:
    return mod_37_2.calc_check_digit(body)


def compose(comune_code: str, sequence: int) -> str:
    body = f"{comune_code.upper()}{sequence:06d}"
    return body + check_character(body)


def grouped(number: str) -> str:
    """``E089000123H`` as ``E089 000123 H``."""
    return f"{number[:4]} {number[4:10]} {number[10:]}" if len(number) == 11 else number


def problem(typed: str) -> str | None:
    """Why ``typed`` cannot be a card number: "format" or "check"; None when it can."""
    number = normalise(typed)
    if not SHAPE.match(number):
        return "format"
    if not mod_37_2.is_valid(number):
        return "check"
    return None


def validated(typed: str) -> str:
    """The canonical number, or ``ValidationError`` saying what is wrong with it."""
    found = problem(typed)
    if found == "format":
        raise ValidationError(
            "number",
            _(
                "Card number: 4 characters of the comune's code, 6 digits and a check character, "
                "e.g. E089 000123 H."
            ),
        )
    if found == "check":
        raise ValidationError(
            "number",
            _(
                "Card number: the check character does not match; a character may have been "
                "mistyped."
            ),
        )
    return normalise(typed)


def next_number(session: Session, comune_code: str) -> str:
    """The next number of the comune: its sequence row is locked until commit, so two
    desks never give the same number (on SQLite the writer already holds the lock)."""
    code = comune_code.upper()
    row = session.scalar(
        select(CardSequence).where(CardSequence.comune_code == code).with_for_update()
    )
    if row is None:
        row = CardSequence(comune_code=code, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return compose(code, row.last)

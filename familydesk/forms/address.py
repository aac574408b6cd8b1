"""Addresses as the Italian post writes them, for every printed form and letter.

``Via Roma 3`` then ``46027 San Benedetto Po (MN)``: the street line, then the
CAP, the comune and its province (sigla) in brackets. A part that is not known
is left out, with its spaces, commas and brackets. Pure; any thread.
"""

from __future__ import annotations

import re

#: A comune already written with its province, as a centre's town often is: "Suzzara (MN)".
_WITH_PROVINCE = re.compile(r"\(\s*[A-Za-z]{2}\s*\)$")


def postal_lines(
    street: str = "", postal_code: str = "", comune: str = "", province: str = ""
) -> list[str]:
    """The address block: ``["Via Roma 3", "46027 San Benedetto Po (MN)"]``.

    The province is printed only beside a comune (never ``"46027 (MN)"``), and not twice
    when the comune already carries it. Empty parts are left out; no part, no lines.
    """
    street, postal_code, comune = (" ".join(p.split()) for p in (street, postal_code, comune))
    province = province.strip().upper()
    if comune and province and not _WITH_PROVINCE.search(comune):
        comune = f"{comune} ({province})"
    town = " ".join(p for p in (postal_code, comune) if p)
    return [line for line in (street, town) if line]


def postal_block(
    street: str = "", postal_code: str = "", comune: str = "", province: str = ""
) -> str:
    """The same as two lines of text, for a box on a form (the town line stays whole)."""
    return "\n".join(postal_lines(street, postal_code, comune, province))


def postal_address(
    street: str = "", postal_code: str = "", comune: str = "", province: str = ""
) -> str:
    """The same on one line: ``Via Roma 3, 46027 San Benedetto Po (MN)``."""
    return ", ".join(postal_lines(street, postal_code, comune, province))

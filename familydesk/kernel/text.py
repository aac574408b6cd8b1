"""Text folding for search and duplicate detection, and times of day as text.

"Nicolò" and "nicolo", "D'Angelo" and "dangelo" must meet: accents, case,
apostrophes and punctuation are folded away. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, time

_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_APOSTROPHES_TO_SPACE = str.maketrans("'’‘`´", "     ")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"[^0-9]+")


def fold(text: str | None) -> str:
    """Lower case, no accents, no apostrophes; other punctuation becomes a space."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", plain).strip()


def name_key(*parts: str | None) -> str:
    """A key for "same name": folded and without spaces (``D'Angelo`` = ``Dangelo`` =
    ``D Angelo``)."""
    return "".join(fold(part).replace(" ", "") for part in parts if part)


def _name_tokens(name: str | None) -> list[str]:
    """Tokens of a name: each word, also split at apostrophes, and the words joined.

    ``D'Angelo`` gives dangelo, d, angelo; ``De Luca`` gives de, luca, deluca.
    """
    words = fold(name).split()
    split = fold((name or "").translate(_APOSTROPHES_TO_SPACE)).split()
    tokens = words + [w for w in split if w not in words]
    if len(words) > 1:
        tokens.append("".join(words))
    return tokens


def phone_digits(phone: str | None) -> str:
    digits = _DIGITS.sub("", phone or "")
    for prefix in ("0039", "39"):
        if digits.startswith(prefix) and len(digits) > 10:
            return digits[len(prefix) :]
    return digits


def search_document(
    surname: str | None,
    given_name: str | None,
    tax_code: str | None = None,
    phones: tuple[str | None, ...] = (),
    emails: tuple[str | None, ...] = (),
) -> str:
    """The words a person is found by (stored, then indexed by FTS5 or tsvector)."""
    tokens = _name_tokens(surname) + _name_tokens(given_name)
    if tax_code:
        tokens.append(tax_code.lower())
    tokens += [d for d in (phone_digits(p) for p in phones) if d]
    for email in emails:
        if email:
            local = email.split("@", 1)[0]
            tokens += fold(local).split() + [fold(email).replace(" ", "")]
    seen: dict[str, None] = {}
    for token in tokens:
        seen.setdefault(token, None)
    return " ".join(seen)


def query_terms(text: str) -> list[str]:
    """Prefix terms for a search box text; all of them must match.

    A text of digits, spaces and + is one phone number; otherwise words are
    folded like the document.
    """
    stripped = text.strip()
    if stripped and re.fullmatch(r"[\d\s+./-]+", stripped):
        digits = phone_digits(stripped)
        return [digits] if digits else []
    return fold(stripped).split()


def hhmm(value: datetime | time) -> str:
    """A time of day as every screen, sheet and export writes it: 24 hours, "09:05"."""
    return value.strftime("%H:%M")

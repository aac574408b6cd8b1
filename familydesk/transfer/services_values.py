"""Reading the directory's own cells: kind of organisation, way in, languages, ages, needs.

Each ``read_*`` takes the raw cell and the column's header as written in the file and
raises ``ValueError`` with a translated sentence naming that column; the file's words
are Italian (the export writes them), and codes and English words are accepted too.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

from familydesk.directory.records import ACCESS, KINDS
from familydesk.i18n import _, catalogue
from familydesk.kernel.text import fold
from familydesk.transfer.values import text

#: The Italian words written in files for a kind of organisation.
KIND_WORDS = {
    "public": "servizio pubblico",
    "health": "servizio sanitario",
    "school": "scuola",
    "third_sector": "terzo settore",
    "parish": "parrocchia",
    "sports": "sport",
    "library": "biblioteca",
    "shop": "negozio",
    "other": "altro",
}
#: The Italian words written in files for a way in.
ACCESS_WORDS = {
    "walk_in": "accesso libero",
    "appointment": "su appuntamento",
    "referral": "solo su invio",
}
_MORE_KINDS = {
    "pubblico": "public",
    "ente pubblico": "public",
    "comune": "public",
    "sanitario": "health",
    "sanita": "health",
    "asl": "health",
    "asst": "health",
    "nido": "school",
    "associazione": "third_sector",
    "cooperativa": "third_sector",
    "volontariato": "third_sector",
    "societa sportiva": "sports",
    "associazione sportiva": "sports",
    "commercio": "shop",
    "third sector": "third_sector",
}
_MORE_ACCESS = {
    "libero": "walk_in",
    "accesso diretto": "walk_in",
    "diretto": "walk_in",
    "walk in": "walk_in",
    "appuntamento": "appointment",
    "by appointment": "appointment",
    "appointment": "appointment",
    "su invio": "referral",
    "invio": "referral",
    "solo su invio dei servizi": "referral",
    "only on referral": "referral",
    "on referral": "referral",
    "referral": "referral",
}
_SEPARATORS = re.compile(r"[,;/]+")


def _words(codes: dict[str, str], labels: dict[str, str], more: dict[str, str]) -> dict[str, str]:
    """Folded word -> code: codes, file words, the labels in Italian and English, extras."""
    italian = catalogue("it")
    table = {fold(code.replace("_", " ")): code for code in codes}
    for code, label in labels.items():
        table[fold(label)] = code
        table[fold(italian.gettext(label))] = code
    table.update({fold(word): code for code, word in codes.items()})
    table.update({fold(word): code for word, code in more.items()})
    return table


@cache
def _kinds() -> dict[str, str]:
    return _words(KIND_WORDS, KINDS, _MORE_KINDS)


@cache
def _access() -> dict[str, str]:
    return _words(ACCESS_WORDS, ACCESS, _MORE_ACCESS)


def read_kind(value: object, column: str) -> str | None:
    """A kind of organisation, or None when the cell is empty."""
    raw = text(value)
    if not raw:
        return None
    kind = _kinds().get(fold(raw))
    if kind is None:
        raise ValueError(
            _("{column}: “{value}” is not a kind of organisation: write one of {words}.").format(
                column=column, value=raw, words=", ".join(KIND_WORDS.values())
            )
        )
    return kind


def read_access(value: object, column: str) -> str | None:
    raw = text(value)
    if not raw:
        return None
    access = _access().get(fold(raw))
    if access is None:
        raise ValueError(
            _("{column}: “{value}” is not a way in: write {words}.").format(
                column=column, value=raw, words=", ".join(ACCESS_WORDS.values())
            )
        )
    return access


@cache
def _languages() -> dict[str, str]:
    """Folded name or code -> ISO 639-1 code, from Babel's names in Italian and English."""
    table: dict[str, str] = {}
    for locale in ("en", "it"):
        for code, name in Locale(locale).languages.items():
            if len(code) == 2:
                table.setdefault(fold(name), code)
    for code in Locale("en").languages:
        if len(code) == 2:
            table[code] = code
    return table


def read_languages(value: object, column: str) -> tuple[str, ...]:
    """Codes or names separated by commas or semicolons: ``it, ar`` or ``italiano; arabo``."""
    codes, unknown = [], []
    for part in _SEPARATORS.split(text(value)):
        if not part.strip():
            continue
        code = _languages().get(fold(part))
        if code is None:
            unknown.append(part.strip())
        elif code not in codes:
            codes.append(code)
    if unknown:
        raise ValueError(
            _(
                "{column}: {values} is not a language: write codes (it, en, ar) or names "
                "(italiano, arabo)."
            ).format(column=column, values=", ".join(f"“{u}”" for u in unknown))
        )
    return tuple(codes)


def read_age(value: object, column: str) -> int | None:
    """A whole number of years, or None when empty."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raw = text(value)
    if not raw:
        return None
    if not raw.isdigit():
        raise ValueError(
            _("{column}: “{value}” is not an age: write a whole number of years.").format(
                column=column, value=raw
            )
        )
    return int(raw)


def split_needs(value: object) -> list[str]:
    """The needs named in a cell, separated by ``;`` (also ``,`` and new lines)."""
    return [part.strip() for part in re.split(r"[;\n]+", text(value)) if part.strip()]

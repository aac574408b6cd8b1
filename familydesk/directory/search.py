"""Finding services: accent-blind prefix search over what a service is known by, and the
services to suggest for a need, the family's comune first.

Pure functions over :class:`~familydesk.directory.records.ServiceRow` lists: the
desk reads the directory once and filters it as the operator types.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from familydesk.directory.records import ServiceRow, search_words
from familydesk.kernel.text import fold


def words_of(row: ServiceRow) -> tuple[str, ...]:
    """The folded words a service is found by (computed once, when the row was read)."""
    return row.words or search_words(row)


def matches(row: ServiceRow, text: str) -> bool:
    """Every word typed starts a word of the service ("cons suz" finds "Consultorio di
    Suzzara"; "nido" finds "Asilo nido"; "citta" finds "Città")."""
    return _has_terms(row, fold(text).split())


def _has_terms(row: ServiceRow, terms: list[str]) -> bool:
    if not terms:
        return True
    words = words_of(row)
    return all(any(word.startswith(term) for word in words) for term in terms)


def search(
    rows: Iterable[ServiceRow],
    text: str = "",
    need_key: str | None = None,
    comune: str | None = None,
) -> list[ServiceRow]:
    """The rows matching ``text``, serving ``need_key`` and located in (or serving the whole
    area from) ``comune`` (a name or a cadastral code), in the order given."""
    wanted = fold(comune) if comune else ""
    terms = fold(text).split()
    found = []
    for row in rows:
        if need_key and need_key not in row.need_keys:
            continue
        if wanted and not (
            row.whole_area
            or fold(row.place_comune) == wanted
            or row.place_comune_code.casefold() == comune.casefold()
        ):
            continue
        if _has_terms(row, terms):
            found.append(row)
    return found


def suggest(
    rows: Sequence[ServiceRow], need_key: str | None, comune_code: str = "", text: str = ""
) -> list[ServiceRow]:
    """Services for a need, in the order the desk offers them: in the family's comune,
    then those serving the whole area, then the rest; within each, services for which
    the need is the main one first, then by name. Without a need, every service
    matching ``text`` in the same order."""
    code = comune_code.casefold()

    def rank(row: ServiceRow) -> tuple[int, int, str]:
        if code and row.place_comune_code.casefold() == code:
            where = 0
        elif row.whole_area:
            where = 1
        else:
            where = 2
        main = 0 if need_key and row.category == need_key else 1
        return (where, main, row.name.casefold())

    terms = fold(text).split()
    chosen = [
        row
        for row in rows
        if row.active and (not need_key or need_key in row.need_keys) and _has_terms(row, terms)
    ]
    return sorted(chosen, key=rank)

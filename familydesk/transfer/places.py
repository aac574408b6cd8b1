"""Finding the comune of residence named in a file, once per distinct spelling.

Names are matched ignoring case, accents, apostrophes and spaces
(``san benedetto po`` = ``San Benedetto Po``); a name shared by several
comuni needs its province, ``Castro (LE)``; the codice catastale, when
given, settles it. Each distinct (name, code) pair is resolved once, so a
file of 10,000 rows from six comuni costs six look-ups.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from familydesk.i18n import _
from familydesk.italy import comuni
from familydesk.italy.comuni import ComuneInfo
from familydesk.kernel.text import fold

_WITH_PROVINCE = re.compile(r"^(.*?)[\s,]*\(\s*([A-Za-z]{2})\s*\)$")


def _key(name: str) -> str:
    return fold(name).replace(" ", "")


class ComuneFinder:
    """Resolves comune names and codes; build one per import (the index costs ~50 ms)."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[ComuneInfo]] = defaultdict(list)
        self._by_code: dict[str, ComuneInfo] = {}
        for info in comuni.all_comuni():
            self._by_name[_key(info.name)].append(info)
            self._by_code[info.cadastral_code] = info
        self._cache: dict[tuple[str, str], ComuneInfo | str] = {}

    def find(self, name: str, code: str, name_column: str, code_column: str) -> ComuneInfo:
        """The comune for ``name`` and/or ``code``; ``ValueError`` with a sentence if none fits."""
        cache_key = (name, code)
        found = self._cache.get(cache_key)
        if found is None:
            try:
                found = self._find(name, code, name_column, code_column)
            except ValueError as exc:
                found = str(exc)
            self._cache[cache_key] = found
        if isinstance(found, str):
            raise ValueError(found)
        return found

    def _find(self, name: str, code: str, name_column: str, code_column: str) -> ComuneInfo:
        if code:
            info = self._by_code.get(code.strip().upper())
            if info is None:
                raise ValueError(
                    _("{column}: {code} is not the codice catastale of an Italian comune.").format(
                        column=code_column, code=code
                    )
                )
            if name and _key(_WITH_PROVINCE.sub(r"\1", name)) != _key(info.name):
                raise ValueError(
                    _(
                        "{column}: “{name}” does not match the code {code}, which is {official}."
                    ).format(
                        column=name_column, name=name, code=info.cadastral_code, official=info.name
                    )
                )
            return info
        province = ""
        match = _WITH_PROVINCE.match(name)
        if match:
            name, province = match.group(1), match.group(2).upper()
        options = self._by_name.get(_key(name), [])
        if province:
            options = [info for info in options if info.province == province]
        if len(options) == 1:
            return options[0]
        if len(options) > 1:
            example = f"{options[0].name} ({options[0].province})"
            raise ValueError(
                _(
                    "{column}: there are several comuni called “{name}”: add the province, for "
                    "example “{example}”."
                ).format(column=name_column, name=name, example=example)
            )
        close = difflib.get_close_matches(_key(name), self._by_name, n=3, cutoff=0.8)
        suggestions = [self._by_name[key][0].name for key in close]
        suggestions = suggestions or [info.name for info in comuni.search(name, limit=3)]
        if suggestions:
            raise ValueError(
                _(
                    "{column}: “{name}” is not an Italian comune (did you mean {suggestions}?)."
                ).format(column=name_column, name=name, suggestions=", ".join(suggestions))
            )
        raise ValueError(
            _("{column}: “{name}” is not an Italian comune.").format(column=name_column, name=name)
        )

"""Italian comuni, from python-codicefiscale's municipality table.

Loading the table costs a few tenths of a second, so it happens on first
use only (never at start-up) and is cached; call from a worker thread.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_lock = threading.Lock()


@dataclass(frozen=True, order=True)
class ComuneInfo:
    name: str
    province: str
    cadastral_code: str


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def codicefiscale_module():  # type: ignore[no-untyped-def]
    """python-codicefiscale, told where its tables are inside a PyInstaller bundle.

    Frozen, the library looks for them beside the executable; the bundle
    keeps package data under the package, as everywhere else.
    """
    import os
    import sys

    from codicefiscale import codicefiscale, data

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and getattr(sys, "frozen", False):
        data.get_data_basedir = lambda: os.path.join(bundle, "codicefiscale")  # type: ignore[assignment]
    return codicefiscale


@lru_cache(maxsize=1)
def all_comuni() -> tuple[ComuneInfo, ...]:
    """Every comune active today, sorted by name."""
    with _lock:
        data = codicefiscale_module().get_indexed_data()["codes"]
    result = set()
    for entries in data.values():
        for entry in entries:
            if entry.get("active") and entry.get("province") and entry["province"] != "EE":
                result.add(ComuneInfo(entry["name"], entry["province"], entry["code"]))
    return tuple(sorted(result))


def search(text: str, limit: int = 20) -> list[ComuneInfo]:
    """Comuni whose name starts with ``text`` (accents and case ignored), then those containing
    it."""
    needle = _fold(text.strip())
    if not needle:
        return []
    starts, contains = [], []
    for info in all_comuni():
        folded = _fold(info.name)
        if folded.startswith(needle):
            starts.append(info)
        elif needle in folded:
            contains.append(info)
    return (starts + contains)[:limit]


def by_code(code: str) -> ComuneInfo | None:
    code = code.strip().upper()
    for info in all_comuni():
        if info.cadastral_code == code:
            return info
    return None

"""Pages of rows for lists that fetch more as the user scrolls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

R = TypeVar("R")

#: Rows fetched per round trip by the lists in the interface.
PAGE_SIZE = 200


@dataclass(frozen=True)
class Page(Generic[R]):
    """``rows`` starting at ``offset``; ``total`` is the count of all matching rows."""

    rows: list[R]
    offset: int
    total: int

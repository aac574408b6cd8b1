"""The one clock of FamilyDesk: every service asks here what day and time it is.

Every centre is in Italy, so "today" and "now" are Europe/Rome's whatever the
PC's own time zone says: a desk PC set to UTC still shows the Rome time and
files a contact made at 00:30 on 1 March under 1 March. Stored timestamps are
UTC (:func:`utcnow`); appointments and sessions keep naive Rome wall-clock
times (:func:`local_now`).

The source can be replaced, for tests and for the demo: :func:`pinned` starts
the clock at a given instant; by default it keeps running from there (so
"later" is still later), ``tick=False`` stops it. Nothing here reads the
machine's time zone.

Any thread may call these functions; :func:`set_source` and :func:`pinned` are
for start-up and tests, not for concurrent use.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

#: The centres' time zone.
ROME = ZoneInfo("Europe/Rome")


def _system() -> datetime:
    return datetime.now(UTC)


_source: Callable[[], datetime] = _system


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (for stored timestamps)."""
    return _source().astimezone(UTC)


def now() -> datetime:
    """Now, timezone-aware in Europe/Rome."""
    return _source().astimezone(ROME)


def local_now() -> datetime:
    """Now as a naive Europe/Rome wall-clock time (how appointments are stored)."""
    return now().replace(tzinfo=None)


def today() -> date:
    """Today's date in Europe/Rome."""
    return now().date()


def to_local(moment: datetime) -> datetime:
    """An aware ``moment`` as naive Rome wall-clock time; a naive one is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ROME).replace(tzinfo=None)


def set_source(source: Callable[[], datetime] | None) -> None:
    """Replace the clock's source (an aware-datetime factory); ``None`` restores the system's."""
    global _source
    _source = source or _system


def ticking_from(start: datetime, tick: bool = True) -> Callable[[], datetime]:
    """A source that starts at the aware ``start`` and runs on with the monotonic clock."""
    if start.tzinfo is None:
        raise ValueError("the clock needs an aware datetime (with its time zone)")
    if not tick:
        return lambda: start
    origin = time.monotonic()
    return lambda: start + _elapsed(origin)


def _elapsed(origin: float) -> timedelta:
    return timedelta(seconds=time.monotonic() - origin)


@contextmanager
def pinned(start: datetime, tick: bool = True) -> Iterator[None]:
    """Within the block the clock starts at ``start`` (aware; naive means Rome time)."""
    if start.tzinfo is None:
        start = start.replace(tzinfo=ROME)
    previous = _source
    set_source(ticking_from(start, tick))
    try:
        yield
    finally:
        set_source(previous)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (negative: back), kept within the month:
    31 March - 1 month is 28 or 29 February, 29 February + 12 months is 28 February."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_before(day: date, months: int) -> date:
    """``day`` moved back ``months`` calendar months (see :func:`add_months`)."""
    return add_months(day, -months)

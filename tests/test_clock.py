"""The one clock (familydesk.kernel.clock): Rome's date and time whatever the PC's zone,
pinned or ticking for tests; and nothing else in the code or the tests reads the machine's."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from familydesk import i18n
from familydesk.kernel import clock

ROOT = Path(__file__).resolve().parent.parent
#: Reads of the machine's clock or time zone; only kernel/clock.py may read it.
MACHINE_CLOCK = re.compile(
    r"\bdate\.today\(\)|\bdatetime\.now\(|\bdatetime\.today\(|\bdatetime\.utcnow\("
    r"|QDate\.currentDate|QDateTime\.current|QTime\.currentTime|\.astimezone\(\)"
)


@contextmanager
def machine_zone(name: str) -> Iterator[None]:
    """The process runs in time zone ``name`` (as a PC set to it would) within the block."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def _wait(seconds: float) -> None:
    """Let the monotonic clock run (time.sleep fails under faketime: EINVAL)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def test_no_code_or_test_reads_the_machines_clock() -> None:
    found = []
    for folder in ("familydesk", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "familydesk" / "kernel" / "clock.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if MACHINE_CLOCK.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "use familydesk.kernel.clock instead:\n" + "\n".join(found)


def test_the_guard_sees_what_it_looks_for() -> None:
    calls = (
        "x = date.{}()",
        "now = datetime.{}(UTC)",
        "datetime.{}()",
        "QDate.{}()",
        "QDateTime.{}()",
        "t.{}()",
    )
    names = ("today", "now", "today", "currentDate", "currentDateTime", "astimezone")
    for call, name in zip(calls, names, strict=True):  # spelt apart, or the guard finds them here
        assert MACHINE_CLOCK.search(call.format(name)), call
    for line in ("clock.today()", "clock.now()", "moment.astimezone(clock.ROME)", "today=today"):
        assert not MACHINE_CLOCK.search(line), line


def test_pinned_and_stopped_the_clock_says_that_instant_in_every_form() -> None:
    start = datetime(2026, 12, 9, 10, 30, tzinfo=clock.ROME)
    with clock.pinned(start, tick=False):
        _wait(0.01)
        assert clock.now() == start and clock.now().tzinfo is clock.ROME
        assert clock.utcnow() == datetime(2026, 12, 9, 9, 30, tzinfo=UTC)
        assert clock.utcnow().utcoffset() == timedelta(0)
        assert clock.local_now() == datetime(2026, 12, 9, 10, 30)
        assert clock.local_now().tzinfo is None
        assert clock.today() == date(2026, 12, 9)


def test_pinned_it_ticks_on_from_the_instant_and_a_naive_start_is_rome_time() -> None:
    with clock.pinned(datetime(2028, 2, 29, 23, 59, 59, 990000)):
        first = clock.now()
        assert first.utcoffset() == timedelta(hours=1) and first.date() == date(2028, 2, 29)
        _wait(0.05)
        later = clock.now()
        assert timedelta(seconds=0.04) <= later - first < timedelta(seconds=5)
        assert clock.today() == date(2028, 3, 1)


def test_pins_nest_and_the_previous_clock_comes_back() -> None:
    outer = datetime(2027, 1, 1, tzinfo=clock.ROME)
    with clock.pinned(outer, tick=False):
        with clock.pinned(datetime(2030, 6, 1, tzinfo=clock.ROME)):
            assert clock.today() == date(2030, 6, 1)
        assert clock.now() == outer


def test_a_ticking_source_needs_an_aware_start() -> None:
    with pytest.raises(ValueError, match="aware"):
        clock.ticking_from(datetime(2026, 12, 9, 10, 30))


@pytest.mark.parametrize(
    ("utc", "rome_day", "rome_time"),
    [
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2027, 1, 1), "00:30"),  # winter, UTC+1
        (datetime(2027, 7, 14, 22, 30, tzinfo=UTC), date(2027, 7, 15), "00:30"),  # summer, UTC+2
        (datetime(2027, 3, 28, 1, 30, tzinfo=UTC), date(2027, 3, 28), "03:30"),  # 02:30 is skipped
        (
            datetime(2028, 3, 1, 1, 0, tzinfo=UTC),
            date(2028, 3, 1),
            "02:00",
        ),  # 29/02 20:00 in New York
    ],
)
def test_today_is_romes_date_whatever_the_pcs_zone(
    utc: datetime, rome_day: date, rome_time: str
) -> None:
    for zone in ("UTC", "America/New_York", "Europe/Rome", "Asia/Tokyo"):
        with machine_zone(zone), clock.pinned(utc, tick=False):
            assert clock.today() == rome_day, zone
            assert f"{clock.local_now():%H:%M}" == rome_time, zone
            assert clock.utcnow() == utc, zone


def test_to_local_gives_rome_wall_clock_time() -> None:
    assert clock.to_local(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == datetime(2027, 1, 1, 0, 30)
    new_york = datetime(2028, 2, 29, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    assert clock.to_local(new_york) == datetime(2028, 3, 1, 2, 0)
    assert clock.to_local(datetime(2027, 7, 14, 10, 0)) == datetime(
        2027, 7, 14, 12, 0
    )  # naive: UTC
    with machine_zone("America/New_York"):
        assert clock.to_local(datetime(2027, 7, 14, 10, 0, tzinfo=UTC)) == datetime(2027, 7, 14, 12)


def test_times_on_screen_and_paper_are_romes_on_a_pc_in_new_york() -> None:
    """i18n.format_datetime showed the machine's zone (astimezone without a zone)."""
    with machine_zone("America/New_York"):
        assert i18n.format_datetime(datetime(2028, 3, 1, 1, 0, tzinfo=UTC)) == "01/03/2028 02:00"

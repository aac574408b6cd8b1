"""Search-as-you-type latency on a 50,000-family database (about 190,000 people).

Each typical prefix is timed through ``registry.search_people`` (what the
Families page and ``familydesk search`` call) and, in the same run, as the
raw SQL statement that service executes, sent straight to SQLite's FTS5
through the standard ``sqlite3`` module: the difference is FamilyDesk's own
cost (SQLAlchemy, result rows, dataclasses).
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.dialects import sqlite as sqlite_dialect

from benchmarks import open_signed
from familydesk.demo import fill_demo
from familydesk.registry.search import search_params, search_people, search_statement

FAMILIES = 50_000
RUNS = 200
#: Typical first letters typed at the desk: surnames, given names, a phone prefix,
#: a tax code prefix, two words.
QUERIES = ["ros", "bell", "ahm", "sin", "giu", "mar", "el am", "kaur h", "347", "rssm", "benatti a"]


def _times(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def build(folder: Path) -> tuple[Path, float, int]:
    path = folder / f"search{FAMILIES}.sqlite3"
    database = open_signed(str(path))
    start = time.perf_counter()
    summary = database.write(fill_demo, families=FAMILIES, seed=1, activity=False)
    elapsed = time.perf_counter() - start
    database.dispose()
    return path, elapsed, summary.people


def run(folder: Path) -> list[tuple[str, str]]:
    path, built, people = build(folder)
    rows = [
        (f"`demo --families {FAMILIES:,} --families-only` ({people:,} people)", f"{built:.1f} s")
    ]
    database = open_signed(str(path))
    raw = sqlite3.connect(path)
    compiled = search_statement("sqlite").compile(dialect=sqlite_dialect.dialect())
    sql, order = str(compiled), compiled.positiontup or []
    medians, raw_medians = [], []
    try:
        with database.session() as session:
            for text in QUERIES:
                params = {**compiled.params, **(search_params("sqlite", text) or {})}
                args = tuple(params[name] for name in order)
                found = len(search_people(session, text))
                ours = _times(lambda t=text: search_people(session, t), RUNS)
                bare = _times(lambda a=args: raw.execute(sql, a).fetchall(), RUNS)
                medians.append(ours[0])
                raw_medians.append(bare[0])
                rows.append(
                    (
                        f"search “{text}” ({found} shown): median / p99 — raw FTS5 query",
                        f"{ours[0]:.2f} / {ours[1]:.2f} ms — {bare[0]:.2f} / {bare[1]:.2f} ms "
                        f"(×{ours[0] / bare[0]:.1f})",
                    )
                )
    finally:
        raw.close()
        database.dispose()
    overall, overall_raw = statistics.median(medians), statistics.median(raw_medians)
    rows.append(
        (
            "search, all prefixes: median — raw",
            f"{overall:.2f} ms — {overall_raw:.2f} ms (×{overall / overall_raw:.1f})",
        )
    )
    return rows

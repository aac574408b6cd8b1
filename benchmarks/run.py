"""FamilyDesk benchmarks (``make bench``): start-up, lists, search, front desk and
appointments, parenting groups, family card, the directory of services, memory, import.

Prints a Markdown table (copied into the README) and writes it to
benchmarks/results/latest.md. Each figure is the median of several runs on
a fresh database in a temporary folder; nothing here is a pass/fail test.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import open_signed  # noqa: E402
from familydesk.db.database import Database  # noqa: E402
from familydesk.demo import fill_demo  # noqa: E402
from familydesk.registry import family_page  # noqa: E402

SIZES = (1_000, 10_000)
REPEAT = 3


def timed(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    """Median wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def smoke(
    location: str,
    home: Path,
    operator: tuple[str, str] = ("reception", "demo"),
) -> tuple[float, float, float]:
    """Median smoke time reported by the app, wall time of the process, and peak RSS (MB).

    ``operator`` signs in (a demo operator; on a new database it becomes its administrator).
    """
    reported, wall = [], []
    env = dict(
        os.environ,
        FAMILYDESK_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        FAMILYDESK_OPERATOR=operator[0],
        FAMILYDESK_PASSWORD=operator[1],
    )
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "familydesk", "--smoke", "--db", location, "--lang", "en"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        wall.append((time.perf_counter() - start) * 1000)
        reported.append(float(result.stdout.split()[-2]))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(reported), statistics.median(wall), peak_mb


def foundation(home: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    empty = str(home / "empty.sqlite3")
    migrate_ms = timed(
        lambda: Database.open(str(home / f"m{time.perf_counter_ns()}.sqlite3")).dispose()
    )
    rows.append(("Create and migrate an empty database", f"{migrate_ms:.0f} ms"))
    Database.open(empty).dispose()
    ms, wall, rss = smoke(empty, home, ("bench.admin", "benchmark-password"))
    rows.append(
        (
            "`--smoke`, empty database: first page shown (process wall time)",
            f"{ms:.0f} ms ({wall:.0f} ms)",
        )
    )
    for size in SIZES:
        location = str(home / f"demo{size}.sqlite3")
        database = open_signed(location)
        start = time.perf_counter()
        summary = database.write(fill_demo, families=size, seed=1)
        generated = (time.perf_counter() - start) * 1000
        desk = summary.activity
        rows.append(
            (
                f"`demo --families {size}` ({summary.people} people, {desk.contacts:,} "
                f"contacts, {desk.appointments:,} appointments)",
                f"{generated:.0f} ms",
            )
        )
        first = timed(lambda: database.read(family_page, 0, 200))  # noqa: B023
        deep = timed(lambda: database.read(family_page, size - 200, 200))  # noqa: B023
        filtered = timed(lambda: database.read(family_page, 0, 200, "gonzaga"))  # noqa: B023
        rows.append((f"{size} families: first page of 200 rows", f"{first:.1f} ms"))
        rows.append((f"{size} families: last page of 200 rows", f"{deep:.1f} ms"))
        rows.append((f"{size} families: filter by comune", f"{filtered:.1f} ms"))
        database.dispose()
        ms, wall, rss = smoke(location, home)
        rows.append(
            (
                f"`--smoke`, {size} families: first page shown (process wall time)",
                f"{ms:.0f} ms ({wall:.0f} ms)",
            )
        )
    rows.append(("Peak memory of a `--smoke` process", f"{rss:.0f} MB"))
    return rows


def table(title: str, rows: list[tuple[str, str]]) -> str:
    lines = [f"#### {title}", "", "| Measure | Result |", "| --- | --- |"]
    return "\n".join(lines + [f"| {a} | {b} |" for a, b in rows])


def main() -> int:
    from benchmarks import (
        bench_cards,
        bench_directory,
        bench_frontdesk,
        bench_groups,
        bench_import,
        bench_memory,
        bench_search,
        bench_startup,
    )

    sections = []
    with tempfile.TemporaryDirectory(prefix="familydesk-bench-") as folder:
        home = Path(folder)
        os.environ["FAMILYDESK_HOME"] = str(home)
        sections.append(table("Start-up, demo data and the family list (SQLite)", foundation(home)))
        sections.append(
            table("Search as you type, 50,000 families (SQLite FTS5)", bench_search.run(home))
        )
        sections.append(
            table(
                "Front desk and appointments, 50,000 families (SQLite)", bench_frontdesk.run(home)
            )
        )
        sections.append(
            table("Parenting groups: attendance, 50,000 families (SQLite)", bench_groups.run(home))
        )
        sections.append(
            table(
                "Family card: check and eligibility, 50,000 families (SQLite)",
                bench_cards.run(home),
            )
        )
        sections.append(
            table(
                f"Directory of services: {bench_directory.SERVICES:,} services (SQLite)",
                bench_directory.run(home),
            )
        )
        sections.append(
            table(
                "Start-up: whole processes beside their floor, median of 9, "
                "50,000 families (SQLite)",
                bench_startup.run(
                    home, bench_search.FAMILIES, db=home / f"search{bench_search.FAMILIES}.sqlite3"
                ),
            )
        )
        sections.append(
            table(
                "Memory: every page shown, every list scrolled to its end, 50,000 "
                "families (SQLite)",
                bench_memory.run(home),
            )
        )
        sections.append(table("Import", bench_import.run(home)))
    text = "\n\n".join(sections)
    print(text)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

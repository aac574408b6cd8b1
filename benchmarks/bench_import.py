"""Import speed: 10,000 rows of realistic families from CSV into a fresh SQLite database.

``run(folder)`` returns rows for benchmarks/run.py's table. The CSV is made
from demo families (familydesk.demo) exported in the import's own columns,
so every row is valid and the whole file is imported in one transaction.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import open_signed  # noqa: E402
from familydesk.demo import fill_demo  # noqa: E402
from familydesk.demo.generator import REFERENCE_DAY  # noqa: E402
from familydesk.transfer import export_families, import_table, read_table  # noqa: E402

ROWS = 10_000
#: Demo families average a little over three people: enough for ROWS rows.
FAMILIES = 3_400


def make_csv(folder: Path, rows: int = ROWS) -> Path:
    """A CSV of ``rows`` people (whole families first, the last one possibly cut short)."""
    source = open_signed(str(folder / "source.sqlite3"))
    try:
        source.write(fill_demo, families=FAMILIES, seed=11)
        full = folder / "all.csv"
        source.read(export_families, "csv", full)
    finally:
        source.dispose()
    lines = full.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    assert len(lines) > rows, "not enough demo people: raise FAMILIES"
    path = folder / f"famiglie_{rows}.csv"
    path.write_text("".join(lines[: rows + 1]), encoding="utf-8-sig")
    return path


def run(folder: Path) -> list[tuple[str, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    path = make_csv(folder)
    database = open_signed(str(folder / "import.sqlite3"))
    try:
        today = max(date.today(), REFERENCE_DAY)
        start = time.perf_counter()
        table = read_table(path)
        summary = database.write(import_table, table, today=today)
        seconds = time.perf_counter() - start
        again = time.perf_counter()
        repeat = database.write(import_table, read_table(path), today=today)
        seconds_again = time.perf_counter() - again
    finally:
        database.dispose()
    rows = len(table.rows)
    assert summary.rows_rejected == 0 and summary.people_new == rows, summary.message()
    assert repeat.families_new == 0 and repeat.families_present == summary.families_new
    return [
        (
            f"Import {rows:,} rows (CSV, {summary.families_new:,} families)",
            f"{seconds:.1f} s, {rows / seconds:,.0f} rows/s",
        ),
        (
            f"Import the same {rows:,} rows again (all already present)",
            f"{seconds_again:.1f} s, {rows / seconds_again:,.0f} rows/s",
        ),
    ]


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="familydesk-bench-import-") as tmp:
        for label, figure in run(Path(tmp)):
            print(f"| {label} | {figure} |")

"""``make crash``: the kill harness with many kills, as a table for the README.

python -m tests.crash.report [KILLS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from familydesk.db.database import Database
from tests.crash.harness import run


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    print("| Workload | Kills | Damaged databases or half-applied operations | Time |")
    print("| --- | --- | --- | --- |")
    total_failures = 0
    for mode, label in (
        ("writes", "ordinary writes (a family and 3 members per transaction)"),
        ("import", "imports (CSV of 40 families per transaction)"),
    ):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "crash.sqlite3"
            Database.open(str(path)).dispose()
            start = time.perf_counter()
            done, failures = run(path, mode, kills, random.Random(7))
            elapsed = time.perf_counter() - start
        total_failures += len(failures)
        print(f"| {label} | {done} | {len(failures)} | {elapsed:.0f} s |")
        for failure in failures[:10]:
            print(f"<!-- {failure} -->")
    return 1 if total_failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

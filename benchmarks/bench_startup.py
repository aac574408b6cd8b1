"""Start-up as a person sees it: whole processes, each beside its floor, in one run.

``python benchmarks/bench_startup.py [--families N] [--runs N] [--root DIR] [--db FILE]``
(``make bench`` runs it on a demo database of 10,000 families). Each round runs every
command once, in turn, so the floor and the app share the machine's state; the figure is
the median over the rounds (9; at least 7). ``--root`` times another checkout of FamilyDesk
(an earlier commit, for a before/after) with the same interpreter. Nothing here asserts.

- ``--smoke`` (sign-in as ``reception`` with Argon2, main window, first page's data) beside
  the floor: a bare PySide6 window shown and the SQLAlchemy ORM imported;
- ``--version`` beside ``python -c pass``;
- ``search ross --json`` (sign-in included) beside ``--version``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = 10_000
RUNS = 9

#: The floor of ``--smoke``: what any PySide6 + SQLAlchemy ORM application pays at least.
FLOOR = """
import sqlalchemy.orm
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1180, 760)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def commands(db: str) -> dict[str, list[str]]:
    app = [sys.executable, "-m", "familydesk"]
    return {
        "floor": [sys.executable, "-c", FLOOR],
        "smoke": [*app, "--smoke", "--db", db, "--lang", "en"],
        "pass": [sys.executable, "-c", "pass"],
        "version": [*app, "--version"],
        "search": [*app, "search", "ross", "--json", "--db", db, "--lang", "en"],
    }


def measure(db: str, root: Path, home: Path, runs: int) -> dict[str, float]:
    """Median wall time in milliseconds of each command, over ``runs`` interleaved rounds."""
    env = dict(
        os.environ,
        FAMILYDESK_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        FAMILYDESK_OPERATOR="reception",
        FAMILYDESK_PASSWORD="demo",
    )
    env.pop("PYTHONPATH", None)
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, argv in commands(db).items():
            start = time.perf_counter()
            subprocess.run(argv, cwd=root, env=env, check=True, capture_output=True)
            times.setdefault(name, []).append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def demo_database(folder: Path, families: int, root: Path = ROOT) -> str:
    """A demo database of ``families`` families in ``folder`` (made once)."""
    path = folder / f"startup-{families}.sqlite3"
    if not path.exists():
        env = dict(os.environ, FAMILYDESK_HOME=str(folder / "home"))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "familydesk",
                "demo",
                "--families",
                str(families),
                "--db",
                str(path),
            ],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
    return str(path)


def rows(figures: dict[str, float], families: int) -> list[tuple[str, str]]:
    f = figures
    return [
        (
            f"`--smoke`, {families:,} families, beside a bare PySide6 window + SQLAlchemy ORM "
            "import (target ≤ 1.3×)",
            f"{f['smoke']:.0f} ms vs {f['floor']:.0f} ms ({f['smoke'] / f['floor']:.2f}×)",
        ),
        (
            "`--version` beside `python -c pass` (target ≤ +80 ms)",
            f"{f['version']:.0f} ms vs {f['pass']:.0f} ms (+{f['version'] - f['pass']:.0f} ms)",
        ),
        (
            f"`search ross --json`, {families:,} families, sign-in included, beside `--version` "
            "(target ≤ +150 ms)",
            f"{f['search']:.0f} ms vs {f['version']:.0f} ms (+{f['search'] - f['version']:.0f} ms)",
        ),
    ]


def run(home: Path, families: int = FAMILIES, runs: int = RUNS) -> list[tuple[str, str]]:
    """The rows of the README's start-up table (``make bench``)."""
    db = demo_database(home, families)
    return rows(measure(db, ROOT, home / "startup-home", runs), families)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=FAMILIES)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to time")
    parser.add_argument("--db", help="an existing demo database (operators' password: demo)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="familydesk-startup-") as folder:
        home = Path(folder)
        db = args.db or demo_database(home, args.families, args.root)
        figures = measure(db, args.root.resolve(), home / "home", max(args.runs, 7))
        for label, figure in rows(figures, args.families):
            print(f"| {label} | {figure} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Start-up as a person sees it: whole processes, each beside its floor, in one run.

``python benchmarks/bench_startup.py [--families N] [--runs N] [--root DIR] [--before DIR]
[--db FILE]``
(``make bench`` runs it on a demo database of 10,000 families). Each round runs every
command once, in turn, so the floor and the app share the machine's state; the figure is
the median over the rounds (9; at least 7), after one round not counted. ``--root`` times
another checkout of FamilyDesk (an earlier commit, for a before/after) with the same
interpreter. Nothing here asserts.

Bytecode is cached as an installed wheel has it (pip compiles on install; the floor's
libraries in site-packages are compiled too): ``PYTHONDONTWRITEBYTECODE`` is dropped for the
processes timed and the first round, not counted, writes FamilyDesk's ``__pycache__``. With
it set, every run compiles ~150 of FamilyDesk's modules again (~0.3 s of ``compile`` in the
profile) and the comparison with the floor is not fair.

- ``--smoke`` (sign-in as ``reception`` with Argon2, main window, first page's data) beside
  the floor: a bare PySide6 window shown and the SQLAlchemy ORM imported;
- ``--version`` beside ``python -c pass``;
- ``search ross --json`` (sign-in included) beside ``--version``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
    """Median wall time in milliseconds of each command, over ``runs`` interleaved rounds,
    and (``NAME cpu``) the median CPU time of its process (user + system, every thread):
    on a machine shared with other work the wall time grows with the load, the CPU time
    much less."""
    return measure_roots(db, {"": root}, home, runs)


def measure_roots(db: str, roots: dict[str, Path], home: Path, runs: int) -> dict[str, float]:
    """:func:`measure` for several checkouts in the same rounds (keys ``"LABEL NAME"``
    beside ``""`` for the first), so a before/after shares the machine's state."""
    env = dict(
        os.environ,
        FAMILYDESK_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        FAMILYDESK_OPERATOR="reception",
        FAMILYDESK_PASSWORD="demo",
    )
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, list[float]] = {}
    for round_ in range(runs + 1):
        for label, root in roots.items():
            for name, argv in commands(db).items():
                key = f"{label} {name}".strip()
                if label and name in ("floor", "pass"):
                    continue  # the floors are the same for every checkout
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(argv, cwd=root, env=env, check=True, capture_output=True)
                wall = (time.perf_counter() - start) * 1000
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
                if round_:  # the first round compiles and warms the disk cache
                    times.setdefault(key, []).append(wall)
                    times.setdefault(f"{key} cpu", []).append(cpu)
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


def rows(figures: dict[str, float], families: int, label: str = "") -> list[tuple[str, str]]:
    """The README's rows; ``label``: the checkout's figures (``measure_roots``)."""

    def f(name: str) -> float:
        shared = name.split()[0] in ("floor", "pass")  # timed once for every checkout
        return figures[name if shared else f"{label} {name}".strip()]

    def cpu(name: str) -> float:
        return f(f"{name} cpu")

    return [
        (
            f"`--smoke`, {families:,} families, beside a bare PySide6 window + SQLAlchemy ORM "
            "import (target ≤ 1.3×)",
            f"{f('smoke'):.0f} ms vs {f('floor'):.0f} ms ({f('smoke') / f('floor'):.2f}×); "
            f"CPU {cpu('smoke'):.0f} vs {cpu('floor'):.0f} ms "
            f"({cpu('smoke') / cpu('floor'):.2f}×)",
        ),
        (
            "`--version` beside `python -c pass` (target ≤ +80 ms)",
            f"{f('version'):.0f} ms vs {f('pass'):.0f} ms (+{f('version') - f('pass'):.0f} ms); "
            f"CPU +{cpu('version') - cpu('pass'):.0f} ms",
        ),
        (
            f"`search ross --json`, {families:,} families, sign-in included, beside `--version` "
            "(target ≤ +150 ms)",
            f"{f('search'):.0f} ms vs {f('version'):.0f} ms "
            f"(+{f('search') - f('version'):.0f} ms); "
            f"CPU +{cpu('search') - cpu('version'):.0f} ms",
        ),
    ]


def run(
    home: Path, families: int = FAMILIES, runs: int = RUNS, db: Path | None = None
) -> list[tuple[str, str]]:
    """The rows of the README's start-up table (``make bench``: on ``db``, the 50,000
    families of the front desk benchmark, its operators' password ``demo``)."""
    location = str(db) if db is not None else demo_database(home, families)
    return rows(measure(location, ROOT, home / "startup-home", runs), families)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=FAMILIES)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to time")
    parser.add_argument(
        "--before", type=Path, help="another checkout timed in the same rounds (a before/after)"
    )
    parser.add_argument("--db", help="an existing demo database (operators' password: demo)")
    args = parser.parse_args()
    roots = {"": args.root.resolve()}
    if args.before:
        roots["before"] = args.before.resolve()
    with tempfile.TemporaryDirectory(prefix="familydesk-startup-") as folder:
        home = Path(folder)
        db = args.db or demo_database(home, args.families, args.root)
        figures = measure_roots(db, roots, home / "home", max(args.runs, 7))
        print(json.dumps({name: round(value) for name, value in figures.items()}))
        for label in reversed(roots):
            if args.before:
                print(f"{label or 'after'}:")
            for row, figure in rows(figures, args.families, label):
                print(f"| {row} | {figure} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

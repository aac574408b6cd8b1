"""Kill a writing worker at random moments and check the database after each kill."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests.crash.worker import FAMILIES, MEMBERS

ROOT = Path(__file__).resolve().parent.parent.parent


def check(path: Path) -> list[str]:
    """Problems found after a kill: integrity, and operations half applied."""
    problems = []
    db = sqlite3.connect(path)
    try:
        if db.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            problems.append("integrity check failed")
        if db.execute("PRAGMA foreign_key_check").fetchone() is not None:
            problems.append("foreign key check failed")
        members = db.execute(
            "SELECT f.external_key, count(p.id) FROM family f LEFT JOIN person p "
            "ON p.family_id = f.id WHERE f.external_key != '' GROUP BY f.id"
        ).fetchall()
        for key, count in members:
            expected = MEMBERS if key.startswith("w") else 2
            if count != expected:
                problems.append(f"family {key} has {count} members, expected {expected}")
        imports = Counter(key.rsplit("-", 1)[0] for key, _n in members if key.startswith("i"))
        problems += [
            f"import {name} has {n} of {FAMILIES} families"
            for name, n in imports.items()
            if n != FAMILIES
        ]
        people = db.execute("SELECT count(*) FROM person").fetchone()[0]
        audited = db.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'create' AND table_name = 'person'"
        ).fetchone()[0]
        if audited != people:
            problems.append(f"{people} people but {audited} audit entries for them")
    finally:
        db.close()
    return problems


def run(path: Path, mode: str, kills: int, rng: random.Random) -> tuple[int, list[str]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    failures: list[str] = []
    done = 0
    for round_ in range(kills):
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.worker", str(path), mode, str(round_)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        assert worker.stdout is not None
        worker.stdout.readline()  # "ready": the database is open, writing starts now
        time.sleep(rng.uniform(0.0, 0.6))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        done += 1
        failures += [f"kill {round_}: {p}" for p in check(path)]
    return done, failures

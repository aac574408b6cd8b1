"""Kill the process (SIGKILL) at random moments while it writes; the database must stay
sound and every operation must be wholly there or wholly absent.

``FAMILYDESK_CRASH_KILLS`` sets the number of kills per mode (CI: the default, 15);
``make crash`` runs 300 and prints the figures that go in the README.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from familydesk.trust.opening import open_database
from tests.crash.harness import run
from tests.helpers import open_signed

KILLS = int(os.environ.get("FAMILYDESK_CRASH_KILLS", "15"))

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]


@pytest.mark.parametrize("mode", ["writes", "import"])
def test_kills_leave_no_damage_and_no_half_operations(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "crash.sqlite3"
    open_database(str(path)).dispose()
    kills, failures = run(path, mode, KILLS, random.Random(42))
    assert kills == KILLS
    assert failures == []
    # Still opens and takes a new write (no stale lock or journal left by the kills).
    database = open_signed(str(path))
    try:
        from familydesk.registry import FamilyInput, count_families, create_family

        before = database.read(count_families)
        database.write(create_family, FamilyInput(name="Dopo le interruzioni"), [])
        assert database.read(count_families) == before + 1
    finally:
        database.dispose()

"""A second FamilyDesk on the same SQLite file is told who else has it open (a marker per
running program beside the file; stale ones are recognised and removed)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from familydesk.db import in_use
from familydesk.kernel import clock

SECOND = """
import sys
from datetime import datetime
from familydesk.db import in_use
from familydesk.kernel import clock
with clock.pinned(datetime.fromisoformat(sys.argv[2])):
    mine, others = in_use.claim(sys.argv[1], "laura")
    print(len(others), flush=True)
    sys.stdin.readline()
    mine.release()
"""


def second_program(path: Path) -> subprocess.Popen[str]:
    """Another FamilyDesk process with ``path`` open (signed in as laura); it prints how
    many others it found and waits for a line on stdin to quit."""
    process = subprocess.Popen(
        [sys.executable, "-c", SECOND, str(path), clock.now().isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "0"
    return process


def test_a_second_process_on_the_same_file_is_seen_with_who_and_since(tmp_path: Path) -> None:
    path = tmp_path / "familydesk.sqlite"
    other = second_program(path)
    try:
        mine, others = in_use.claim(path, "tester")
        assert [(h.operator, h.pid, h.same_computer) for h in others] == [
            ("laura", other.pid, True)
        ]
        assert abs(others[0].since - clock.now()) < timedelta(minutes=1)
    finally:
        assert other.stdin is not None
        other.stdin.write("\n")
        other.stdin.flush()
        other.wait(timeout=30)
    assert mine.others() == [], "it removed its marker on quitting"
    mine.release()
    assert not in_use.marker_folder(path).exists()


def test_a_process_that_died_without_cleaning_up_is_not_reported(tmp_path: Path) -> None:
    path = tmp_path / "familydesk.sqlite"
    other = second_program(path)
    other.kill()  # a crash: its marker stays behind
    other.wait(timeout=30)
    assert len(list(in_use.marker_folder(path).glob("*.json"))) == 1
    mine, others = in_use.claim(path, "tester")
    assert others == []
    assert [p.name for p in in_use.marker_folder(path).glob("*.json")] == [mine.path.name]


def test_another_computer_counts_while_its_heartbeat_is_fresh(tmp_path: Path) -> None:
    path = tmp_path / "familydesk.sqlite"
    theirs = in_use.InUse(path, "anna", pid=4242, host="PC-SPORTELLO-2")
    theirs.beat()
    mine = in_use.InUse(path, "tester")
    assert [(h.operator, h.host, h.same_computer) for h in mine.others()] == [
        ("anna", "PC-SPORTELLO-2", False)
    ]
    with clock.pinned(clock.now() + in_use.STALE_AFTER + timedelta(minutes=1)):
        assert mine.others() == []  # no heartbeat for too long: a crash on that computer
    assert not theirs.path.exists()


def test_two_windows_of_the_same_program_instance_see_each_other(tmp_path: Path) -> None:
    path = tmp_path / "familydesk.sqlite"
    first, none = in_use.claim(path, "laura")
    second = in_use.InUse(path, "laura", pid=os.getpid(), host=socket.gethostname() + "-x")
    second.beat()
    assert none == [] and [h.host for h in first.others()] == [second.host]
    data = json.loads(first.path.read_text(encoding="utf-8"))
    assert data["operator"] == "laura" and data["pid"] == os.getpid()

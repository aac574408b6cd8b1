"""Small helpers shared by tests."""

from __future__ import annotations

from typing import Any

from familydesk.db.actor import Actor
from familydesk.db.database import Database
from familydesk.trust.opening import open_database


def signed_in(database: Database, role: str = "admin", name: str = "tester") -> Database:
    """``database`` with an operator of ``role`` signed in (without a password check)."""
    database.actor = Actor(name, role)
    return database


def open_signed(location: str, role: str = "admin", **options: Any) -> Database:
    """The database at ``location`` as the application opens it, ``role`` signed in."""
    return open_database(location, actor=Actor("tester", role), **options)


def run_cli(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """``familydesk ARGV`` in this process: its exit code, stdout and stderr."""
    from familydesk import cli

    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err

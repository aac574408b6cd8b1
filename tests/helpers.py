"""Small helpers shared by tests."""

from __future__ import annotations

from typing import Any

from familydesk.db.database import Database


def signed_in(database: Database, role: str = "admin", name: str = "tester") -> Database:
    """``database`` with an operator of ``role`` signed in (without a password check)."""
    database.operator, database.role = name, role
    return database


def open_signed(location: str, role: str = "admin", **options: Any) -> Database:
    return signed_in(Database.open(location, **options), role)


def run_cli(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """``familydesk ARGV`` in this process: its exit code, stdout and stderr."""
    from familydesk import cli

    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err

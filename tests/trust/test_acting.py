"""Who acts is explicit: the system's few writes run in ``as_system``, audited as such."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from familydesk.db.actor import Actor
from familydesk.db.database import Database
from familydesk.db.models.registry import AuditEntry
from familydesk.trust import audit, operators, permissions
from familydesk.trust.acting import FIRST_ADMIN, FIRST_CENTRE, SYSTEM, as_system
from familydesk.trust.opening import open_database
from tests.helpers import run_cli

PACKAGE = Path(__file__).resolve().parents[2] / "familydesk"


def _trail(database: Database, table: str) -> list[tuple[str, str, str]]:
    """(operator, action, note) of the entries about ``table``, oldest first."""
    query = select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id)
    return database.read(lambda s: [(e.operator, e.action, e.note) for e in s.scalars(query)])


def _who(session) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    return session.info["operator"], session.info["role"]


def test_no_code_gives_a_database_a_role_by_assignment() -> None:
    """Roles come from signing in (or the system's context), never ``database.role = ...``."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                for item in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if (
                        isinstance(item, ast.Attribute)
                        and item.attr == "role"
                        and ast.unparse(item.value).endswith("database")
                    ):
                        found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_the_system_acts_in_its_block_and_the_operator_after(database: Database) -> None:
    database.actor = Actor("laura", "reception")
    with as_system(FIRST_ADMIN):
        assert database.read(_who) == (SYSTEM, "system")
        assert database.read(permissions.allowed, permissions.MANAGE_OPERATORS)
    assert database.read(_who) == ("laura", "reception")
    assert database.actor == Actor("laura", "reception")  # the database was not changed
    with pytest.raises(LookupError), as_system(FIRST_ADMIN):
        raise LookupError("a failing system write")
    assert database.read(_who) == ("laura", "reception")  # also after an error


def test_the_system_context_stays_on_its_thread(database: Database) -> None:
    database.actor = Actor("laura", "reception")
    seen: list[tuple[str, str | None]] = []
    with as_system(FIRST_ADMIN):
        worker = threading.Thread(target=lambda: seen.append(database.read(_who)))
        worker.start()
        worker.join()
    assert seen == [("laura", "reception")]


def test_a_system_write_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="reason"), as_system(" "):
        pass


def test_the_first_centre_is_made_by_the_system(empty_location: str) -> None:
    database = open_database(empty_location)
    try:
        assert _trail(database, "site") == [(SYSTEM, "create", FIRST_CENTRE)]
    finally:
        database.dispose()


def test_the_first_administrator_from_the_command_line_is_the_systems_doing(
    capsys: pytest.CaptureFixture[str], db_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAMILYDESK_PASSWORD", "segreta-123")
    argv = ["operator", "add", "anna", "--role", "admin", "--db", db_location]
    code, out, err = run_cli(capsys, *argv)
    assert code == 0, err
    monkeypatch.setenv("FAMILYDESK_NEW_PASSWORD", "password-1")
    argv = ["--operator", "anna", "operator", "add", "luca", "--role", "educator"]
    code, out, err = run_cli(capsys, *argv, "--db", db_location)
    assert code == 0, err
    database = open_database(db_location)
    try:
        created = [entry for entry in _trail(database, "operator") if entry[1] == "create"]
        assert created == [
            (SYSTEM, "create", FIRST_ADMIN),  # nobody was signed in: the system made anna
            ("anna", "create", ""),  # then anna made luca
        ]
    finally:
        database.dispose()


def test_demo_data_on_a_database_without_operators_is_the_systems(
    capsys: pytest.CaptureFixture[str], db_location: str
) -> None:
    code, out, err = run_cli(
        capsys, "demo", "--families", "2", "--families-only", "--db", db_location
    )
    assert code == 0, err
    database = open_database(db_location, actor=Actor("tester", "admin"))
    try:
        who = {row.operator for row in database.read(audit.entries)}
        assert who == {SYSTEM}
        assert database.read(operators.count_operators) > 0  # the demo made its operators
    finally:
        database.dispose()

"""One way to open a database: ``trust.opening`` wires the policy; ``db`` knows none."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from familydesk import registry
from familydesk.db.database import Database
from familydesk.db.models.registry import Site
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust import audit
from familydesk.trust.opening import open_database
from tests.helpers import signed_in

PACKAGE = Path(__file__).resolve().parents[2] / "familydesk"


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, wherever the import statement is (lazy ones too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _family(database: Database) -> None:
    member = MemberInput(
        first_name="Anna",
        last_name="Benatti",
        sex="F",
        birth_date=date(1985, 4, 2),
        no_code_reason="documenti in arrivo",
    )
    database.write(registry.create_family, FamilyInput(name="Benatti"), [member])


def test_the_database_layer_imports_nothing_of_trust() -> None:
    for path in sorted((PACKAGE / "db").rglob("*.py")):
        upward = sorted(name for name in _imports(path) if name.startswith("familydesk.trust"))
        assert upward == [], path


def test_the_command_line_reaches_neither_the_window_nor_itself_from_its_commands() -> None:
    cli = {name for name in _imports(PACKAGE / "cli.py") if name.startswith("familydesk.ui")}
    assert cli == set()  # the window is started by its module's name
    for path in sorted((PACKAGE / "commands").glob("*.py")):
        assert not any(name.startswith("familydesk.cli") for name in _imports(path)), path


def test_there_is_one_open_database() -> None:
    defining = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "open_database"
    )
    assert defining == ["trust/opening.py"]


def test_opening_wires_the_hooks_and_the_bare_database_has_none(db_location: str) -> None:
    opened = signed_in(open_database(db_location))
    try:
        before = opened.read(audit.count)
        _family(opened)  # a family and its member: two audited creations, words kept
        assert opened.read(audit.count) == before + 2
        assert opened.read(registry.search_people, "benatti anna")
    finally:
        opened.dispose()
    bare = Database.open(db_location)  # engine and sessions only: no policy attached
    try:
        bare.write(lambda session: session.add(Site(code="ALT", name="Another centre")))
        assert bare.read(audit.count) == before + 2  # nobody wrote the trail
    finally:
        bare.dispose()


def test_opened_without_an_actor_the_person_at_the_keyboard_acts(db_location: str) -> None:
    database = open_database(db_location)
    try:
        assert database.operator == audit.desk_user() and database.role is None
    finally:
        database.dispose()

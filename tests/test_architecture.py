"""House rules that a machine can check."""

from __future__ import annotations

import ast
from pathlib import Path

import familydesk

PACKAGE = Path(familydesk.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts
        and any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path))
    ]
    assert offenders == []


def test_ui_uses_models_not_table_widgets() -> None:
    offenders = [
        path.name for path in (PACKAGE / "ui").rglob("*.py") if "QTableWidget" in path.read_text()
    ]
    assert offenders == []


def test_ui_never_opens_sessions_itself() -> None:
    """Only the runner talks to the database from the UI."""
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name != "runner.py" and (".session(" in source or "sessionmaker" in source):
            offenders.append(path.name)
    assert offenders == []


def test_modules_stay_small() -> None:
    big = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert big == {}


def _builds_text(node: ast.expr) -> bool:
    """An f-string, a % or + expression, or a .format() call: text built before translation."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


def test_no_fstrings_or_percent_inside_gettext() -> None:
    """``_()`` gets a literal; placeholders are filled with .format() after translation."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "N_"}
                and node.args
                and _builds_text(node.args[0])
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []

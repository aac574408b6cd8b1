"""The house's layers: how the import-linter contract is set up, and no reaching into
another module's private names.

``make lint`` runs ``lint-imports`` on the contract itself; these tests check that the
contract says what the house says (issue 15) and what the linter cannot see.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "familydesk"

#: From the top down; ``|`` siblings may not import each other, ``:`` siblings may.
LAYERS = [
    "familydesk.ui",
    "familydesk.cli : familydesk.commands",
    "familydesk.demo",
    "familydesk.privacy | familydesk.admin | familydesk.transfer | familydesk.reports",
    "familydesk.appointments | familydesk.groups | familydesk.cards",
    "familydesk.directory",
    "familydesk.scheduling | familydesk.frontdesk",
    "familydesk.registry",
    "familydesk.forms",
    "familydesk.trust",
    "familydesk.db",
    "familydesk.italy",
    "familydesk.kernel : familydesk.i18n",
]


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    linter = config["tool"]["importlinter"]
    assert linter["root_package"] == "familydesk"
    return linter["contracts"]


def _names(layer: str) -> set[str]:
    return {part.strip() for part in layer.replace("|", ":").split(":")}


def test_the_layer_contract_lists_the_house_from_the_top_down() -> None:
    layered = [c for c in _contracts() if c["type"] == "layers"]
    assert len(layered) == 1
    contract = layered[0]
    assert contract["layers"] == LAYERS
    assert not contract.get("ignore_imports"), "a layer violation is fixed, not ignored"
    # Every top-level module and package has its layer.
    listed = set().union(*map(_names, LAYERS))
    packages = {
        f"familydesk.{p.stem if p.is_file() else p.name}"
        for p in PACKAGE.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and p.stem not in {"__init__", "__main__"})
    }
    assert packages == listed


def test_lint_runs_the_contract() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/lint-imports" in lint
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(
        r.startswith("import-linter") for r in config["project"]["optional-dependencies"]["test"]
    )


def _module_name(path: Path, base: Path) -> str:
    parts = path.relative_to(base).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private(name: str) -> bool:
    # ``_`` is gettext's name (familydesk.i18n._), public by convention; dunders are not private.
    return name.startswith("_") and name != "_" and not name.endswith("__")


def private_imports(package: Path = PACKAGE) -> list[str]:
    """``path:line: from module import _name`` for every private name taken from another
    module (or a private module imported) in ``package``."""
    base = package.parent
    found = []
    for path in sorted(package.rglob("*.py")):
        here = _module_name(path, base)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(base).as_posix()}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if not node.module.startswith("familydesk"):
                    continue
                module_parts = node.module.split(".")
                for alias in node.names:
                    if node.module != here and (
                        _private(alias.name) or any(map(_private, module_parts))
                    ):
                        found.append(f"{where}: from {node.module} import {alias.name}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == "familydesk" and any(map(_private, parts)):
                        found.append(f"{where}: import {alias.name}")
    return found


def test_no_module_takes_another_modules_private_names() -> None:
    assert private_imports() == []


def test_a_private_import_is_found(tmp_path: Path) -> None:
    # The walk above must see what it forbids, or the test proves nothing.
    package = tmp_path / "familydesk"
    package.mkdir()
    (package / "a.py").write_text("_secret = 1\n", encoding="utf-8")
    (package / "b.py").write_text(
        "from familydesk.a import _secret\nfrom familydesk.i18n import _\n"
        "from familydesk import __version__\n",
        encoding="utf-8",
    )
    (package / "c.py").write_text("def f():\n    import familydesk._hidden\n", encoding="utf-8")
    assert private_imports(package) == [
        "familydesk/b.py:1: from familydesk.a import _secret",
        "familydesk/c.py:2: import familydesk._hidden",
    ]


#: Where importing inside a function is the rule, not the exception: a command imports its
#: services when it runs (``--help`` loads no ORM), a page its dialogs when they open.
LAZY_BY_DESIGN = ("commands", "ui", "cli.py", "__main__.py")


def lazy_imports(package: Path = PACKAGE) -> list[str]:
    """Imports of the package inside a function, in the core, without ``# heavy: <why>``."""
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if "migrations" in rel.parts or rel.parts[0] in LAZY_BY_DESIGN:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.ImportFrom)
                    and (inner.module or "").startswith(package.name)
                    and "# heavy:" not in lines[inner.end_lineno - 1]  # type: ignore[operator]
                ):
                    found.append(f"{rel}:{inner.lineno} {inner.module}")
    return found


def test_a_lazy_import_is_for_a_heavy_library_never_to_break_a_cycle() -> None:
    assert lazy_imports() == []


def test_a_lazy_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "familydesk"
    package.mkdir()
    (package / "a.py").write_text(
        "def f():\n    from familydesk.b import g\n\n"
        "def h():\n    from familydesk.c import sheet  # heavy: reportlab\n"
    )
    assert lazy_imports(package) == ["a.py:2 familydesk.b"]

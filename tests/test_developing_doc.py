"""docs/DEVELOPING.md draws the house as it is: its tree names every package of
familydesk/, and every path the tree names exists (so the doc cannot drift)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "DEVELOPING.md"


def tree_paths(text: str) -> list[str]:
    """The paths of the tree under "## The house": one entry a line, its first word a
    file or folder name indented two spaces per level under the one above."""
    section = text.split("## The house", 1)[1]
    block = re.search(r"```\n(.*?)\n```", section, re.S)
    assert block, "no tree under '## The house'"
    paths: list[str] = []
    parents: list[str] = []
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"odd indentation: {line!r}"
        level = indent // 2
        assert level <= len(parents), f"a level skipped: {line!r}"
        del parents[level:]
        name = line.split()[0]
        path = "".join(parents) + name
        paths.append(path)
        if name.endswith("/"):
            parents.append(name)
    return paths


def packages() -> set[str]:
    """Every package folder of familydesk/ (with its __init__.py), migrations left out."""
    package = ROOT / "familydesk"
    found = {
        init.parent.relative_to(ROOT).as_posix() + "/"
        for init in package.rglob("__init__.py")
        if "migrations" not in init.relative_to(ROOT).parts
    }
    return found


def test_the_tree_names_every_package() -> None:
    named = set(tree_paths(DOC.read_text(encoding="utf-8")))
    missing = sorted(packages() - named)
    assert not missing, f"docs/DEVELOPING.md's tree leaves out {missing}"


def test_every_path_in_the_tree_exists() -> None:
    paths = tree_paths(DOC.read_text(encoding="utf-8"))
    assert "familydesk/ui/shell/" in paths  # the parser follows the indentation
    absent = [path for path in paths if not (ROOT / path).exists()]
    assert not absent, f"docs/DEVELOPING.md's tree names what does not exist: {absent}"


def test_the_parser_reads_nesting_and_notices_a_package_left_out() -> None:
    text = "## The house\n```\na/    x\n  b/    y\n    c.py  z\n  d/    w\nroot.txt  v\n```\n"
    assert tree_paths(text) == ["a/", "a/b/", "a/b/c.py", "a/d/", "root.txt"]
    assert "familydesk/kernel/" in packages()
    assert not any("migrations" in path for path in packages())

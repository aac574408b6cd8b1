"""The build step that makes the wheel the whole product (pyproject.toml holds the rest).

The top-level ``resources/`` folder (fonts, icons, stylesheet, catalogues) is the source;
``build_py`` copies it into the package as ``familydesk/resources`` and compiles the ``.po``
catalogues into ``.mo`` files there, so a wheel, an sdist build or ``pip install .`` carries
everything ``familydesk.kernel.paths.resources_dir`` reads through ``importlib.resources``. The
``.mo`` files are built, never committed. An editable install reads ``resources/`` in place
(``make catalogues`` compiles its catalogues).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SOURCE = ROOT / "resources"
#: Where the resources go inside the built package.
TARGET = Path("familydesk") / "resources"
#: Catalogue sources: compiled into .mo, not shipped themselves.
_CATALOGUE_SOURCES = {".po", ".pot", ".mo"}


def resource_files(source: Path = SOURCE) -> list[Path]:
    """The files of ``source`` shipped as they are (relative paths), catalogue sources aside."""
    return sorted(
        path.relative_to(source)
        for path in source.rglob("*")
        if path.is_file()
        and path.suffix not in _CATALOGUE_SOURCES
        and "__pycache__" not in path.parts
    )


def compile_catalogues(source: Path, target: Path) -> list[Path]:
    """Compile every ``locale/<lang>/LC_MESSAGES/*.po`` of ``source`` into ``target``.

    Returns the ``.mo`` files written (relative to ``target``). A catalogue Babel cannot
    read stops the build: a wheel must not ship without its Italian.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((source / "locale").glob("*/LC_MESSAGES/*.po")):
        relative = po.relative_to(source).with_suffix(".mo")
        mo = target / relative
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parts[-3])
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(relative)
    if not written:
        raise RuntimeError(f"no catalogues found under {source / 'locale'}")
    return written


def copy_resources(source: Path, target: Path) -> list[Path]:
    """Fill ``target`` (emptied first: nothing stale ships) from ``source``; the files written."""
    if target.exists():
        shutil.rmtree(target)
    written = []
    for relative in resource_files(source):
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target / relative)
        written.append(relative)
    return written + compile_catalogues(source, target)


class BuildPyWithResources(build_py):
    """``build_py`` plus ``resources/`` copied into the package, catalogues compiled."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads resources/ in place
        target = Path(self.build_lib) / TARGET
        written = copy_resources(SOURCE, target)
        self.announce(f"copied {len(written)} resource files into {target}", level=2)


if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildPyWithResources})

"""The wheel carries resources/ as familydesk/resources, read through importlib.resources.

Nothing is built here: setup.py's copy step runs into a temporary folder, and paths is
pointed at it as an installed package would be. scripts/wheel-check.sh is the real proof
(the built wheel in an empty venv, away from the checkout).
"""

from __future__ import annotations

import gettext
import runpy
import tomllib
from pathlib import Path

import pytest

from familydesk.forms import base as forms_base
from familydesk.kernel import paths

ROOT = Path(__file__).resolve().parent.parent
SETUP = runpy.run_path(str(ROOT / "setup.py"), run_name="familydesk_setup")
FONTS = [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
]
ICONS = sorted(path.name for path in (ROOT / "resources" / "icons").glob("*.svg"))


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """A package folder filled as the wheel's build fills it; importlib.resources finds it."""
    package = tmp_path / "site-packages" / "familydesk"
    SETUP["copy_resources"](ROOT / "resources", package / "resources")
    monkeypatch.delenv("FAMILYDESK_RESOURCES", raising=False)
    monkeypatch.setattr(paths.importlib.resources, "files", lambda name: package)
    return package


def test_the_build_ships_fonts_icons_stylesheet_and_compiled_catalogues(installed):
    shipped = installed / "resources"
    for font in FONTS:
        assert (shipped / "fonts" / font).stat().st_size > 100_000
    assert ICONS and all((shipped / "icons" / icon).is_file() for icon in ICONS)
    assert "app.svg" in ICONS
    assert (shipped / "style.qss").is_file()
    assert not list(shipped.rglob("*.po")) and not list(shipped.rglob("*.pot"))
    with (shipped / "locale" / "it" / "LC_MESSAGES" / "familydesk.mo").open("rb") as fh:
        italian = gettext.GNUTranslations(fh)
    assert italian.gettext("usage: ") == "uso: "
    assert (shipped / "locale" / "en" / "LC_MESSAGES" / "familydesk.mo").is_file()


def test_every_resource_file_is_shipped():
    shipped = {str(path) for path in SETUP["resource_files"](ROOT / "resources")}
    assert {f"fonts/{font}" for font in FONTS} <= shipped
    assert {f"icons/{icon}" for icon in ICONS} <= shipped
    assert {"style.qss", "fonts/LICENSE"} <= shipped


def test_an_installed_package_reads_its_own_resources(installed):
    assert paths.resources_dir() == installed / "resources"
    assert paths.locale_dir() == installed / "resources" / "locale"
    assert (paths.resources_dir() / "fonts" / "DejaVuSans.ttf").is_file()


def test_printing_looks_for_the_fonts_inside_the_installed_package(installed, monkeypatch):
    for font in FONTS:
        (installed / "resources" / "fonts" / font).unlink()
    monkeypatch.setattr(forms_base, "_fonts_ready", False)
    with pytest.raises(forms_base.FormError) as error:
        forms_base.register_fonts()
    assert str(installed / "resources" / "fonts") in error.value.message


def test_a_checkout_reads_the_top_level_resources_folder(monkeypatch):
    monkeypatch.delenv("FAMILYDESK_RESOURCES", raising=False)
    assert paths.packaged_resources() is None  # the source tree has no familydesk/resources
    assert paths.resources_dir() == ROOT / "resources"
    assert (paths.resources_dir() / "fonts" / "DejaVuSans.ttf").is_file()


def test_familydesk_resources_overrides_both(installed, tmp_path, monkeypatch):
    monkeypatch.setenv("FAMILYDESK_RESOURCES", str(tmp_path / "elsewhere"))
    assert paths.resources_dir() == tmp_path / "elsewhere"


def test_the_build_needs_babel_and_a_setuptools_that_reads_an_spdx_licence():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requires = project["build-system"]["requires"]
    assert any(item.startswith("babel") for item in requires)
    assert "setuptools>=77" in requires  # the first to read `license = "EUPL-1.2"`
    assert project["project"]["license"] == "EUPL-1.2"

"""A fast start: ``--version`` and ``--help`` build the command line without its commands'
modules, so they load no model and no Alembic; the help reads exactly as the full parser's."""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk import cli, i18n
from tests.startup import heavy_among, imported_by


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_load_no_model_and_no_alembic(tmp_path: Path, option: str) -> None:
    modules = imported_by(f"from familydesk.cli import main\nmain([{option!r}])", tmp_path)
    assert "familydesk.cli" in modules  # the command line did run
    assert heavy_among(modules) == []
    assert not any(name.startswith("familydesk.commands.search") for name in modules)


@pytest.mark.parametrize(
    "argv", [["privacy", "--help"], ["privacy", "erasure", "refuse", "--help"]]
)
def test_the_privacy_commands_help_loads_no_model(tmp_path: Path, argv: list[str]) -> None:
    """Their help offers the grounds of refusal without loading the erasure service."""
    modules = imported_by(f"from familydesk.cli import main\nmain({argv!r})", tmp_path)
    assert "familydesk.commands.erasure" in modules
    assert heavy_among(modules) == []


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    modules = imported_by("from familydesk.cli import main\nmain(['audit', '--help'])", tmp_path)
    assert "familydesk.commands.audit" in modules
    assert "familydesk.commands.search" not in modules
    assert "familydesk.commands.printing" not in modules


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_the_named_commands_read_as_their_modules_say(language: str) -> None:
    """The help lines in ``COMMAND_MODULES`` and their order are those the modules register."""
    before = i18n.current_language()
    i18n.set_language(language)
    try:
        full = cli.build_parser().format_help()
        assert cli.build_parser(()).format_help() == full
        for name in cli.COMMAND_MODULES:
            assert cli.build_parser({name}).format_help() == full
    finally:
        i18n.set_language(before)

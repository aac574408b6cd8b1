"""A fast first window: ``--smoke`` (sign-in, the main window, the first page's data) imports
what the first page needs and no more. ReportLab comes when something is printed, the
``holidays`` calendars when a calendar is computed, a page's tabs when the role may use them."""

from __future__ import annotations

import linecache
from pathlib import Path

import pytest

from familydesk.trust.operators import create_demo_operators
from familydesk.ui.shell.main_window import MainWindow
from tests.helpers import open_signed
from tests.startup import imported_by

#: Libraries the first page does not need (ReportLab and PIL for printouts, every country's
#: holidays for calendars).
NOT_AT_START = ("reportlab", "PIL", "holidays")


def _first_window(db_location: str, role: str, home: Path, page: str = "") -> list[str]:
    """The modules ``--smoke`` imports for ``role``, opening on ``page`` (the one the
    window showed last, kept in its settings; by default the families)."""
    database = open_signed(db_location)
    try:
        database.write(create_demo_operators)  # one operator per role, password "demo"
    finally:
        database.dispose()
    code = (
        "import os\n"
        f"os.environ.update(FAMILYDESK_OPERATOR={role!r}, FAMILYDESK_PASSWORD='demo',"
        " QT_QPA_PLATFORM='offscreen')\n"
        "from PySide6.QtCore import QSettings\n"
        "from familydesk.ui.shell.app import configure_settings_storage\n"
        "configure_settings_storage()\n"
        f"QSettings().setValue('window/page', {page!r} or 'families')\n"
        "QSettings().sync()\n"
        "from familydesk.cli import main\n"
        f"assert main(['--smoke', '--db', {db_location!r}]) == 0\n"
    )
    return imported_by(code, home)


@pytest.mark.parametrize(("role", "page"), [("reception", "families"), ("admin", "families")])
def test_the_first_window_imports_no_printing_and_no_calendars(
    db_location: str, tmp_path: Path, role: str, page: str
) -> None:
    modules = _first_window(db_location, role, tmp_path, page)
    assert f"familydesk.ui.{page}.page" in modules  # the first page was shown
    assert [name for name in modules if name.startswith(NOT_AT_START)] == []


def test_a_greyed_out_page_builds_none_of_its_tabs(db_location: str, tmp_path: Path) -> None:
    """Reception may not use the privacy page: it is built for its tooltip, tabs left out."""
    modules = _first_window(db_location, "reception", tmp_path)
    assert "familydesk.ui.privacy.page" in modules
    assert not any(name.startswith("familydesk.ui.privacy.") for name in modules if "_tab" in name)


@pytest.mark.parametrize("page", ["frontdesk", "families", "privacy", "settings"])
def test_a_first_page_module_imports_no_printing_and_no_calendars(
    tmp_path: Path, page: str
) -> None:
    """The pages a window may open on (the one shown last): the front desk's quick booking
    prints its slip through ReportLab only when asked to."""
    modules = imported_by(f"import familydesk.ui.{page}.page", tmp_path)
    assert [name for name in modules if name.startswith(NOT_AT_START)] == []


def test_a_page_built_lets_go_of_the_sources_read_at_import(window: MainWindow) -> None:
    """PySide6 reads every imported module's source into ``linecache`` (~35 MiB with every
    page): the window empties it once a page is built; a traceback reads its lines again."""
    linecache.getlines(linecache.__file__)  # a source cached, as an import leaves it
    assert linecache.__file__ in linecache.cache
    window.show_page("settings")
    assert linecache.__file__ not in linecache.cache

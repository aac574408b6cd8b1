"""A fast first window: ``--smoke`` (sign-in, the main window, the first page's data) imports
what the first page needs and no more. ReportLab comes when something is printed, the
``holidays`` calendars when a calendar is computed, a page's tabs when the role may use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.trust.operators import create_demo_operators
from tests.helpers import open_signed
from tests.startup import imported_by

#: Libraries the first page does not need (ReportLab and PIL for printouts, every country's
#: holidays for calendars).
NOT_AT_START = ("reportlab", "PIL", "holidays")


def _first_window(db_location: str, role: str, home: Path) -> list[str]:
    database = open_signed(db_location)
    try:
        database.write(create_demo_operators)  # one operator per role, password "demo"
    finally:
        database.dispose()
    code = (
        "import os\n"
        f"os.environ.update(FAMILYDESK_OPERATOR={role!r}, FAMILYDESK_PASSWORD='demo',"
        " QT_QPA_PLATFORM='offscreen')\n"
        "from familydesk.cli import main\n"
        f"assert main(['--smoke', '--db', {db_location!r}]) == 0\n"
    )
    return imported_by(code, home)


@pytest.mark.parametrize("role", ["reception", "admin"])
def test_the_first_window_imports_no_printing_and_no_calendars(
    db_location: str, tmp_path: Path, role: str
) -> None:
    modules = _first_window(db_location, role, tmp_path)
    assert "familydesk.ui.families.page" in modules  # the first page was shown
    assert [name for name in modules if name.startswith(NOT_AT_START)] == []


def test_a_greyed_out_page_builds_none_of_its_tabs(db_location: str, tmp_path: Path) -> None:
    """Reception may not use the privacy page: it is built for its tooltip, tabs left out."""
    modules = _first_window(db_location, "reception", tmp_path)
    assert "familydesk.ui.privacy.page" in modules
    assert not any(name.startswith("familydesk.ui.privacy.") for name in modules if "_tab" in name)

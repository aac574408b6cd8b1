from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.ui.shell.app import configure_settings_storage
from familydesk.ui.shell.language import LanguageManager
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.shell.runner import SyncRunner
from familydesk.ui.widgets.page import PageContext


@pytest.fixture
def context(database: Database, qapp) -> Iterator[PageContext]:  # type: ignore[no-untyped-def]
    configure_settings_storage()
    language = LanguageManager()
    language.apply("en")
    runner = SyncRunner(database)
    yield PageContext(runner=runner, language=language)
    # Widgets may still ask for data while they are torn down: not from a closing database.
    runner.shutdown()
    language.apply("en")


@pytest.fixture
def window(context: PageContext, database: Database, qtbot: QtBot) -> MainWindow:
    main = MainWindow(context, database.describe())
    qtbot.addWidget(main)
    return main


def activate(window) -> None:  # type: ignore[no-untyped-def]
    """Make ``window`` the active one: the offscreen platform does not do it by itself."""
    import warnings

    from PySide6.QtWidgets import QApplication

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)


def open_page(window: MainWindow, key: str):  # type: ignore[no-untyped-def]
    """Show ``window`` as at start (saved state, active) and go to page ``key``."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    window.show()
    # The offscreen platform's own answer to show() (its activation) comes with the next
    # events: let it come now, not after activate() below, which it would undo.
    QApplication.processEvents()
    window.restore_state(QSettings())
    activate(window)
    return window.show_page(key)


@pytest.fixture(autouse=True)
def no_modal_loops(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A message box in a test would wait forever for a click: record it instead.

    A test that did not ask for dialogs (``dialogs`` fixture) fails if one appeared.
    """
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.text()} {box.informativeText()}".strip())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: shown.append(str(a[2])) or QMessageBox.StandardButton.Yes),
    )
    yield shown
    if "dialogs" not in request.fixturenames and shown:
        pytest.fail(f"unexpected message boxes: {shown}")


@pytest.fixture
def dialogs(no_modal_loops: list[str]) -> list[str]:
    """The texts of the message boxes the test caused."""
    return no_modal_loops


@pytest.fixture(autouse=True)
def opened_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Printouts open in the system's PDF viewer: in tests, record the files instead."""
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    return opened

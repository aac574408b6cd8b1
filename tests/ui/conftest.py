from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.ui.app import configure_settings_storage
from familydesk.ui.language import LanguageManager
from familydesk.ui.main_window import MainWindow
from familydesk.ui.pages.base import PageContext
from familydesk.ui.runner import SyncRunner


@pytest.fixture
def context(database: Database, qapp) -> Iterator[PageContext]:  # type: ignore[no-untyped-def]
    configure_settings_storage()
    language = LanguageManager()
    language.apply("en")
    yield PageContext(runner=SyncRunner(database), language=language)
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

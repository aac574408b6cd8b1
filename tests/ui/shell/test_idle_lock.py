"""The screen locks after idle time or on Ctrl+L; only a password (or another operator) unlocks."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from familydesk import registry
from familydesk.db.database import Database
from familydesk.db.models.registry import Operator
from familydesk.kernel import preferences
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust import operators
from familydesk.ui.shell import idle_lock
from familydesk.ui.shell.idle_lock import IdleLock
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.shell.sign_in import LockDialog

PASSWORD = "password-di-prova"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def desk(window: MainWindow, database: Database) -> MainWindow:
    database.write(operators.add_operator, "tester", "admin", PASSWORD)
    database.write(operators.add_operator, "giulia", "reception", "giulia-password")
    database.write(
        registry.create_family,
        FamilyInput(name="Benatti"),
        [MemberInput(first_name="Anna", last_name="Benatti", sex="F", no_code_reason="x")],
    )
    window.show()
    window.restore_state(QSettings())
    return window


def _colours(image: QImage, window: MainWindow) -> int:
    """Distinct colours in the window's content area (text means many)."""
    top = window.menuBar().height() + 2
    bottom = window.height() - window.statusBar().height() - 2
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(top, bottom, 3)}
    )


def test_locks_after_the_idle_minutes_and_hides_the_data(
    desk: MainWindow, database: Database, qtbot: QtBot
) -> None:
    clock = Clock()
    lock = IdleLock(desk, database, 10, clock=clock)
    lock.start()
    try:
        assert _colours(desk.grab().toImage(), desk) > 20  # the families list is on screen
        clock.now += 9 * 60
        assert not lock.check_idle()
        qtbot.keyClick(desk, Qt.Key.Key_Shift)  # activity restarts the count
        assert lock.last_activity == clock.now
        clock.now += 9 * 60
        assert not lock.check_idle()
        assert lock.check_idle(clock.now + 60)
        assert isinstance(lock.dialog, LockDialog) and lock.dialog.isVisible()
        assert not desk.centralWidget().isVisible()
        assert _colours(desk.grab().toImage(), desk) <= 2  # nothing readable behind the lock
        assert "tester, enter your password" in lock.dialog.intro.text()
    finally:
        lock.stop()


def test_wrong_passwords_count_and_the_right_one_unlocks(
    desk: MainWindow, database: Database
) -> None:
    lock = IdleLock(desk, database, 10)
    changed: list[bool] = []
    lock.operator_changed.connect(lambda: changed.append(True))
    desk.lock_action.trigger()  # File > Lock screen, Ctrl+L
    dialog = lock.dialog
    assert dialog is not None and desk.lock_action.shortcut().toString() == "Ctrl+L"
    dialog.reject()  # Esc
    dialog.password.setText("wrong")
    dialog.submit()
    assert lock.locked and dialog.error.text() == "Wrong name or password."
    failures = database.read(
        lambda s: s.scalar(select(Operator.failed_attempts).where(Operator.username == "tester"))
    )
    assert failures == 1
    dialog.password.setText(PASSWORD)
    dialog.submit()
    assert not lock.locked and desk.centralWidget().isVisible() and changed == []
    assert (database.operator, database.role) == ("tester", "admin")


def test_someone_else_signs_in_and_gets_a_window_for_their_role(
    desk: MainWindow, database: Database
) -> None:
    built: list[MainWindow] = []

    def make() -> MainWindow:
        built.append(MainWindow(desk.context, database.describe()))
        return built[-1]

    first = make()  # not the fixture's window: this one is destroyed when replaced
    first.show()
    lock = idle_lock.install(first, database, make, minutes=5)
    try:
        assert first.pages["privacy"].available
        lock.lock()
        assert lock.dialog is not None
        lock.dialog.switch_button.click()
        assert lock.dialog.name.text() == "" and not lock.dialog.name.isReadOnly()
        lock.dialog.name.setText("giulia")
        lock.dialog.password.setText("giulia-password")
        lock.dialog.submit()
        assert (database.operator, database.role) == ("giulia", "reception")
        new = built[-1]
        assert len(built) == 2 and lock.window is new and new.isVisible()
        assert not new.pages["privacy"].available
        assert "giulia (reception)" in new.operator_label.text()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(first)
        desk.context.language.apply("it")  # the old window's pages are gone: nothing breaks
        assert new.view_menu.title() != "&View"  # retranslated to Italian
    finally:
        lock.stop()
        for window in built[1:]:
            window.close()
            window.deleteLater()


def test_lock_minutes_preference(home) -> None:  # type: ignore[no-untyped-def]
    assert preferences.lock_minutes() == 10
    preferences.set_lock_minutes(3)
    assert preferences.lock_minutes() == 3
    with pytest.raises(ValueError, match="between 1 and 120 minutes"):
        preferences.set_lock_minutes(0)
    preferences.save(lock_minutes="soon")
    assert preferences.lock_minutes() == 10

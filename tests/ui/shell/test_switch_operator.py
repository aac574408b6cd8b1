"""'Sign in as someone else' at the locked screen gives a working window: the new operator
lands on a page their role may use, with its data loaded, and the old window is gone for
good (a later background error is shown once, by the new window)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from familydesk import frontdesk
from familydesk.db.database import Database
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.kernel import clock
from familydesk.kernel.errors import FamilyDeskError
from familydesk.trust import operators
from familydesk.ui.shell import idle_lock, main_window
from familydesk.ui.shell.idle_lock import IdleLock
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext


@pytest.fixture
def desk(context: PageContext, database: Database) -> Iterator[tuple[IdleLock, list[MainWindow]]]:
    """The reception operator's window at the front desk, with the idle lock installed."""
    database.write(operators.add_operator, "admin2", "admin", "admin2-password")
    database.write(operators.add_operator, "giulia", "reception", "giulia-password")
    database.write(operators.add_operator, "elena", "educator", "elena-password")
    operators.sign_in(database, "giulia", "giulia-password")
    built: list[MainWindow] = []

    def make() -> MainWindow:
        built.append(MainWindow(context, database.describe()))
        return built[-1]

    first = make()
    first.restore_state(QSettings())
    first.show_page("frontdesk")
    first.show()
    lock = idle_lock.install(first, database, make, minutes=5)
    yield lock, built
    lock.stop()
    for window in built:
        if shiboken6.isValid(window):
            window.close_without_asking()
            window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def switch(lock: IdleLock, name: str, password: str) -> MainWindow:
    lock.lock()
    assert lock.dialog is not None
    lock.dialog.switch_button.click()
    lock.dialog.name.setText(name)
    lock.dialog.password.setText(password)
    lock.dialog.submit()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old window goes
    window = lock.window
    assert isinstance(window, MainWindow)
    return window


def test_the_educator_lands_on_a_page_of_their_role_not_on_a_blank_front_desk(desk) -> None:  # type: ignore[no-untyped-def]
    lock, built = desk
    assert built[0].current_page() is built[0].pages["frontdesk"]
    window = switch(lock, "elena", "elena-password")
    assert window is built[-1] and window.isVisible()
    page = window.current_page()
    assert page.available and page is window.pages["families"]
    assert window.nav.currentRow() == 1 and window.stack.currentWidget() is page
    assert not window.pages["frontdesk"].available


def test_the_admins_queue_is_loaded_without_pressing_f5(
    desk,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    lock, built = desk
    database.write(
        frontdesk.record_contact,
        ContactInput(
            channel="in_person",
            contact_date=clock.today(),
            anon_sex="F",
            anon_birth_year=1990,
            requests=(RequestInput("housing"),),
        ),
    )
    real, readers = frontdesk.today_queue, []

    def today_queue(session, day=None):  # type: ignore[no-untyped-def]
        readers.append(database.operator)
        return real(session, day or clock.today())

    monkeypatch.setattr(frontdesk, "today_queue", today_queue)
    window = switch(lock, "admin2", "admin2-password")
    assert readers == ["admin2"], "read once, for the operator who signed in"
    page = window.current_page()
    assert page is window.pages["frontdesk"], "the page the desk was on, the admin may use it"
    assert page.queue.counts.text() == "Waiting: 1 · Being served: 0 · Done today: 0"


def test_a_later_background_error_is_shown_once_by_the_new_window(
    desk,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    lock, built = desk
    window = switch(lock, "admin2", "admin2-password")
    assert not shiboken6.isValid(built[0])
    shown: list[QWidget] = []
    monkeypatch.setattr(main_window, "show_error", lambda parent, exc: shown.append(parent))
    window.context.runner.error.emit(FamilyDeskError("The server went away."))
    assert shown == [window]

"""Lock the screen after a time without keyboard or mouse (and on Ctrl+L).

:class:`IdleLock` watches the whole application through an event filter.
When the operator has been away for the chosen minutes
(``preferences.lock_minutes``), every window's content is hidden and a
:class:`~familydesk.ui.shell.sign_in.LockDialog` asks for the operator's password,
or lets someone else sign in. A different operator gets a new main window
built for their role (``operator_changed``; :func:`install` does the rebuild).

The clock is injectable and :meth:`IdleLock.check_idle` takes the time, so
tests need no waiting; in the application a timer calls it every few seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from familydesk.db.database import Database
from familydesk.i18n import _
from familydesk.ui.shell.sign_in import LockDialog

#: Events that show someone is at the keyboard.
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
#: How often the application looks at the idle time (milliseconds).
CHECK_INTERVAL_MS = 15_000


class IdleLock(QObject):
    """Locks ``window`` after ``minutes`` without activity; ``clock()`` returns seconds.

    Signals: ``locked_changed(bool)``; ``operator_changed()`` after someone
    else signed in at the locked screen.
    """

    locked_changed = Signal(bool)
    operator_changed = Signal()

    def __init__(
        self,
        window: QMainWindow,
        database: Database,
        minutes: int,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.minutes = minutes
        self.clock = clock
        self.last_activity = clock()
        self.dialog: LockDialog | None = None
        self._hidden: list[QWidget] = []
        self.window: QMainWindow = window
        self.attach(window)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.check_idle())

    def attach(self, window: QMainWindow) -> None:
        """Watch ``window`` (a rebuilt one replaces the old); its ``lock_requested`` locks at
        once."""
        self.window = window
        signal = getattr(window, "lock_requested", None)
        if signal is not None:
            signal.connect(self.lock)

    def start(self) -> None:
        """Watch every event of the application and check the idle time periodically."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY:
            self.last_activity = self.clock()
        return False

    def check_idle(self, now: float | None = None) -> bool:
        """Lock if the operator has been away long enough; True when the screen is locked."""
        now = self.clock() if now is None else now
        if not self.locked and self.minutes > 0 and now - self.last_activity >= self.minutes * 60:
            self.lock()
        return self.locked

    def lock(self) -> None:
        """Hide every window's content and ask for a password (does nothing if already locked)."""
        if self.locked:
            return
        self._hidden = [self.window.centralWidget()] + [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget.isVisible()
            and widget is not self.window
            and not widget.isHidden()
            and widget.isWindow()
            and not isinstance(widget, LockDialog)
        ]
        for widget in self._hidden:
            widget.hide()
        self.dialog = LockDialog(self.database, self.window)
        self.dialog.before_switch = self._may_switch
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.show()
        self.locked_changed.emit(True)

    def _may_switch(self) -> bool:
        """Before someone else signs in: save, discard or keep what is not saved (the
        window is rebuilt for the next operator, and what it holds would be lost)."""
        ask = getattr(self.window, "ask_unsaved", None)
        if ask is None:
            return True
        name = self.database.operator or ""
        return bool(
            ask(_("Sign in as someone else (the work of {name})").format(name=name), self.dialog)
        )

    def _unlocked(self) -> None:
        assert self.dialog is not None
        changed = self.database.operator != self.dialog.locked_for
        self.dialog.deleteLater()
        self.dialog = None
        self.last_activity = self.clock()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.locked_changed.emit(False)
        if changed:
            self.operator_changed.emit()


def install(
    window: QMainWindow,
    database: Database,
    make_window: Callable[[], QMainWindow],
    minutes: int | None = None,
) -> IdleLock:
    """Lock ``window`` after ``minutes`` (default: the preference); when another operator
    signs in at the locked screen, ``make_window()`` builds the window for their role and
    it replaces the old one (same place and size)."""
    from familydesk.kernel import preferences

    minutes = preferences.lock_minutes() if minutes is None else minutes
    lock = IdleLock(window, database, minutes, parent=QApplication.instance())

    def rebuild() -> None:
        old = lock.window
        page = getattr(old, "current_key", lambda: "")()
        new = make_window()
        new.setGeometry(old.geometry())
        lock.attach(new)
        show_page = getattr(new, "show_page", None)
        if show_page is not None:  # the page the old one showed, if the role may use it:
            show_page(page)  # loaded now for the new operator (not an empty page until F5)
        new.show()
        getattr(old, "close_without_asking", old.close)()  # asked before the switch
        old.deleteLater()

    lock.operator_changed.connect(rebuild)
    lock.start()
    return lock

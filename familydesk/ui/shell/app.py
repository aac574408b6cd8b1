"""Start the GUI: QApplication, languages, style, database, main window."""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from familydesk import APP_NAME, __version__, i18n
from familydesk.admin import backups
from familydesk.db.database import Database
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.kernel.paths import data_dir, demo_database_path, resources_dir
from familydesk.trust.acting import DEMO_DATA, as_system
from familydesk.trust.opening import open_database
from familydesk.trust.operators import count_operators
from familydesk.ui.shell import in_use
from familydesk.ui.shell import probe as shell_probe
from familydesk.ui.shell.errors import install_excepthook, show_bug_dialog
from familydesk.ui.shell.language import LanguageManager
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.shell.runner import Runner
from familydesk.ui.shell.sign_in import sign_in_at_start
from familydesk.ui.shell.unlock import unlock_at_start
from familydesk.ui.widgets.page import PageContext

log = logging.getLogger(__name__)

T = TypeVar("T")
SMOKE_TIMEOUT_MS = 60_000
DEMO_FAMILIES = 300


def _has_screen() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def configure_settings_storage() -> None:
    """Window state in QSettings; under FAMILYDESK_HOME it stays inside that folder."""
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    if os.environ.get("FAMILYDESK_HOME"):
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data_dir()))


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to the operator's terminal."""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    qInstallMessageHandler(_qt_message)
    from familydesk.ui.shell import wheel_guard

    wheel_guard.install(app)  # the wheel scrolls pages, never an unfocused combo's value
    configure_settings_storage()
    QGuiApplication.setDesktopFileName("familydesk")
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def open_for_window(location: str | None, site_code: str | None, demo: bool) -> Database:
    """The database the window works on (``familydesk.trust.opening``), nobody signed in
    yet; with ``demo`` the demo database, filled by the system the first time."""
    if demo and location is None:
        location = str(demo_database_path())
    database = open_database(location, site_code=site_code)
    if demo:
        from familydesk.demo import fill_demo

        if database.read(count_operators) == 0:  # filled once: the demo made its operators
            with as_system(DEMO_DATA):
                database.write(fill_demo, families=DEMO_FAMILIES, seed=1)
    return database


def _while_waiting(work: Callable[[], T]) -> T:
    """Run start-up work (migration, backup, demo data) off the GUI thread.

    The window does not exist yet; a small progress dialog appears if the
    work takes more than half a second, and events keep flowing meanwhile.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="open") as pool:
        future = pool.submit(work)
        dialog = QProgressDialog(_("Opening the database…"), "", 0, 0)
        dialog.setCancelButton(None)
        dialog.setWindowTitle(APP_NAME)
        dialog.setMinimumDuration(500)
        try:
            while True:
                try:
                    return future.result(timeout=0.03)
                except FutureTimeout:
                    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 30)
        finally:
            dialog.close()
            dialog.deleteLater()


def run_gui(
    location: str | None = None,
    site_code: str | None = None,
    smoke: bool = False,
    demo: bool = False,
    started: float | None = None,
) -> int:
    """Open the main window; with ``smoke``, exit once the first page has its data."""
    started = time.perf_counter() if started is None else started
    if smoke and not _has_screen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not _has_screen():
        print(_("familydesk: no screen is available (DISPLAY is not set)."), file=sys.stderr)
        return 1
    app = create_application()
    install_excepthook()
    language = LanguageManager(app)
    language.apply(i18n.current_language())
    try:
        if not unlock_at_start(location, demo, smoke):  # an encrypted file: passphrase first
            return 0
        database = _while_waiting(lambda: open_for_window(location, site_code, demo))
    except FamilyDeskError as exc:
        if smoke:
            raise
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 1
    except Exception:
        if smoke:
            raise
        details = traceback.format_exc()
        log.error("Cannot open the database:\n%s", details)
        show_bug_dialog(None, details)
        return 70
    try:
        signed_in = sign_in_at_start(database, smoke)
    except FamilyDeskError as exc:
        database.dispose()
        if smoke:
            raise
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 1
    if not signed_in:
        database.dispose()
        return 0
    marker = in_use.claim_and_warn(database, ask=not smoke, owner=app)  # another window?
    runner = Runner(database, app)
    window = MainWindow(PageContext(runner=runner, language=language), database.describe())
    result = {"code": 0, "done": 0}
    if smoke:
        _arm_smoke(window, started, result)
    window.restore_state(QSettings())
    window.show()
    shell_probe.install(window)  # test-only: off unless FAMILYDESK_GEOMETRY_DUMP is set
    if not smoke:
        from familydesk.ui.shell import idle_lock

        context = window.context  # the first window goes when another operator signs in
        idle_lock.install(window, database, lambda: MainWindow(context, database.describe()))
    if not smoke and backups.daily_due():
        runner.call(
            backups.make_backup,
            database,
            "daily",
            on_done=lambda _path: window.refresh_backup_status(),
            owner=window,
        )
    code = app.exec()
    runner.shutdown()
    runner.wait()
    if marker is not None:
        marker.release()
    if not smoke:
        _backup_on_close(database)
    database.dispose()
    return result["code"] or code


def _backup_on_close(database: Database) -> None:
    """A verified copy every time the program closes (errors are logged, never fatal)."""
    try:
        backups.make_backup(database, "close")
    except FamilyDeskError as exc:
        log.error("Backup on close failed: %s", exc.message)


def _arm_smoke(window: MainWindow, started: float, result: dict[str, int]) -> None:
    def done() -> None:
        if result.get("done"):
            return
        result["done"] = 1
        elapsed = (time.perf_counter() - started) * 1000
        print(_("Smoke test passed: first page loaded in {ms} ms").format(ms=round(elapsed)))
        sys.stdout.flush()
        window.close()
        QApplication.quit()

    def timeout() -> None:
        if result.get("done"):
            return
        print(_("Smoke test failed: the first page did not load in time."), file=sys.stderr)
        result["code"] = 1
        window.close()
        QApplication.quit()

    window.page_ready.connect(done)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, timeout)

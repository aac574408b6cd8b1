"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

import getpass
import importlib
import linecache

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from familydesk import APP_NAME, __version__
from familydesk.admin import backups
from familydesk.i18n import _
from familydesk.kernel.paths import resources_dir
from familydesk.trust.operators import ROLES
from familydesk.ui.shell import unsaved
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.navigation import KEYS, NAVIGATION, NavEntry, Pages
from familydesk.ui.shell.shortcuts import button_keys, plain
from familydesk.ui.widgets.elided import ElidedLabel
from familydesk.ui.widgets.page import Page, PageContext


def icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


#: Room the window manager's frame takes beside the window (borders), in pixels.
FRAME_ALLOWANCE = 16
#: And above and below it (title bar, borders).
TITLE_BAR_ALLOWANCE = 48
NAVIGATION_WIDTH = 216
#: The page a window opens on when it has no other (every role may use it).
HOME_PAGE = "families"
#: The smallest screen the desk is made for (an office laptop).
SMALLEST_SCREEN = QSize(1366, 768)


class PageStack(QStackedWidget):
    """The pages; whatever a page asks for, the window stays as wide as the screen at most.

    Pages are built to fit :data:`SMALLEST_SCREEN` (labels with user text elide, see
    ``ui.elided``); this is the safety net for what still asks for more: the page is
    squeezed, the window does not grow past the screen's edge. ``beside`` is the width
    of what sits beside the pages (the navigation).
    """

    def __init__(self, beside: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.beside = beside

    def widest(self) -> int:
        """The most a page may ask for: the screen (at least :data:`SMALLEST_SCREEN`)."""
        screen = self.screen()
        width = screen.availableGeometry().width() if screen is not None else 0
        return max(width, SMALLEST_SCREEN.width()) - FRAME_ALLOWANCE - self.beside

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.widest()), hint.height())


class MainWindow(QMainWindow):
    #: File > Lock screen (Ctrl+L): the idle lock (``ui.idle_lock``) locks at once.
    lock_requested = Signal()
    #: A page shows its data (``Page.ready``), whichever page it is: ``--smoke`` waits for it.
    page_ready = Signal()

    def __init__(self, context: PageContext, location: str) -> None:
        super().__init__()
        self.context = context
        self.location = location
        self.pages = Pages(self._make_page)
        self.setWindowIcon(icon("app"))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(NAVIGATION_WIDTH)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = PageStack(beside=NAVIGATION_WIDTH)
        for entry in NAVIGATION:
            item = QListWidgetItem(icon(entry.icon), "")
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            if not self.available(entry.key):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.nav.addItem(item)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)

        self.location_label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)  # a long path
        self.operator_label = QLabel()
        self.busy_label = QLabel()
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backupLabel")
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.statusBar().addPermanentWidget(self.operator_label)
        # Bound methods, not lambdas: Qt drops them with the window. A window replaced at
        # the locked screen must not show the next background error a second time.
        context.runner.busy_changed.connect(self._busy)
        context.runner.error.connect(self._show_error)
        self._asked_before_closing = False

        self._build_actions()
        context.language.changed.connect(self._language_changed)  # dropped when destroyed
        self.retranslate_ui()
        self.resize(self.default_size())

    def default_size(self, room: QSize | None = None) -> QSize:
        """The screen's width up to 1366 px (on a 1366 px screen every list has the room it
        was laid out for: 1180 px cut the families' Segnali) and 760 px high, or less on a
        smaller screen (``room``: the screen's available size): the window, its title bar
        and the status bar all on it (760 px and openbox's title bar do not fit 768)."""
        screen = self.screen()
        if room is None:
            room = screen.availableGeometry().size() if screen is not None else SMALLEST_SCREEN
        width = max(room.width(), SMALLEST_SCREEN.width()) - FRAME_ALLOWANCE
        height = max(room.height(), SMALLEST_SCREEN.height()) - TITLE_BAR_ALLOWANCE
        return QSize(min(SMALLEST_SCREEN.width() - FRAME_ALLOWANCE, width), min(760, height))

    def available(self, key: str) -> bool:
        """Whether the operator may use page ``key`` (its ``needs``), without building it."""
        entry = NAVIGATION[KEYS.index(key)]
        return bool(entry.page) and (
            not entry.needs or any(self.context.may(need) for need in entry.needs)
        )

    def _make_page(self, entry: NavEntry) -> Page:
        """Build the page of ``entry`` (importing its module) and put it in the stack."""
        if entry.page:
            module, name = entry.page.split(":")
            # Made inside the stack: a page built as a window of its own and then moved
            # in would take the activation (and the keyboard focus) from the main window.
            page: Page = getattr(importlib.import_module(module), name)(self.context, self.stack)
        else:
            from familydesk.ui.widgets.placeholder import PlaceholderPage

            page = PlaceholderPage(
                self.context, lambda: _(entry.title), lambda: _(entry.description), self.stack
            )
        page.ready.connect(self.page_ready)
        # PySide6 reads the source of every module imported after it into ``linecache``
        # (~35 MiB of lines once every page is built): let it go once a page's modules are
        # in, its memory serving the lists' rows; a traceback reads its lines again.
        linecache.clearcache()
        self.stack.addWidget(page)
        return page

    def _build_actions(self) -> None:
        self.page_actions: list[QAction] = []
        for number, entry in enumerate(NAVIGATION, start=1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=entry.key: self.show_page(key))
            action.setEnabled(self.available(entry.key))
            self.page_actions.append(action)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: self.current_page().focus_search())
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(lambda: self.current_page().load_again())
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.request_lock)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)

        menu = self.menuBar()
        self.file_menu = menu.addMenu("")
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = menu.addMenu("")
        for action in self.page_actions:
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.find_action)
        self.view_menu.addAction(self.refresh_action)
        self.help_menu = menu.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    # -- texts -------------------------------------------------------------
    def _language_changed(self, _code: str) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("{app} - {centre_desk}").format(app=APP_NAME, centre_desk=_("Family centre desk"))
        )
        for row, entry in enumerate(NAVIGATION):
            item = self.nav.item(row)
            item.setText(_(entry.title))
            unavailable = not self.available(entry.key)
            item.setToolTip(self.pages[entry.key].unavailable_reason() if unavailable else "")
            self.page_actions[row].setText(_(entry.title))
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.find_action.setText(_("Search on this page"))
        self.refresh_action.setText(_("Reload this page"))
        self.lock_action.setText(_("&Lock screen"))
        self.quit_action.setText(_("&Quit"))
        self.shortcuts_action.setText(_("Keyboard shortcuts"))
        self.about_action.setText(_("About FamilyDesk"))
        self.location_label.setText(_("Database: {location}").format(location=self.location))
        database = self.context.runner.database
        self.operator_label.setText(
            _("Operator: {name} ({role})").format(
                name=database.operator, role=_(ROLES.get(database.role or "", ""))
            )
            if database.role
            else _("Operator: {name}").format(name=database.operator or getpass.getuser())
        )
        self._busy(self.context.runner.pending > 0)
        self.refresh_backup_status()

    def refresh_backup_status(self) -> None:
        """Last good backup in the status bar; a warning when it is older than 7 days."""
        last = backups.last_good()
        stale = backups.is_stale()
        text = _("Last backup: {age}").format(age=backups.describe_age(last))
        if stale:
            text = _("⚠ No backup in the last 7 days (last: {age})").format(
                age=backups.describe_age(last)
            )
        self.backup_label.setText(text)
        self.backup_label.setProperty("warning", stale)
        self.backup_label.setStyleSheet("color: #b3261e; font-weight: 600;" if stale else "")

    # -- navigation --------------------------------------------------------
    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def show_page(self, key: str) -> Page:
        """Go to page ``key``, or to the first page the operator's role may use."""
        if key not in KEYS or not self.available(key):
            key = self.first_page()
        page = self.pages[key]  # created on its first showing
        row = KEYS.index(key)
        if self.nav.currentRow() == row:
            self._show_row(row)  # already current (a new window's first row): show it anyway
        else:
            self.nav.setCurrentRow(row)
        return page

    def first_page(self) -> str:
        """Where a window opens when its page is not for the operator: the families,
        else the first page in the navigation the role may use."""
        if self.available(HOME_PAGE):
            return HOME_PAGE
        return next(key for key in KEYS if self.available(key))

    def current_key(self) -> str:
        row = self.nav.currentRow()
        return NAVIGATION[row].key if row >= 0 else self.first_page()

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page = self.pages[KEYS[row]]
        self.stack.setCurrentWidget(page)
        page.activate()

    def _show_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _busy(self, busy: bool) -> None:
        self.busy_label.setText(_("Loading…") if busy else "")

    # -- dialogs -----------------------------------------------------------
    def shortcuts_text(self) -> str:
        """The window's keys, then the keys each page's buttons show in their text
        ("Call next (F6)"), under the page's name. Mnemonic "&" are left out."""
        lines = [
            f"{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t{plain(action.text())}"
            for action in [
                *self.page_actions,
                self.find_action,
                self.refresh_action,
                self.shortcuts_action,
                self.lock_action,
                self.quit_action,
            ]
            if action.isEnabled()
        ]
        for row, entry in enumerate(NAVIGATION):
            if not self.page_actions[row].isEnabled():
                continue
            keys = button_keys(self.pages[entry.key])  # builds the pages not shown yet
            if keys:
                lines.append("")
                lines.append(plain(_(entry.title)))
                lines.extend(f"{key}\t{text}" for key, text in keys)
        return "\n".join(lines)

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, _("Keyboard shortcuts"), self.shortcuts_text())

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About FamilyDesk"),
            _("{app} {version}\nThe front desk of the family centre.\nDatabase: {location}").format(
                app=APP_NAME, version=__version__, location=self.location
            ),
        )

    # -- window state ------------------------------------------------------
    def restore_state(self, settings: QSettings) -> None:
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.show_page(str(settings.value("window/page", HOME_PAGE)))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/page", self.current_key())

    # -- nothing lost on closing, locking or switching operator ------------
    def ask_unsaved(self, doing: str, parent: QWidget | None = None) -> bool:
        """Save, discard or cancel what is not saved (``ui.unsaved``); True: go on."""
        return unsaved.ask_before(self, self.context.runner, doing, parent)

    def request_lock(self) -> None:
        """File > Lock screen (Ctrl+L): after asking about what is not saved."""
        if self.ask_unsaved(_("Lock the screen")):
            self.lock_requested.emit()

    def close_without_asking(self) -> None:
        """Close when the question was already asked (another operator signed in)."""
        self._asked_before_closing = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        asked, self._asked_before_closing = self._asked_before_closing, False
        if not asked and not self.ask_unsaved(_("Quit FamilyDesk")):
            event.ignore()
            return
        self.save_state(QSettings())
        self.context.runner.wait(10_000)
        super().closeEvent(event)

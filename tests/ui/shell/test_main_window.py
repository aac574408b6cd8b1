"""The shell: navigation, shortcuts, status bar, language switch, window state."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.demo import fill_demo
from familydesk.ui.shell.main_window import NAVIGATION, MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.ui.conftest import activate


def _nav_texts(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_navigation_lists_every_capability_and_greys_out_unbuilt_ones(window: MainWindow) -> None:
    assert _nav_texts(window) == [
        "Front desk",
        "Families",
        "Appointments",
        "Groups",
        "Family card",
        "Reports",
        "Privacy and audit",
        "Settings",
        "Services",
    ]
    enabled = {
        NAVIGATION[i].key
        for i in range(window.nav.count())
        if window.nav.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
    }
    assert enabled == {
        "frontdesk",
        "families",
        "appointments",
        "groups",
        "cards",
        "privacy",
        "settings",
        "directory",
    }
    assert window.nav.item(5).toolTip() == "Reports: coming soon"


def test_first_page_shows_the_families(window: MainWindow, database: Database) -> None:
    database.write(fill_demo, families=12, seed=5)
    window.restore_state(QSettings())
    page = window.current_page()
    assert page is window.pages["families"]
    assert page.model.rowCount() == 12
    assert page.count.text() == "12 families"


def test_shortcuts_switch_pages_and_skip_unbuilt_ones(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    window.restore_state(QSettings())
    activate(window)
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["settings"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["families"]
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["groups"]
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["cards"]
    # Reports (Ctrl+6) is not built yet: the shortcut leaves the page as it is.
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["cards"]
    assert "Ctrl+8\tSettings" in window.shortcuts_text()
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)


def test_ctrl_f_puts_the_cursor_in_the_search_field(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    window.restore_state(QSettings())
    activate(window)
    window.find_action.trigger()
    assert window.pages["families"].search.hasFocus()


def test_status_bar_shows_database_and_operator(window: MainWindow, database: Database) -> None:
    assert database.describe() in window.location_label.text()
    assert window.operator_label.text().startswith("Operator:")


def test_language_switch_retranslates_open_widgets(
    window: MainWindow, context: PageContext
) -> None:
    context.language.apply("it")
    assert _nav_texts(window)[:2] == ["Sportello", "Famiglie"]
    assert window.pages["families"].heading.text() == "Famiglie"
    assert window.pages["families"].model.headerData(0, Qt.Orientation.Horizontal) == "Famiglia"
    assert window.pages["families"].detail.buttons["edit"].text() == "Modifica famiglia"
    assert window.file_menu.title() == "&File"
    assert window.help_menu.title() == "&Aiuto"
    context.language.apply("en")
    assert _nav_texts(window)[1] == "Families"


def test_window_state_is_kept_between_sessions(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    first = MainWindow(context, database.describe())
    qtbot.addWidget(first)
    first.show()
    first.resize(1100, 650)  # above any page's minimum (Settings on PostgreSQL is 509 px high)
    first.show_page("settings")
    saved = first.size()
    first.close()
    second = MainWindow(context, database.describe())
    qtbot.addWidget(second)
    second.restore_state(QSettings())
    assert second.current_page() is second.pages["settings"]
    assert saved.height() == 650 and second.size().height() == 650


def test_unknown_saved_page_falls_back_to_families(window: MainWindow) -> None:
    settings = QSettings()
    settings.setValue("window/page", "nonexistent")
    window.restore_state(settings)
    assert window.current_page() is window.pages["families"]


def test_families_can_be_narrowed_to_a_member_comune(
    window: MainWindow, database: Database
) -> None:
    database.write(fill_demo, families=40, seed=2)
    window.restore_state(QSettings())
    page = window.pages["families"]
    choices = [page.comune.itemText(i) for i in range(page.comune.count())]
    assert choices[:3] == ["All comuni", "Suzzara", "Gonzaga"]
    page.comune.setCurrentIndex(page.comune.findData("Gonzaga"))
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and {r.comune for r in rows} == {"Gonzaga"}
    assert page.model.total < 40
    page.comune.setCurrentIndex(0)
    assert page.model.total == 40


def test_qt_standard_buttons_speak_italian(context: PageContext) -> None:
    from PySide6.QtCore import QCoreApplication

    context.language.apply("it")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annulla"
    context.language.apply("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_shortcut_list_has_no_ampersands_and_lists_the_front_desk_keys(window: MainWindow) -> None:
    text = window.shortcuts_text()
    assert "&" not in text
    assert "Lock screen" in text
    for key in ("F6", "F7", "F8", "F9", "F10"):
        assert f"\n{key}\t" in text, key
    assert "F6\tCall next\n" in text


def _available_pages(window: MainWindow) -> set[str]:
    return {key for key in window.pages.created if window.available(key)}


def test_only_the_first_page_is_built_and_the_next_on_its_first_showing(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    database.role = "reception"
    window = MainWindow(context, database.describe())
    qtbot.addWidget(window)
    assert _available_pages(window) == set()  # only greyed-out shells, for their tooltip
    window.restore_state(QSettings())
    assert _available_pages(window) == {"families"}
    assert window.stack.currentWidget() is window.pages.created["families"]
    frontdesk = window.show_page("frontdesk")
    assert _available_pages(window) == {"families", "frontdesk"}
    assert window.current_page() is frontdesk
    assert window.show_page("frontdesk") is frontdesk  # built once


def test_the_navigation_knows_who_may_use_a_page_as_the_page_does(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    from familydesk.trust.operators import ROLES

    for role in ROLES:
        database.role = role
        window = MainWindow(context, database.describe())
        qtbot.addWidget(window)
        for entry in NAVIGATION:
            assert window.available(entry.key) == window.pages[entry.key].available, (role, entry)

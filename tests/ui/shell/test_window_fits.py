"""The main window fits a 1366×768 screen whatever the data: long texts elide (whole in the
tooltip) instead of widening the window."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from familydesk import registry
from familydesk.db.database import Database
from familydesk.kernel.paths import resources_dir
from familydesk.ui.families.page import FamiliesPage
from familydesk.ui.shell.main_window import NAVIGATION_WIDTH, MainWindow
from familydesk.ui.widgets.elided import ZWSP, ElidedLabel, breakable
from familydesk.ui.widgets.page import PageContext
from tests.groups.group_data import GroupWorld
from tests.ui.conftest import open_page
from tests.ui.groups import test_attendance as attendance

world, group = attendance.world, attendance.group  # the fixtures: a group, three sessions held

SCREEN_WIDTH = 1366
LONG = "Z" * 5000


@pytest.fixture
def styled(qapp):  # type: ignore[no-untyped-def]
    """The application's own stylesheet (fonts and paddings as the operator sees them)."""
    before = qapp.styleSheet()
    qapp.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    yield qapp
    qapp.setStyleSheet(before)


def beyond_the_right_edge(window: QWidget) -> list[str]:
    """Visible widgets whose right edge is past the window's (their class and name)."""
    out = []
    for child in window.findChildren(QWidget):
        if not child.isVisible() or child.isWindow():
            continue
        right = child.mapTo(window, QPoint(child.width(), 0)).x()
        if right > window.width() + 1:
            out.append(f"{type(child).__name__}#{child.objectName()} ends at {right}")
    return out


def test_a_long_family_name_and_an_unsaved_mark_keep_the_window_on_the_screen(
    window: MainWindow,
    context: PageContext,
    database: Database,
    world: GroupWorld,
    group: int,
    qtbot: QtBot,
    styled,  # type: ignore[no-untyped-def]
) -> None:
    context.language.apply("it")  # the longer texts
    groups = open_page(window, "groups")
    groups.tabs.setCurrentWidget(groups.attendance)
    groups.attendance.view.setFocus()
    qtbot.keyClick(groups.attendance.view, Qt.Key.Key_P)  # one mark, not saved
    assert groups.attendance.status.text() == "1 segno non salvato"
    QApplication.processEvents()
    status = groups.attendance.status  # on a line of its own, whole (it was squeezed out)
    assert status.isVisible() and not status.is_elided()
    # The session headers show their date and the '*' of marks not saved whole (52 px cut
    # "23/02*" at a real display): Qt's own size for each header's contents fits.
    header = groups.attendance.view.horizontalHeader()
    assert all(
        header.sectionSizeFromContents(c).width() <= header.sectionSize(c)
        for c in range(header.count())
    ), [header.sectionSize(c) for c in range(header.count())]
    # The page itself fits beside the navigation: not only the window's safety net.
    assert groups.minimumSizeHint().width() + NAVIGATION_WIDTH <= SCREEN_WIDTH

    families = window.show_page("families")
    assert isinstance(families, FamiliesPage)
    detail = families.detail
    family = database.read(registry.get_family, world.families[0][0])
    member = replace(family.members[0], last_name=LONG[:3000])
    detail.show_family(replace(family, name=LONG, members=[member, *family.members[1:]]))
    QApplication.processEvents()
    assert families.minimumSizeHint().width() + NAVIGATION_WIDTH <= SCREEN_WIDTH
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH
    assert detail.title.text() == LONG and LONG in detail.title.toolTip().replace(ZWSP, "")

    window.resize(SCREEN_WIDTH - 16, 740)
    QApplication.processEvents()
    assert window.width() <= SCREEN_WIDTH
    assert beyond_the_right_edge(window) == []
    window.show_page("groups")
    QApplication.processEvents()
    assert window.width() <= SCREEN_WIDTH and beyond_the_right_edge(window) == []
    groups.attendance.discard_changes()  # closing the window would ask about the mark


def test_an_elided_label_shows_what_fits_and_the_whole_text_in_its_tooltip(
    qtbot: QtBot,
) -> None:
    label = ElidedLabel("Biblioteca Comunale di San Benedetto Po, sala ragazzi")
    label.setToolTip("Partner")
    qtbot.addWidget(label)
    label.resize(2000, 30)
    label.show()
    assert not label.is_elided() and label.toolTip() == "Partner"
    label.resize(120, 30)
    assert label.is_elided() and QLabel.text(label).endswith("…")
    assert "San Benedetto Po" in label.toolTip() and "Partner" in label.toolTip()
    assert label.text() == "Biblioteca Comunale di San Benedetto Po, sala ragazzi"
    assert label.minimumSizeHint().width() < 120


def test_breakable_lets_a_wrapped_label_break_a_very_long_word() -> None:
    assert breakable("Rossi Bianchi") == "Rossi Bianchi"
    broken = breakable("Z" * 70 + " end")
    assert broken.replace(ZWSP, "") == "Z" * 70 + " end"
    assert max(len(part) for part in broken.split(ZWSP)) <= 30


def test_the_window_opens_with_its_title_bar_and_status_bar_on_a_768_px_screen(
    window: MainWindow,
) -> None:
    size = window.default_size(QSize(SCREEN_WIDTH, 768))
    assert size.width() <= SCREEN_WIDTH - 16 and size.height() <= 768 - 40
    assert window.default_size(QSize(1920, 1080)) == QSize(1350, 760)
    assert window.default_size(QSize(1366, 768)).width() == 1350  # the whole small screen

"""The attendance grid: a whole session marked from the keyboard, saved with Ctrl+S; a refused
save keeps the marks; walk-ins; the printouts of the session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.groups.attendance import attendance_grid, save_attendance
from familydesk.groups.enrolment import enrol
from familydesk.groups.planning import plan_sessions
from familydesk.groups.sessions import SessionRow, sessions_of
from familydesk.scheduling.calendar_rules import local_now, national_holidays
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.groups.group_data import (
    GroupWorld,
    add_sessions,
    build_world,
    new_group,
    tuesdays,
    weekly,
)
from tests.ui.conftest import open_page
from tests.ui.fit import styled  # noqa: F401 (a fixture)
from tests.ui.groups.test_page import groups_page

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def world(database: Database) -> GroupWorld:
    return build_world(database, families=4)


@pytest.fixture
def group(database: Database, world: GroupWorld) -> int:
    """Tuesdays 17:00 (Thursdays when today is a Tuesday: the tab opens on today's session):
    three held (the last three that were not public holidays) and the next one ahead; three
    mothers."""
    today = local_now().date()
    weekday = 3 if today.weekday() == 1 else 1
    first = today - timedelta(days=(today.weekday() - weekday) % 7)  # the last one, before today
    held_days = 0
    while True:
        if first not in national_holidays(first.year):
            held_days += 1
            if held_days == 3:
                break
        first -= timedelta(weeks=1)
    group_id = new_group(database, world, age_from=None, age_to=None, target="parents")
    database.write(plan_sessions, group_id, tuesdays(4, first_day=first))
    for family in world.families[:3]:
        database.write(enrol, group_id, [family[1]], first - timedelta(days=7))
    return group_id


def held(database: Database, group_id: int) -> list[SessionRow]:
    return [s for s in database.read(sessions_of, group_id) if s.held]


def attendance_page(context: PageContext, qtbot: QtBot):  # type: ignore[no-untyped-def]
    page = groups_page(context, qtbot)
    page.tabs.setCurrentWidget(page.attendance)
    page.attendance.view.setFocus()
    return page, page.attendance


def marks_of(database: Database, group_id: int, session_id: int) -> list[str | None]:
    grid = database.read(attendance_grid, group_id)
    return [grid.marks.get((p.id, session_id)) for p in grid.participants]


def test_a_whole_session_is_marked_from_the_keyboard_and_saved_with_ctrl_s(
    context: PageContext, database: Database, group: int, qtbot: QtBot
) -> None:
    page, tab = attendance_page(context, qtbot)
    latest = held(database, group)[-1]
    assert tab.model.rowCount() == 3
    column = tab.view.currentIndex().column()
    assert tab.model.sessions[column].id == latest.id and tab.view.currentIndex().row() == 0
    for key in (Qt.Key.Key_P, Qt.Key.Key_A, Qt.Key.Key_E):
        qtbot.keyClick(tab.view, key)
    assert [tab.model.index(r, column).data() for r in range(3)] == ["P*", "A*", "E*"]
    assert tab.status.text() == "3 marks not saved"
    qtbot.keyClick(tab.view, Qt.Key.Key_S, CTRL)
    assert marks_of(database, group, latest.id) == ["present", "absent", "excused"]
    assert [tab.model.index(r, column).data() for r in range(3)] == ["P", "A", "E"]
    assert tab.model.pending == {} and "Attendance saved." in tab.banner.text()
    assert page.overview.figures.texts()["Attendance rate"] == "33%"


def test_ctrl_shift_p_marks_the_empty_cells_present_then_one_is_corrected(
    context: PageContext, database: Database, group: int, qtbot: QtBot
) -> None:
    _page, tab = attendance_page(context, qtbot)
    latest = held(database, group)[-1]
    qtbot.keyClick(tab.view, Qt.Key.Key_P, CTRL | SHIFT)
    tab.view.setCurrentIndex(tab.model.index(1, tab.view.currentIndex().column()))
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)  # present -> absent
    qtbot.keyClick(tab.view, Qt.Key.Key_S, CTRL)
    assert marks_of(database, group, latest.id) == ["present", "absent", "present"]
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    qtbot.keyClick(tab.view, Qt.Key.Key_S, CTRL)
    assert marks_of(database, group, latest.id) == ["present", None, "present"]


def test_a_refused_save_keeps_the_marks_on_screen(
    context: PageContext, database: Database, group: int, qtbot: QtBot
) -> None:
    _page, tab = attendance_page(context, qtbot)
    latest = held(database, group)[-1]
    column = tab.view.currentIndex().column()
    for key in (Qt.Key.Key_A, Qt.Key.Key_A, Qt.Key.Key_P):
        qtbot.keyClick(tab.view, key)
    enrolment = database.read(attendance_grid, group).participants[2].id
    # Another educator saves the same session first: this one's version is old.
    database.write(save_attendance, latest.id, latest.version, {enrolment: "excused"})
    qtbot.keyClick(tab.view, Qt.Key.Key_S, CTRL)
    assert "Not saved: your marks are still on screen" in tab.banner.text()
    assert [tab.model.index(r, column).data() for r in range(3)] == ["A*", "A*", "P*"]
    assert marks_of(database, group, latest.id) == [None, None, "excused"]
    qtbot.keyClick(tab.view, Qt.Key.Key_S, CTRL)  # again, on the fresh version
    assert marks_of(database, group, latest.id) == ["absent", "absent", "present"]
    assert tab.model.pending == {}


def test_cells_of_sessions_not_held_cannot_be_marked(
    context: PageContext, database: Database, group: int, qtbot: QtBot
) -> None:
    _page, tab = attendance_page(context, qtbot)
    future = [n for n, s in enumerate(tab.model.sessions) if not s.held]
    assert future
    tab.view.setCurrentIndex(tab.model.index(0, future[0]))
    qtbot.keyClick(tab.view, Qt.Key.Key_P)
    assert tab.model.pending == {} and tab.view.currentIndex().row() == 0


def test_a_walk_in_is_signed_up_and_marked_present(
    context: PageContext, database: Database, world: GroupWorld, group: int, qtbot: QtBot
) -> None:
    _page, tab = attendance_page(context, qtbot)
    latest = held(database, group)[-1]
    dialog = tab.add_walk_in()
    assert dialog is not None
    qtbot.keyClicks(dialog.picker.search, "Madre4")
    dialog.picker.choose_row(0)
    dialog.save()
    assert not dialog.isVisible()
    grid = database.read(attendance_grid, group)
    walk_in = [p for p in grid.participants if p.person_id == world.families[3][1]]
    assert walk_in and walk_in[0].walk_in
    assert grid.marks[(walk_in[0].id, latest.id)] == "present"
    assert tab.model.rowCount() == 4


def test_the_signature_sheet_of_the_current_session_is_printed(
    context: PageContext, database: Database, group: int, qtbot: QtBot, opened_files: list[str]
) -> None:
    _page, tab = attendance_page(context, qtbot)
    number = tab.current_session().number
    tab.signatures_button.click()
    assert opened_files and opened_files[-1].endswith(f"group-signatures-{group}-{number}.pdf")


def test_certificates_of_those_who_completed_are_printed_in_one_file(
    context: PageContext,
    database: Database,
    group: int,
    qtbot: QtBot,
    opened_files: list[str],
    dialogs: list[str],
) -> None:
    _page, tab = attendance_page(context, qtbot)
    tab.certificates_button.click()
    # The fixture's group has not met enough yet: nobody completed, and the refusal says why.
    assert opened_files or dialogs or tab.banner.isVisible()


def test_an_educator_marks_a_session_in_italian_and_prints_its_papers(
    database: Database,
    group: int,
    qtbot: QtBot,
    opened_files: list[str],
    request: pytest.FixtureRequest,
) -> None:
    """The issue's "done": an educator opens the group, marks the session from the keyboard
    (Italian letters: G for giustificato), prints the signature sheet and the certificates."""
    database.role = "educator"
    context: PageContext = request.getfixturevalue("context")
    context.language.apply("it")
    _page, tab = attendance_page(context, qtbot)
    latest = held(database, group)[-1]
    for key in (Qt.Key.Key_P, Qt.Key.Key_G, Qt.Key.Key_A):
        qtbot.keyClick(tab.view, key)
    qtbot.keyClick(tab.view, Qt.Key.Key_S, CTRL)
    assert marks_of(database, group, latest.id) == ["present", "excused", "absent"]
    tab.signatures_button.click()
    assert opened_files[-1].endswith(f"group-signatures-{group}-{latest.number}.pdf")
    first = held(database, group)[0]
    for session in held(database, group)[:-1]:  # the first mother came to every session
        database.write(
            save_attendance,
            session.id,
            session.version,
            {database.read(attendance_grid, group).participants[0].id: "present"},
        )
    assert first.number == 1
    tab.certificates_button.click()
    assert opened_files[-1].endswith(f"group-certificates-{group}.pdf")


@pytest.mark.usefixtures("styled")
def test_the_grid_opens_scrolled_to_its_session(
    window: MainWindow, database: Database, world: GroupWorld, context: PageContext
) -> None:
    """Thirty weekly sessions, the fourteenth held yesterday: the grid, opened from another
    tab, shows that session's column in its middle (it kept the scroll it was given while
    hidden; at a real display the first sessions, that one off to the right)."""
    group_id = new_group(database, world, age_from=None, age_to=None, target="parents")
    first = local_now().date() - timedelta(weeks=13, days=1)
    add_sessions(database, group_id, weekly(first, 30))
    for family in world.families[:3]:
        database.write(enrol, group_id, [family[1]], first - timedelta(days=7))
    window.resize(1366, 720)
    page = open_page(window, "groups")
    window.resize(1366, 720)
    QApplication.processEvents()
    assert page.tabs.currentWidget() is not page.attendance
    page.tabs.setCurrentWidget(page.attendance)
    tab = page.attendance
    for _ in range(3):
        QApplication.processEvents()
    current = tab.view.currentIndex()
    assert tab.model.sessions[current.column()].number == 14
    cell = tab.view.visualRect(current)
    viewport = tab.view.viewport().rect()
    assert viewport.width() > 200
    assert cell.left() >= 0 and cell.right() <= viewport.right(), (cell, viewport)
    assert abs(cell.center().x() - viewport.center().x()) <= cell.width(), (cell, viewport)

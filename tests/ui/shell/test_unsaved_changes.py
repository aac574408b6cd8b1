"""Nothing typed is lost: quitting, locking (Ctrl+L) or switching operator with attendance
marks not saved, or a form with changes, asks save / discard / cancel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.groups.attendance import attendance_grid
from familydesk.trust import operators
from familydesk.ui.families.family_dialog import FamilyDialog
from familydesk.ui.shell import idle_lock
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.ui.conftest import open_page
from tests.ui.groups import test_attendance as attendance

world, group = attendance.world, attendance.group  # the fixtures: a group, three sessions held
Button = QMessageBox.StandardButton


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch, dialogs: list[str]):  # type: ignore[no-untyped-def]
    """``answer.button = Save`` (Discard, Cancel): how the operator answers the question;
    ``answer.asked`` lists the questions and ``answer.buttons`` their buttons' texts."""

    class Answer:
        button = Button.Cancel
        asked: list[str] = []
        buttons: list[list[str]] = []

    def exec_(box: QMessageBox) -> int:
        Answer.asked.append(f"{box.text()} {box.informativeText()}")
        Answer.buttons.append([b.text() for b in box.buttons()])
        return int(Answer.button if box.standardButtons() & Button.Save else Button.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    Answer.asked, Answer.buttons = [], []
    return Answer


def mark_three(window: MainWindow, qtbot: QtBot):  # type: ignore[no-untyped-def]
    page = open_page(window, "groups")
    page.tabs.setCurrentWidget(page.attendance)
    tab = page.attendance
    tab.view.setFocus()
    column = tab.view.currentIndex().column()
    for _n in range(3):
        qtbot.keyClick(tab.view, Qt.Key.Key_P)
    assert len(tab.model.pending) == 3
    return tab, tab.model.sessions[column].id


def marks(database: Database, group_id: int, session_id: int) -> list[str | None]:
    grid = database.read(attendance_grid, group_id)
    return [grid.marks.get((p.id, session_id)) for p in grid.participants]


def test_quitting_with_three_marks_not_saved_asks_and_save_writes_them(
    window: MainWindow,
    database: Database,
    group: int,
    qtbot: QtBot,
    answer,  # type: ignore[no-untyped-def]
) -> None:
    tab, session_id = mark_three(window, qtbot)
    answer.button = Button.Save
    window.quit_action.trigger()  # File > Quit (Ctrl+Q); the close button does the same
    assert len(answer.asked) == 1 and "Quit FamilyDesk" in answer.asked[0]
    assert "3 marks not saved" in answer.asked[0]
    assert sorted(answer.buttons[0]) == ["Cancel", "Discard", "Save"]
    assert marks(database, group, session_id) == ["present"] * 3
    assert not window.isVisible() and tab.model.pending == {}


def test_cancel_keeps_the_window_open_with_the_marks(
    window: MainWindow,
    database: Database,
    group: int,
    qtbot: QtBot,
    answer,  # type: ignore[no-untyped-def]
) -> None:
    tab, session_id = mark_three(window, qtbot)
    answer.button = Button.Cancel
    assert not window.close()
    assert window.isVisible() and len(tab.model.pending) == 3
    assert marks(database, group, session_id) == [None] * 3
    answer.button = Button.Discard  # and then the operator discards them
    assert window.close()
    assert not window.isVisible() and tab.model.pending == {}
    assert marks(database, group, session_id) == [None] * 3


def test_the_question_speaks_italian(
    window: MainWindow,
    context: PageContext,
    group: int,
    qtbot: QtBot,
    answer,  # type: ignore[no-untyped-def]
) -> None:
    mark_three(window, qtbot)
    context.language.apply("it")
    answer.button = Button.Discard
    window.close()
    assert sorted(answer.buttons[0]) == ["Annulla", "Non salvare", "Salva"]
    assert "3 segni non salvati" in answer.asked[0]


def test_ctrl_l_asks_first_and_cancel_does_not_lock(
    window: MainWindow,
    database: Database,
    group: int,
    qtbot: QtBot,
    answer,  # type: ignore[no-untyped-def]
) -> None:
    tab, session_id = mark_three(window, qtbot)
    locks: list[bool] = []
    window.lock_requested.connect(lambda: locks.append(True))
    answer.button = Button.Cancel
    window.lock_action.trigger()
    assert locks == [] and "Lock the screen" in answer.asked[0]
    answer.button = Button.Save
    window.lock_action.trigger()
    assert locks == [True] and marks(database, group, session_id) == ["present"] * 3


def test_switching_operator_asks_about_the_marks_of_the_one_signed_in(
    context: PageContext,
    database: Database,
    group: int,
    qtbot: QtBot,
    answer,  # type: ignore[no-untyped-def]
) -> None:
    database.write(operators.add_operator, "giulia", "reception", "giulia-password")
    window = MainWindow(context, database.describe())
    qtbot.addWidget(window)
    tab, session_id = mark_three(window, qtbot)
    lock = idle_lock.install(
        window, database, lambda: MainWindow(context, database.describe()), minutes=5
    )
    try:
        lock.lock()
        assert lock.dialog is not None
        answer.button = Button.Cancel
        lock.dialog.switch_button.click()
        assert lock.dialog.name.isReadOnly(), "still locked for the same operator"
        assert "Sign in as someone else" in answer.asked[0]
        answer.button = Button.Save
        lock.dialog.switch_button.click()
        assert not lock.dialog.name.isReadOnly()
        assert marks(database, group, session_id) == ["present"] * 3
    finally:
        lock.stop()
        if lock.dialog is not None:  # an application-modal dialog left open blocks the keys
            QDialog.done(lock.dialog, 0)
            lock.dialog.deleteLater()


def test_an_open_form_with_changes_asks_too(
    window: MainWindow,
    qtbot: QtBot,
    answer,  # type: ignore[no-untyped-def]
) -> None:
    page = open_page(window, "families")
    dialog = FamilyDialog(page.runner, parent=page)
    dialog.show()
    assert window.close() and answer.asked == []  # opened, nothing typed: no question
    window.show()
    dialog = FamilyDialog(page.runner, parent=page)
    dialog.show()
    qtbot.keyClicks(dialog.edits["name"], "Benatti")
    answer.button = Button.Cancel
    assert not window.close()
    assert "changes not saved" in answer.asked[0] and dialog.isVisible()
    answer.button = Button.Discard
    assert window.close() and not dialog.isVisible()


@pytest.mark.parametrize("button", [Button.Discard, Button.Cancel])
def test_closing_the_window_during_an_import_asks_and_discard_stops_it(
    window: MainWindow,
    database: Database,
    tmp_path,
    qtbot: QtBot,
    answer,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    button: Button,
) -> None:
    from familydesk.registry import count_families
    from familydesk.transfer import importer
    from tests.transfer import write_csv

    monkeypatch.setattr(importer, "BATCH", 1)
    path = write_csv(
        tmp_path / "famiglie.csv",
        [
            "famiglia;cognome;nome;sesso;motivo_senza_codice",
            *(f"{n};Rossi{chr(65 + n)};Mario;M;in attesa" for n in range(1, 6)),
        ],
    )
    page = open_page(window, "families")
    page.import_families()
    dialog = page.last_dialog
    assert not dialog.isModal(), "the main window can still be closed"
    dialog.load_file(path)
    closed: list[bool] = []
    answer.button = button

    def step(done: int, total: int) -> None:
        if not closed and done > 5:  # some families written: the window's close button
            closed.append(window.close())

    monkeypatch.setattr(dialog, "_on_progress", step)
    dialog.start_import()
    assert "Import of families from famiglie.csv: still running" in answer.asked[0]
    if button == Button.Discard:
        assert closed == [True] and database.read(count_families) == 0
        assert "nothing of the file was imported" in dialog.error_label.text()
    else:
        assert closed == [False] and window.isVisible()
        assert database.read(count_families) == 5

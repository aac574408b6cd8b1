"""The desk records what the operator chose (issue 14 §3): the need highlighted in the
completer's list, and the first of two people with the same name after Down, Enter."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from familydesk import frontdesk, registry
from familydesk.db.database import Database
from familydesk.registry import FamilyInput, MemberInput
from familydesk.ui.frontdesk.page import FrontDeskPage
from familydesk.ui.shell.main_window import MainWindow
from tests.ui.conftest import open_page
from tests.ui.keyboard import CTRL, press, type_text


def _family(database: Database, name: str, first: str, born: date):  # type: ignore[no-untyped-def]
    member = MemberInput(
        first_name=first,
        last_name=name,
        sex="F",
        relation="parent",
        birth_date=born,
        no_code_reason="in attesa",
    )
    return database.write(
        registry.create_family, FamilyInput(name=name, comune_name="Suzzara"), [member]
    )


@pytest.fixture
def page(window: MainWindow, database: Database) -> FrontDeskPage:
    _family(database, "Bassoli", "Alice", date(1980, 1, 1))
    _family(database, "Bassoli", "Alice", date(1990, 1, 1))
    shown = open_page(window, "frontdesk")
    assert isinstance(shown, FrontDeskPage)
    return shown


def test_nothing_is_highlighted_while_typing_and_down_enter_takes_the_first(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    type_text(qtbot, "bassoli alice")
    assert page.finder.model.rowCount() == 2
    assert not page.finder.results.selectionModel().selectedRows()  # nothing chosen yet
    press(qtbot, Qt.Key.Key_Return)  # two matches: Enter alone picks nobody
    assert not page.form.active
    first = page.finder.model.row_at(0)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert page.form.active and page.form.person == first
    type_text(qtbot, "hous")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    [contact] = database.read(frontdesk.contacts_of_family, first.family_id)
    assert contact.person_id == first.person_id


def test_down_enter_in_the_need_list_saves_the_highlighted_need(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    type_text(qtbot, "bassoli alice")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    person = page.form.person
    need = page.form.request.need
    assert need.hasFocus()
    type_text(qtbot, "media")  # Couple and family mediation, Language and cultural mediation
    popup = need.lineEdit().completer().popup()
    assert popup.isVisible() and popup.model().rowCount() == 2
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert popup.currentIndex().data() == "Language and cultural mediation"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert need.currentText() == "Language and cultural mediation"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    [contact] = database.read(frontdesk.contacts_of_family, person.family_id)
    assert [r.need for r in contact.requests] == ["Language and cultural mediation"]


def test_every_other_person_picker_takes_the_first_after_down_enter(
    context,
    database: Database,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    """Booking, sign-up, walk-in at a session and the card check share PersonPicker."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

    from familydesk.ui.widgets.person_picker import PersonPicker

    first = _family(database, "Bassoli", "Alice", date(1980, 1, 1))
    _family(database, "Bassoli", "Alice", date(1990, 1, 1))
    dialog = QDialog()  # as in the booking dialog: Enter must not reach the default button
    qtbot.addWidget(dialog)
    picker = PersonPicker(context.runner)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(picker)
    layout.addWidget(buttons)
    dialog.show()
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "bassoli alice")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 2)
    assert not picker.results.selectionModel().selectedRows()
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # two found, none highlighted
    assert picker.family is None and dialog.result() == 0 and dialog.isVisible()
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # to the list, on the first row
    assert [i.row() for i in picker.results.selectionModel().selectedRows()] == [0]
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.family is not None)
    assert picker.value() == (first.id, first.members[0].id)

"""The front desk's contact form (issue 14, section 3): an anonymous visitor's citizenship
and comune are picked from the registry's lists, and a form with several wrong fields
says all of them at once, each under its field, top to bottom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from familydesk import frontdesk
from familydesk.db.database import Database
from familydesk.db.models.frontdesk import Contact
from familydesk.ui.frontdesk.page import FrontDeskPage
from familydesk.ui.shell.main_window import MainWindow
from tests.ui.conftest import open_page
from tests.ui.keyboard import ALT, CTRL, focused, press, type_text

ANONYMOUS = (Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def page(window: MainWindow) -> FrontDeskPage:
    shown = open_page(window, "frontdesk")
    assert isinstance(shown, FrontDeskPage)
    return shown


def _stored(database: Database) -> list[tuple[str, str]]:
    rows = database.read(
        lambda s: s.execute(
            select(Contact.anon_citizenship, Contact.anon_comune).order_by(Contact.id)
        ).all()
    )
    return [tuple(row) for row in rows]


def test_the_lists_offer_what_a_part_of_an_entry_names(page: FrontDeskPage, qtbot: QtBot) -> None:
    press(qtbot, *ANONYMOUS)
    press(qtbot, Qt.Key.Key_Z, ALT)  # Citi&zenship
    assert focused() is page.form.citizenship
    type_text(qtbot, "marocch")
    completer = page.form.citizenship.completer()
    offered = [
        completer.completionModel().index(row, 0).data()
        for row in range(completer.completionCount())
    ]
    assert offered == ["marocchina (Marocco)"]
    page.form.comune.setFocus()
    type_text(qtbot, "suzz")
    assert page.form.comune.completer().currentCompletion() == "Suzzara (MN)"


def test_a_typed_citizenship_and_comune_that_are_no_entry_are_not_saved(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    press(qtbot, *ANONYMOUS)
    press(qtbot, Qt.Key.Key_Z, ALT)
    type_text(qtbot, "marocch")
    press(qtbot, Qt.Key.Key_M, ALT)  # Co&mune
    type_text(qtbot, "Atlantide")
    press(qtbot, Qt.Key.Key_N, ALT)  # &Need
    type_text(qtbot, "language")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert _stored(database) == []
    errors = page.form.errors
    assert errors["anon_citizenship"].isVisible() and errors["anon_citizenship"].text() == (
        "Citizenship: choose one from the list, e.g. “marocchina (Marocco)”, or leave it empty."
    )
    assert (
        errors["anon_comune"].text()
        == "Comune: choose a comune from the list, e.g. “Suzzara (MN)”."
    )
    assert focused() is page.form.citizenship
    # Picked from the lists: saved as the registry stores them.
    page.form.citizenship.setText("marocchina (Marocco)")
    page.form.comune.setText("Suzzara (MN)")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert _stored(database) == [("marocchina", "Suzzara")]
    assert not errors["anon_citizenship"].isVisible()


def test_three_wrong_fields_show_three_errors_top_to_bottom(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    """A birth year out of range, a comune that is none, a follow-up date that is no date
    (read by the form itself) and a referral without the service: each under its field,
    worded as its label, the cursor in the topmost."""
    press(qtbot, *ANONYMOUS)
    press(qtbot, Qt.Key.Key_E, ALT)  # Birth y&ear
    type_text(qtbot, "1800")
    press(qtbot, Qt.Key.Key_M, ALT)
    type_text(qtbot, "Atlantide")
    press(qtbot, Qt.Key.Key_N, ALT)
    type_text(qtbot, "economic")
    press(qtbot, Qt.Key.Key_R, ALT)  # &Referral to another service, ticked
    press(qtbot, Qt.Key.Key_D, ALT)  # Follow-up &date
    type_text(qtbot, "31/02")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert database.read(frontdesk.today_queue) == []
    form, request = page.form, page.form.request
    shown = {
        key: line.text()
        for key, line in {**form.errors, **request.errors}.items()
        if line.isVisible()
    }
    assert list(shown) == ["anon_birth_year", "anon_comune", "referral_to", "follow_up_on"]
    assert [text.split(":")[0] for text in shown.values()] == [
        "Birth year",
        "Comune",
        "Referred to",
        "Follow-up date",
    ]
    labels = [
        form.labels["anon_birth_year"],
        form.labels["anon_comune"],
        request.labels["referral_to"],
        request.labels["follow_up_on"],
    ]
    assert [label.text().replace("&", "") for label in labels] == [
        "Birth year",
        "Comune",
        "Referred to",
        "Follow-up date",
    ]
    tops = [
        line.mapTo(form, line.rect().topLeft()).y()
        for key, line in {**form.errors, **request.errors}.items()
        if key in shown
    ]
    assert tops == sorted(tops)
    assert focused() is form.birth_year
    assert not form.error.isVisible()  # nothing left over for the line under the form


def test_an_alt_letter_while_the_list_is_open_leaves_it_for_the_next_field(
    page: FrontDeskPage, qtbot: QtBot
) -> None:
    """Seen at a real display: the list stayed open after Alt+M and took the next key
    ("marocchA", "tlantide")."""
    press(qtbot, *ANONYMOUS)
    press(qtbot, Qt.Key.Key_Z, ALT)
    type_text(qtbot, "marocch")
    popup = page.form.citizenship.completer().popup()
    assert popup.isVisible()
    press(qtbot, Qt.Key.Key_M, ALT)
    assert focused() is page.form.comune and not popup.isVisible()
    type_text(qtbot, "Atlantide")
    assert (page.form.citizenship.text(), page.form.comune.text()) == ("marocch", "Atlantide")

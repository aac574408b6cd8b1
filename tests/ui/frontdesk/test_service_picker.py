"""The referral's service picker (issue 16, item 3): the family's comune first, then the
whole area, then the rest; keyboard picks; "other" keeps the free text."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from familydesk import registry
from familydesk.db.database import Database
from familydesk.db.models.frontdesk import ContactRequest
from familydesk.directory import editing, records
from familydesk.directory.records import list_services
from familydesk.registry import FamilyInput, MemberInput
from familydesk.ui.frontdesk.service_picker import ServicePicker
from familydesk.ui.shell.main_window import MainWindow
from tests.frontdesk.referral_data import PEGOGNAGA, build_directory
from tests.ui.conftest import open_page
from tests.ui.keyboard import ALT, CTRL, press, type_text


def _picker(database: Database, qtbot: QtBot, need: str = "parenting") -> ServicePicker:
    build_directory(database)
    picker = ServicePicker(lambda: need, lambda: PEGOGNAGA)
    qtbot.addWidget(picker)
    picker.set_services(database.read(list_services))
    picker.show()
    return picker


def test_the_suggestions_put_the_family_s_comune_first_and_other_last(
    database: Database, qtbot: QtBot
) -> None:
    picker = _picker(database, qtbot)
    picker.refresh()  # nothing typed: the need's services already
    names = [line.split(" — ")[0] for line in picker.popup_lines()]
    assert names == [
        "Consultorio di Pegognaga",
        "Consulenza educativa d'ambito",
        "Consultorio di Gonzaga",
    ]
    assert picker.popup_lines()[0] == (
        "Consultorio di Pegognaga — ASST Mantova, Pegognaga · by appointment"
    )
    qtbot.keyClicks(picker, "gonz")
    assert picker.popup_lines() == [
        "Consultorio di Gonzaga — ASST Mantova, Gonzaga · by appointment",
        "Other: «gonz»",
    ]


def test_down_enter_picks_and_typing_again_unpicks(database: Database, qtbot: QtBot) -> None:
    picker = _picker(database, qtbot)
    qtbot.keyClicks(picker, "co")
    popup = picker.completer().popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.service() is not None
    assert picker.service().name == "Consultorio di Pegognaga"
    qtbot.waitUntil(lambda: picker.text() == "Consultorio di Pegognaga")
    qtbot.keyClick(picker, Qt.Key.Key_Backspace)
    assert picker.service() is None


def test_other_keeps_the_free_text(database: Database, qtbot: QtBot) -> None:
    picker = _picker(database, qtbot)
    qtbot.keyClicks(picker, "Caritas parrocchiale")
    popup = picker.completer().popup()
    assert picker.popup_lines() == ["Other: «Caritas parrocchiale»"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.service() is None and picker.text() == "Caritas parrocchiale"


def test_escape_closes_the_list_and_keeps_what_was_typed(database: Database, qtbot: QtBot) -> None:
    picker = _picker(database, qtbot)
    qtbot.keyClicks(picker, "cons")
    popup = picker.completer().popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert picker.service() is None and picker.text() == "cons"


def test_the_form_suggests_the_family_s_comune_first_and_saves_the_service(
    window: MainWindow, database: Database, qtbot: QtBot
) -> None:
    ids = build_directory(database).ids
    member = MemberInput(
        first_name="Giulia",
        last_name="Zanardi",
        sex="F",
        relation="parent",
        birth_date=date(1988, 2, 3),
        no_code_reason="in attesa",
    )
    family = FamilyInput(name="Zanardi", comune_name="Pegognaga", comune_code=PEGOGNAGA)
    database.write(registry.create_family, family, [member])
    page = open_page(window, "frontdesk")
    type_text(qtbot, "zanardi")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "parenting")
    press(qtbot, Qt.Key.Key_R, ALT)  # &Referral to another service
    picker = page.form.request.referral_to
    assert page.form.request.comune_code == PEGOGNAGA
    picker.refresh()
    assert picker.popup_lines()[0].startswith("Consultorio di Pegognaga — ")
    picker.pick(picker.choices[0])
    press(qtbot, Qt.Key.Key_Return, CTRL)
    (request,) = database.read(lambda s: list(s.scalars(select(ContactRequest))))
    assert request.service_id == ids["Consultorio di Pegognaga"] and request.referral_to == ""


def test_the_form_reads_the_directory_again_when_it_changes(
    window: MainWindow, database: Database, qtbot: QtBot
) -> None:
    build_directory(database)
    page = open_page(window, "frontdesk")
    page.form.start(None)
    picker = page.form.request.referral_to
    assert len(picker.rows) == 4
    (org,) = database.read(records.list_organisations)
    page.form.runner.write(
        editing.save_service, editing.ServiceInput(organisation_id=org.id, name="Nido Arcobaleno")
    )
    assert "Nido Arcobaleno" in [r.name for r in picker.rows]

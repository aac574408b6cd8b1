"""The Front desk page driven with the keyboard alone, as a reception operator uses it:
find, pick, need, outcome, save; anonymous visitors; the queue; follow-ups; roles."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk import frontdesk, registry
from familydesk.db.database import Database
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.kernel import clock
from familydesk.registry import FamilyInput, MemberInput
from familydesk.ui.frontdesk.page import FrontDeskPage
from familydesk.ui.shell.main_window import NAVIGATION, MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.ui.conftest import open_page
from tests.ui.keyboard import ALT, CTRL, focused, press, type_text


def _pick(qtbot: QtBot, typed: str) -> None:
    """Type in the search box (which has the focus) and take the first person found."""
    type_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)


def _family(database: Database, name: str, *first_names: str):  # type: ignore[no-untyped-def]
    members = [
        MemberInput(
            first_name=first,
            last_name=name,
            sex="F",
            relation="parent",
            birth_date=date(1988, 2, 3),
            no_code_reason="in attesa",
        )
        for first in first_names
    ]
    return database.write(
        registry.create_family, FamilyInput(name=name, comune_name="Suzzara"), members
    )


@pytest.fixture
def page(window: MainWindow, database: Database) -> FrontDeskPage:
    _family(database, "Ferrari", "Giulia")
    _family(database, "Bianchi", "Anna", "Marta")
    shown = open_page(window, "frontdesk")
    assert isinstance(shown, FrontDeskPage)
    return shown


def test_a_contact_in_a_few_keystrokes(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    assert page.finder.search.hasFocus()  # ready to type as soon as the page shows
    type_text(qtbot, "bian")
    assert page.finder.model.rowCount() == 2
    press(qtbot, Qt.Key.Key_Down)  # the first Bianchi, the cursor still in the box
    press(qtbot, Qt.Key.Key_Down)  # the second
    assert page.finder.search.hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert page.form.title.text() == "Bianchi Marta"
    assert page.form.request.need.hasFocus()  # straight to the need
    type_text(qtbot, "hous")
    press(qtbot, Qt.Key.Key_P, ALT)  # A&ppointment booked
    assert page.form.request.outcomes["appointment"].isChecked()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    [contact] = database.read(frontdesk.today_queue)
    assert (contact.who, contact.needs, contact.status) == (
        "Bianchi Marta",
        ("Housing",),
        "waiting",
    )
    [stored] = database.read(frontdesk.contacts_of_family, contact.family_id)
    assert stored.requests[0].outcomes == ("information", "appointment")
    assert page.queue.model.rowCount() == 1 and page.queue.selected().id == contact.id
    assert "Waiting: 1" in page.queue.counts.text()
    dialog = (
        page.booking.dialog
    )  # "appointment booked": the booking dialog (tests/ui/frontdesk/test_quick_booking.py)
    assert dialog is not None and dialog.request_id == stored.requests[0].id
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert page.window().focusWidget() is page.finder.search and page.finder.search.text() == ""
    assert page.notice.text() == (
        "Contact saved: waiting in the queue. No appointment was booked; the contact is saved."
    )


def test_a_need_typed_in_part_names_the_one_need(page: FrontDeskPage) -> None:
    need = page.form.request.need
    for typed, key in (
        ("hous", "housing"),
        ("VIOLENCE", "violence"),
        ("Other", "other"),
        ("support", ""),
        ("", ""),
    ):
        need.setEditText(typed)
        assert need.need_key() == key, typed
    headings = [
        need.itemText(i) for i in range(need.count()) if not need.model().item(i).isEnabled()
    ]
    assert headings[0] == "A · Fighting poverty and social exclusion" and len(headings) == 8


def test_two_requests_and_a_follow_up_for_me(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    _pick(qtbot, "ferr")
    type_text(qtbot, "schooling")
    press(qtbot, Qt.Key.Key_R, CTRL)  # keep it, type the next one
    assert "Schooling and early school leaving: information given" in page.form.pending_label.text()
    assert page.form.request.need.hasFocus() and page.form.request.is_blank()
    type_text(qtbot, "housing")
    press(qtbot, Qt.Key.Key_D, ALT)  # Follow-up &date
    type_text(qtbot, (clock.today() + timedelta(days=7)).strftime("%d/%m/%Y"))
    press(qtbot, Qt.Key.Key_Enter, CTRL)
    [contact] = database.read(frontdesk.today_queue)
    assert contact.needs == ("Schooling and early school leaving", "Housing")
    [follow_up] = database.read(frontdesk.open_follow_ups, "tester")
    assert follow_up.need == "Housing" and follow_up.who == "Ferrari Giulia"
    assert page.follow_ups.model.rowCount() == 1


def test_a_referral_without_the_service_is_refused_next_to_the_field(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    _pick(qtbot, "ferr")
    type_text(qtbot, "economic")
    press(qtbot, Qt.Key.Key_R, ALT)  # &Referral to another service
    assert page.form.request.referral_to.isEnabled()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    error = page.form.request.errors["referral_to"]
    assert (
        error.isVisible()
        and error.text() == "Referred to: say which service the family was sent to."
    )
    assert focused() is page.form.request.referral_to
    assert database.read(frontdesk.today_queue) == []
    type_text(qtbot, "CAF Suzzara")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert not error.isVisible()
    [contact] = database.read(
        frontdesk.contacts_of_family, database.read(frontdesk.today_queue)[0].family_id
    )
    assert contact.requests[0].referral_to == "CAF Suzzara"


def test_no_need_and_a_bad_date_are_said_in_words(page: FrontDeskPage, qtbot: QtBot) -> None:
    _pick(qtbot, "ferr")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.form.request.errors["need"].text() == "Need: record at least one request."
    type_text(qtbot, "housing")
    press(qtbot, Qt.Key.Key_D, ALT)
    type_text(qtbot, "31/02")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert "is not a date" in page.form.request.errors["follow_up_on"].text()


def test_an_anonymous_visitor_from_the_keyboard(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    press(qtbot, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert page.form.title.text() == "Anonymous visitor" and page.form.birth_year.isVisible()
    assert focused() is page.form.sex
    press(qtbot, Qt.Key.Key_F)  # the combo jumps to "F"
    press(qtbot, Qt.Key.Key_E, ALT)  # Birth y&ear
    type_text(qtbot, "1990")
    press(qtbot, Qt.Key.Key_Z, ALT)  # Citi&zenship
    type_text(qtbot, "marocchina")
    press(qtbot, Qt.Key.Key_N, ALT)  # &Need
    type_text(qtbot, "language")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    [contact] = database.read(frontdesk.today_queue)
    assert contact.anonymous and contact.who == "Anonymous visitor (F, 1990)"
    assert page.queue.model.row_at(0).who == "Anonymous visitor (F, 1990)"


def test_esc_cancels_and_a_phone_call_is_done_at_once(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    _pick(qtbot, "ferr")
    type_text(qtbot, "housing")
    press(qtbot, Qt.Key.Key_Escape)
    assert page.finder.search.hasFocus() and not page.form.active
    assert database.read(frontdesk.today_queue) == []
    qtbot.keyClick(page.finder.search, Qt.Key.Key_A, CTRL)
    _pick(qtbot, "ferr")
    assert page.form.request.is_blank()  # cancelled means forgotten
    press(qtbot, Qt.Key.Key_C, ALT)  # &Channel
    press(qtbot, Qt.Key.Key_P)  # phone
    press(qtbot, Qt.Key.Key_N, ALT)
    type_text(qtbot, "housing")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert [r.status for r in database.read(frontdesk.today_queue)] == ["done"]
    assert page.notice.text() == "Contact saved."


def _arrivals(database: Database, *names: str) -> None:
    for name in names:
        [hit] = database.read(registry.search_people, name)
        database.write(
            frontdesk.record_contact,
            ContactInput(person_id=hit.person_id, requests=(RequestInput("housing"),)),
        )


def test_call_next_serve_and_done_with_one_key_each(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    _arrivals(database, "giulia", "anna")
    page.load()
    assert [r.who for r in page.queue.rows()] == ["Ferrari Giulia", "Bianchi Anna"]
    assert page.queue.buttons["call_next"].text() == "Call next (F6)"
    press(qtbot, Qt.Key.Key_F6)
    assert (
        page.queue.selected().who == "Ferrari Giulia" and page.queue.selected().status == "serving"
    )
    assert page.queue.selected().served_by == "tester"
    press(qtbot, Qt.Key.Key_F8)
    assert [r.status for r in page.queue.rows()] == ["waiting", "done"]
    page.queue.table.selectRow(0)
    press(qtbot, Qt.Key.Key_F7)
    assert page.queue.selected().status == "serving"
    press(qtbot, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert page.queue.selected().status == "waiting"
    assert page.queue.counts.text() == "Waiting: 1 · Being served: 0 · Done today: 1"
    press(qtbot, Qt.Key.Key_F6)
    press(qtbot, Qt.Key.Key_F6)
    assert page.queue.error.text() == "Nobody is waiting."


def test_a_visitor_called_at_another_desk_is_said_and_shown(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    _arrivals(database, "giulia")
    page.load()
    row = page.queue.rows()[0]
    database.write(frontdesk.call_contact, row.id, row.version)  # the other desk
    page.queue.table.selectRow(0)
    press(qtbot, Qt.Key.Key_F7)
    assert "changed" in page.queue.error.text() or "someone else" in page.queue.error.text()
    assert page.queue.rows()[0].status == "serving"  # the queue as it is now


def test_the_queue_refreshes_every_30_seconds_while_shown(
    page: FrontDeskPage, window: MainWindow, database: Database
) -> None:
    assert page.queue.timer.isActive() and page.queue.timer.interval() == 30_000
    _arrivals(database, "giulia")
    page.queue.timer.timeout.emit()  # what the timer does, without waiting for it
    assert page.queue.model.rowCount() == 1
    window.show_page("families")
    assert not page.queue.timer.isActive()


def test_my_follow_ups_overdue_first_and_done_with_f9(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    today = clock.today()
    database.write(
        frontdesk.record_contact,
        ContactInput(
            contact_date=today - timedelta(days=3),
            requests=(RequestInput("housing", follow_up_on=today - timedelta(days=1)),),
        ),
    )
    database.write(
        frontdesk.record_contact,
        ContactInput(
            requests=(
                RequestInput("schooling", follow_up_on=today + timedelta(days=2)),
                RequestInput("youth", follow_up_on=today, follow_up_owner="someone else"),
            )
        ),
    )
    page.load()
    model = page.follow_ups.model
    assert [model.row_at(i).need for i in range(model.rowCount())] == [
        "Housing",
        "Schooling and early school leaving",
    ]
    assert model.index(0, 0).data().endswith("(overdue)")
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.follow_ups.title.text() == "My follow-ups: 2 · 1 overdue"
    press(qtbot, Qt.Key.Key_F9)  # the first one is selected
    assert [f.need for f in database.read(frontdesk.open_follow_ups, "tester")] == [
        "Schooling and early school leaving"
    ]
    assert model.rowCount() == 1


def test_educators_do_not_get_the_front_desk(
    database: Database, request: pytest.FixtureRequest
) -> None:
    database.role = "educator"
    window = request.getfixturevalue("window")  # built for the educator
    page = window.pages["frontdesk"]
    assert isinstance(page, FrontDeskPage) and not page.available
    assert not hasattr(page, "queue")  # nothing built, nothing read
    row = [e.key for e in NAVIGATION].index("frontdesk")
    assert not window.nav.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
    assert window.nav.item(row).toolTip() == (
        "Front desk: for reception, professionals, coordinators and administrators"
    )
    assert window.show_page("frontdesk") is window.pages["families"]


def test_the_page_speaks_italian(page: FrontDeskPage, context: PageContext) -> None:
    context.language.apply("it")
    assert page.heading.text() == "Sportello"
    assert page.queue.buttons["call_next"].text() == "Chiama il prossimo (F6)"
    assert (
        page.form.request.outcomes["referral"].text().replace("&", "") == "Invio ad altro servizio"
    )


def test_the_family_page_shows_its_contacts_at_the_desk(
    window: MainWindow, database: Database, qtbot: QtBot
) -> None:
    family = _family(database, "Ferrari", "Giulia")
    database.operator = "laura"
    database.write(
        frontdesk.record_contact,
        ContactInput(
            person_id=family.members[0].id,
            contact_date=date(2026, 3, 2),
            channel="phone",
            requests=(
                RequestInput(
                    "housing",
                    ("information", "referral"),
                    referral_to="CAF Suzzara",
                    follow_up_on=date(2026, 3, 9),
                ),
                RequestInput("schooling"),
            ),
        ),
    )
    families = window.show_page("families")
    families.open_family(family.id)
    detail = families.detail
    assert detail.tabs.tabText(1) == "Contacts at the desk (1)"
    lines = [[detail.contacts.index(r, c).data() for c in range(8)] for r in range(2)]
    assert lines[0] == [
        "02/03/2026",
        "phone",
        "Housing",
        "information given, referral to another service",
        "CAF Suzzara (other)",
        "still waiting",
        "09/03/2026, laura",
        "laura",
    ]
    assert lines[1][2] == "Schooling and early school leaving"
    detail.load(_family(database, "Rossi", "Anna").id)
    assert detail.contacts.rowCount() == 0 and detail.tabs.tabText(1) == "Contacts at the desk (0)"


@pytest.mark.parametrize("language", ["en", "it"])
def test_every_alt_letter_on_the_form_is_its_own(
    page: FrontDeskPage, window: MainWindow, context: PageContext, language: str
) -> None:
    from PySide6.QtWidgets import QCheckBox, QLabel

    context.language.apply(language)
    texts = [label.text() for label in page.form.findChildren(QLabel)]
    texts += [box.text() for box in page.form.findChildren(QCheckBox)]
    texts += [action.text() for action in window.menuBar().actions()]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == 19 and len(set(letters)) == len(letters), letters

"""Quick booking from the front desk (issue 5): a request saved with "appointment booked"
opens the booking dialog prefilled; F10 books for the visitor in the queue or a follow-up;
anonymous visitors cannot be booked from the queue; the family page lists appointments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk import frontdesk
from familydesk.appointments.booking import book, set_status
from familydesk.appointments.queries import appointments_of_family
from familydesk.appointments.series import book_series
from familydesk.db.database import Database
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.i18n import format_date
from familydesk.kernel import clock
from familydesk.ui.appointments.booking_dialog import BookingDialog
from familydesk.ui.families.page import FamiliesPage
from familydesk.ui.frontdesk.page import FrontDeskPage
from familydesk.ui.frontdesk.quick_booking import booked_text
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.appointments.calendar_data import Calendar, at, booking, build, working_day
from tests.ui.conftest import activate, open_page
from tests.ui.keyboard import ALT, CTRL, press, type_text

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.fixture
def cal(database: Database) -> Calendar:
    return build(database)


@pytest.fixture
def page(window: MainWindow, cal: Calendar) -> FrontDeskPage:
    shown = open_page(window, "frontdesk")
    assert isinstance(shown, FrontDeskPage)
    return shown


def _dialog(page: FrontDeskPage) -> BookingDialog:
    dialog = page.booking.dialog
    assert isinstance(dialog, BookingDialog) and dialog.isVisible()
    activate(dialog)
    return dialog


def _arrive(database: Database, cal: Calendar, *requests: RequestInput) -> None:
    database.write(frontdesk.record_contact, ContactInput(person_id=cal.person, requests=requests))


def test_a_request_with_appointment_booked_opens_the_dialog_and_books_it(
    page: FrontDeskPage, database: Database, cal: Calendar, qtbot: QtBot
) -> None:
    type_text(qtbot, "giulia")
    press(qtbot, Qt.Key.Key_Return)
    assert page.form.title.text() == "Rossi Giulia"
    type_text(qtbot, "couple")  # Couple and family mediation
    press(qtbot, Qt.Key.Key_P, ALT)  # A&ppointment booked
    press(qtbot, Qt.Key.Key_Return, CTRL)
    [contact] = database.read(frontdesk.contacts_of_family, cal.families[0])
    [request] = contact.requests
    assert request.outcomes == ("information", "appointment")  # saved before the dialog
    dialog = _dialog(page)
    assert dialog.request_id == request.id
    assert dialog.form.person.value() == (cal.families[0], cal.person)
    assert dialog.form.service.currentData() == cal.mediation  # suggested by the need
    day = working_day()
    dialog.form.prefill(starts_at=at(day, 10), staff_id=cal.mediator, place_id=cal.place)
    qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return, CTRL)
    [booked] = database.read(appointments_of_family, cal.families[0])
    assert (booked.request_id, booked.person_id, booked.service_id, booked.starts_at) == (
        request.id,
        cal.person,
        cal.mediation,
        at(day, 10),
    )
    assert page.booking.dialog is None
    assert page.notice.text() == (
        f"Contact saved: waiting in the queue. Appointment booked: {WEEKDAYS[day.weekday()]} "
        f"{format_date(day)} 10:00 with Dott.ssa Giulia Ferretti."
    )
    assert page.window().focusWidget() is page.finder.search  # ready for the next visitor


def test_a_cancelled_dialog_keeps_the_contact_and_says_nothing_was_booked(
    page: FrontDeskPage, database: Database, cal: Calendar, qtbot: QtBot
) -> None:
    type_text(qtbot, "giulia")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "hous")
    press(qtbot, Qt.Key.Key_P, ALT)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    dialog = _dialog(page)
    assert dialog.form.service.currentData() is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert page.booking.dialog is None
    assert [c.needs for c in database.read(frontdesk.today_queue)] == [("Housing",)]
    assert database.read(appointments_of_family, cal.families[0]) == []
    assert page.notice.text() == (
        "Contact saved: waiting in the queue. No appointment was booked; the contact is saved."
    )


def test_without_appointment_booked_no_dialog_opens(
    page: FrontDeskPage, cal: Calendar, qtbot: QtBot
) -> None:
    type_text(qtbot, "giulia")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "couple")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.booking.dialog is None
    assert page.notice.text() == "Contact saved: waiting in the queue."


def test_f10_books_for_the_visitor_selected_in_the_queue(
    page: FrontDeskPage, database: Database, cal: Calendar, qtbot: QtBot
) -> None:
    _arrive(database, cal, RequestInput("orientation"), RequestInput("violence"))
    page.load()
    page.queue.table.selectRow(0)
    button = page.queue.book_button
    assert button.isVisible() and button.isEnabled() and button.text() == "Book appointment (F10)"
    press(qtbot, Qt.Key.Key_F10)
    dialog = _dialog(page)
    assert dialog.form.person.value() == (cal.families[0], cal.person)
    assert dialog.request_id is None
    assert dialog.form.service.currentData() == cal.counselling  # violence: psychological
    day = working_day()
    dialog.form.prefill(starts_at=at(day, 15), staff_id=cal.psychologists[1], place_id=cal.place)
    qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return, CTRL)
    [booked] = database.read(appointments_of_family, cal.families[0])
    assert booked.staff_id == cal.psychologists[1] and booked.request_id is None
    assert page.notice.text().startswith("Appointment booked: ")
    assert page.notice.text().endswith("15:00 with Dott. Marco Ferri.")


def test_an_anonymous_visitor_cannot_be_booked_from_the_queue(
    page: FrontDeskPage, database: Database, qtbot: QtBot
) -> None:
    database.write(
        frontdesk.record_contact,
        ContactInput(anon_sex="F", anon_birth_year=1990, requests=(RequestInput("housing"),)),
    )
    page.load()
    page.queue.table.selectRow(0)
    button = page.queue.book_button
    assert not button.isEnabled()
    assert button.toolTip().startswith("An anonymous visitor: there is no family to book for.")
    press(qtbot, Qt.Key.Key_F10)
    assert page.booking.dialog is None
    assert page.queue.error.text() == button.toolTip()


def test_f10_in_the_follow_ups_books_for_that_request(
    page: FrontDeskPage, database: Database, cal: Calendar, qtbot: QtBot
) -> None:
    _arrive(
        database, cal, RequestInput("parenting", follow_up_on=clock.today() + timedelta(days=1))
    )
    page.load()
    [follow_up] = page.follow_ups.rows()
    page.follow_ups.table.setFocus()
    assert page.follow_ups.book_button.isEnabled()
    press(qtbot, Qt.Key.Key_F10)
    dialog = _dialog(page)
    assert dialog.request_id == follow_up.request_id
    assert dialog.form.person.value() == (cal.families[0], cal.person)
    assert (
        dialog.form.service.findText("Pedagogical counselling")
        == dialog.form.service.currentIndex()
    )
    dialog.reject()
    assert page.notice.text() == "No appointment was booked."


def test_a_desk_role_without_appointments_gets_no_booking(
    database: Database,
    cal: Calendar,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    from familydesk.trust import permissions

    reception = permissions.ROLE_PERMISSIONS["reception"] - {permissions.APPOINTMENTS}
    monkeypatch.setitem(permissions.ROLE_PERMISSIONS, "reception", reception)
    database.role = "reception"
    _arrive(database, cal, RequestInput("housing", follow_up_on=clock.today()))
    page = open_page(request.getfixturevalue("window"), "frontdesk")
    assert isinstance(page, FrontDeskPage) and not page.may_book
    assert not page.queue.book_button.isVisible() and not page.follow_ups.book_button.isVisible()
    page.queue.table.selectRow(0)
    press(qtbot, Qt.Key.Key_F10)
    assert page.booking.dialog is None
    type_text(qtbot, "giulia")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "couple")
    press(qtbot, Qt.Key.Key_P, ALT)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.booking.dialog is None
    assert page.notice.text() == "Contact saved: waiting in the queue."


# -- the family page --------------------------------------------------------------------
def _open_day_before_today() -> date:
    import holidays

    day = clock.today() - timedelta(days=1)
    while (
        day.weekday() >= 5
        or day in holidays.Italy(years=day.year)
        or day.strftime("%m-%d") == "09-08"
    ):
        day -= timedelta(days=1)
    return day


def _family_page(window: MainWindow, family_id: int) -> FamiliesPage:
    families = open_page(window, "families")
    assert isinstance(families, FamiliesPage)
    families.open_family(family_id)
    return families


def test_the_family_page_lists_appointments_and_books_another(
    window: MainWindow, database: Database, cal: Calendar, qtbot: QtBot
) -> None:
    day = working_day()
    past = database.write(
        book,
        booking(cal, _open_day_before_today(), 9),
        now=at(clock.today() - timedelta(days=30), 9),
    )
    series = database.write(book_series, booking(cal, day, 11, person_id=cal.person), occurrences=3)
    database.write(
        set_status, series.booked[2].id, series.booked[2].version, "cancelled", "the family moved"
    )
    detail = _family_page(window, cal.families[0]).detail
    assert detail.appointments is not None
    tab = detail.tabs.indexOf(detail.appointments)
    assert detail.tabs.tabText(tab) == "Appointments (4)"
    assert detail.tabs.tabText(tab - 1).startswith("Contacts at the desk")
    model = detail.appointments.model
    cells = [[model.index(r, c).data() for c in range(7)] for r in range(model.rowCount())]
    third = day + timedelta(weeks=2)
    assert cells[0] == [
        f"{format_date(third)} 11:00",
        "Psychological counselling",
        "Dott.ssa Paola Rinaldi",
        "Centro per le Famiglie, Sala Blu",
        "Rossi Giulia",
        "cancelled",
        "3/3",
    ]
    assert [row[0] for row in cells] == [
        f"{format_date(third)} 11:00",
        f"{format_date(day + timedelta(weeks=1))} 11:00",
        f"{format_date(day)} 11:00",
        f"{format_date(past.starts_at.date())} 09:00",
    ]
    assert cells[3][4:] == ["The whole family", "booked", ""]
    upcoming = [
        model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None for r in range(4)
    ]
    assert upcoming == [False, True, True, False]  # cancelled and past ones are not
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert detail.appointments.hint.text() == "Still to come: 2 (highlighted)"

    detail.members_view.selectRow(0)
    qtbot.keyClick(detail.members_view, Qt.Key.Key_B, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = detail.appointments.dialog
    assert isinstance(dialog, BookingDialog)
    activate(dialog)
    assert dialog.form.person.value() == (cal.families[0], cal.person)
    dialog.form.prefill(starts_at=at(day, 16), staff_id=cal.mediator, place_id=cal.place)
    qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return, CTRL)
    assert detail.tabs.tabText(tab) == "Appointments (5)"
    assert detail.tabs.currentIndex() == tab
    assert model.row_at(0).starts_at == at(day + timedelta(weeks=2), 11)
    assert at(day, 16) in [model.row_at(r).starts_at for r in range(model.rowCount())]


def test_an_educator_does_not_see_the_appointments_tab(
    database: Database, cal: Calendar, request: pytest.FixtureRequest
) -> None:
    database.write(book, booking(cal, working_day(), 10))
    database.role = "educator"
    window = request.getfixturevalue("window")  # built for the educator
    detail = _family_page(window, cal.families[0]).detail
    assert detail.appointments is None and detail.tabs.count() == 3  # consents, desk, groups
    assert detail.tabs.tabText(1).startswith("Contacts at the desk")
    assert detail.tabs.tabText(2).startswith("Groups")


def test_the_status_line_for_a_series_and_in_italian(
    database: Database, cal: Calendar, context: PageContext
) -> None:
    day = working_day()  # a Tuesday
    series = database.write(book_series, booking(cal, day, 11), occurrences=3)
    assert booked_text(series) == (
        f"3 appointments booked, from Tuesday {format_date(day)} 11:00 with Dott.ssa Paola Rinaldi."
    )
    context.language.apply("it")
    assert booked_text(series.booked[0]) == (
        f"Appuntamento prenotato: martedì {format_date(day)} ore 11:00 con Dott.ssa Paola Rinaldi."
    )

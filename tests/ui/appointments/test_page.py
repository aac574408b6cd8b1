"""The appointments page: week grid, booking dialog, moving blocks, statuses, roles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from familydesk.appointments.booking import book, set_status
from familydesk.appointments.queries import AppointmentRow, appointments_between, get_appointment
from familydesk.appointments.series import book_series
from familydesk.db.database import Database
from familydesk.kernel import clock
from familydesk.ui.appointments.booking_dialog import BookingDialog, open_booking_dialog
from familydesk.ui.appointments.page import AppointmentsPage
from familydesk.ui.shell.main_window import NAVIGATION, MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.appointments.calendar_data import Calendar, at, booking, build, working_day
from tests.ui.conftest import activate

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def cal(database: Database) -> Calendar:
    return build(database)


@pytest.fixture
def ten(database: Database, cal: Calendar) -> AppointmentRow:
    """Counselling with the first psychologist for the Rossi family, a working Tuesday at 10."""
    return database.write(book, booking(cal, working_day(), 10))


def _page(
    context: PageContext, qtbot: QtBot, cal: Calendar, day: date, staff: int | None = None
) -> AppointmentsPage:
    page = AppointmentsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    activate(page)
    page.activate()
    page.toolbar.choose(
        kind="staff", resource_id=staff or cal.psychologists[0], day=day, view="week"
    )
    return page


def _all(database: Database, day: date):  # type: ignore[no-untyped-def]
    return database.read(
        appointments_between, at(day - timedelta(days=7), 0), at(day + timedelta(days=40), 0)
    )


def _center(page: AppointmentsPage, appointment_id: int) -> QPoint:
    rect = page.grid.block_rect(appointment_id)
    assert rect is not None
    return rect.center().toPoint()


def test_the_week_of_a_professional_shows_their_appointment(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar
) -> None:
    day = working_day()
    row = database.write(book, booking(cal, day, 10, person_id=cal.person))
    page = _page(context, qtbot, cal, day)
    assert [r.id for r in page.grid.rows] == [row.id]
    rect = page.grid.block_rect(row.id)
    tuesday = page.grid.geometry_().column_rect(page.grid.days.index(day))
    assert rect is not None and tuesday.contains(rect.center())
    assert page.grid.days[0].weekday() == 0 and date.fromordinal(day.toordinal()) in page.grid.days
    assert "Rossi Giulia" in page.grid.tooltip_at(rect.center())
    page.toolbar.choose(resource_id=cal.psychologists[1])
    assert page.grid.rows == []


def test_booking_from_the_keyboard_with_ctrl_enter(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar
) -> None:
    day = working_day()
    page = _page(context, qtbot, cal, day)
    dialog = page.new_appointment(at(day, 9, 30))
    activate(dialog)
    form = dialog.form
    assert (form.staff.currentData(), form.time.text(), form.minutes.value()) == (
        cal.psychologists[0],
        "09:30",
        60,
    )
    qtbot.keyClicks(form.person.search, "Rossi")
    qtbot.keyClick(form.person.search, Qt.Key.Key_Down)
    qtbot.keyClick(form.person.results, Qt.Key.Key_Return)
    assert form.person.value() == (cal.families[0], cal.person)
    assert form.person.member.hasFocus() and form.person.member.currentText() == "Rossi Giulia"
    qtbot.keyClicks(form.note, "primo colloquio")
    qtbot.keyClick(form.note, Qt.Key.Key_Return, CTRL)
    booked = _all(database, day)
    assert [(r.starts_at, r.person_id, r.note) for r in booked] == [
        (at(day, 9, 30), cal.person, "primo colloquio")
    ]
    assert [r.id for r in page.grid.rows] == [booked[0].id]
    assert "Booked: Rossi Giulia" in page.banner.text()


def test_a_refused_booking_says_why_and_an_alternative_books_with_enter(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar, ten: AppointmentRow
) -> None:
    day = ten.starts_at.date()
    dialog = open_booking_dialog(None, context, family_id=cal.families[1])
    activate(dialog)
    dialog.form.prefill(
        starts_at=at(day, 10, 30), staff_id=cal.psychologists[0], place_id=cal.place
    )
    qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert "Dott.ssa Paola Rinaldi already has an appointment" in dialog.error.text()
    offered = dialog.slots.slots()
    assert offered and dialog.slots.list.hasFocus() and dialog.slots.mode == "alternative"
    qtbot.keyClick(dialog.slots.list, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    mine = [r for r in _all(database, day) if r.family_id == cal.families[1]]
    assert [(r.starts_at, r.staff_id) for r in mine] == [
        (offered[0].starts_at, offered[0].staff_id)
    ]


def test_the_free_slot_finder_fills_the_form(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar
) -> None:
    dialog = BookingDialog(context.runner, None, service_key="family_mediation")
    qtbot.addWidget(dialog)
    assert dialog.form.service.currentData() == cal.mediation
    dialog.slots.staff.setCurrentIndex(dialog.slots.staff.findData(cal.mediator))
    dialog.slots.part.setCurrentIndex(dialog.slots.part.findData("afternoon"))
    dialog.find_slots()
    found = dialog.slots.slots()
    assert found and all(s.staff_id == cal.mediator and s.starts_at.hour >= 13 for s in found)
    qtbot.keyClick(dialog.slots.list, Qt.Key.Key_Return)
    assert dialog.form.staff.currentData() == cal.mediator
    assert dialog.form.starts_at() == found[0].starts_at


def test_dragging_a_block_with_the_mouse_moves_the_appointment(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar, ten: AppointmentRow
) -> None:
    row, day = ten, ten.starts_at.date()
    page = _page(context, qtbot, cal, day)
    start = _center(page, row.id)
    hour = round(page.grid.geometry_().per_minute * 60)
    end = start + QPoint(page.grid.geometry_().column_width, hour)  # an hour later, next day
    QTest.mousePress(page.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(page.grid, start + (end - start) * step / 5)
    QTest.mouseRelease(page.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    moved = database.read(get_appointment, row.id)
    assert (moved.starts_at, moved.ends_at) == (
        at(day + timedelta(days=1), 11),
        at(day + timedelta(days=1), 12),
    )
    assert "Moved:" in page.banner.text()


def test_ctrl_down_moves_by_a_quarter_and_a_refused_move_snaps_back(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar, ten: AppointmentRow
) -> None:
    first, day = ten, ten.starts_at.date()
    database.write(book, booking(cal, day, 11, 30, family_id=cal.families[1]))
    page = _page(context, qtbot, cal, day)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Tab)
    assert page.grid.selected_id == first.id
    qtbot.keyClick(page.grid, Qt.Key.Key_Down, CTRL)
    assert database.read(get_appointment, first.id).starts_at == at(day, 10, 15)
    qtbot.keyClick(page.grid, Qt.Key.Key_Down, CTRL)  # 10:30-11:30 touches 11:30: allowed
    qtbot.keyClick(page.grid, Qt.Key.Key_Down, CTRL)  # 10:45-11:45 overlaps: refused
    assert database.read(get_appointment, first.id).starts_at == at(day, 10, 30)
    assert page.grid.pending == {} and page.grid.block_rect(
        first.id
    ).top() == page.grid.geometry_().y_of(at(day, 10, 30))
    text = page.banner.text()
    assert (
        "already has an appointment" in text and "Move to" in text and page.banner.kind == "warning"
    )


def test_a_refused_drag_snaps_back_and_the_banner_offers_a_free_time(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar, ten: AppointmentRow
) -> None:
    row, day = ten, ten.starts_at.date()
    page = _page(context, qtbot, cal, day)
    page.grid.request_move(row, at(day, 13))  # the place closes 13:00-14:30
    assert page.grid.pending == {}
    assert page.grid.block_rect(row.id).top() == page.grid.geometry_().y_of(at(day, 10))
    assert "open only" in page.banner.text()
    page._follow_link(next(iter(page._alternatives)))
    assert database.read(get_appointment, row.id).starts_at != at(day, 10)


def test_status_changes_and_cancelling_the_rest_of_a_series(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar, ten: AppointmentRow
) -> None:
    row, day = ten, ten.starts_at.date()
    page = _page(context, qtbot, cal, day)
    page.grid.select(row.id)
    page.grid.setFocus()
    with qtbot.waitSignal(page.grid.open_requested, timeout=1000):
        qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    dialog = page.last_dialog
    assert not dialog.status_buttons["done"].isEnabled()  # not started yet
    dialog.status_buttons["confirmed"].click()
    assert database.read(get_appointment, row.id).status == "confirmed"
    assert page.grid.row(row.id).status == "confirmed"

    result = database.write(
        book_series, booking(cal, day, 15, family_id=cal.families[1]), every_weeks=1, occurrences=3
    )
    second = result.booked[1]
    dialog = page.open_appointment(second)
    dialog.cancel_button.click()
    dialog.cancel()
    assert "Reason" in dialog.error.text()
    qtbot.keyClicks(dialog.reason, "trasferimento")
    dialog.rest_of_series.setChecked(True)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    statuses = [database.read(get_appointment, r.id).status for r in result.booked]
    assert statuses == ["booked", "cancelled", "cancelled"]


def test_cancelled_appointments_show_struck_and_cannot_be_dragged(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar, ten: AppointmentRow
) -> None:
    row, day = ten, ten.starts_at.date()
    database.write(set_status, row.id, row.version, "cancelled", "malattia")
    page = _page(context, qtbot, cal, day)
    start = _center(page, row.id)
    QTest.mousePress(page.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(page.grid, start + QPoint(0, 80))
    QTest.mouseRelease(
        page.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(0, 80)
    )
    assert database.read(get_appointment, row.id).starts_at == at(day, 10)
    assert "Cancelled because: malattia" in page.grid.tooltip_at(
        page.grid.block_rect(row.id).center()
    )


@pytest.mark.parametrize(("role", "sees"), [("reception", True), ("educator", False)])
def test_reception_sees_the_page_and_an_educator_does_not(
    context: PageContext, database: Database, qtbot: QtBot, role: str, sees: bool
) -> None:
    database.role = role
    window = MainWindow(context, database.describe())
    qtbot.addWidget(window)
    page = window.pages["appointments"]
    assert page.available is sees
    item = window.nav.item([e.key for e in NAVIGATION].index("appointments"))
    assert bool(item.flags() & Qt.ItemFlag.ItemIsEnabled) is sees
    if not sees:
        assert "for reception, professionals" in item.toolTip()
        assert window.show_page("appointments") is window.pages["families"]


def test_a_double_click_on_a_free_time_opens_the_dialog_there(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar
) -> None:
    day = working_day()
    page = _page(context, qtbot, cal, day, staff=cal.social_worker)
    geo = page.grid.geometry_()
    wednesday = day + timedelta(days=1)
    point = QPoint(
        int(geo.x_of(page.grid.days.index(wednesday)) + 10),
        int(geo.y_of(at(wednesday, 15, 30)) + 3),
    )
    assert page.grid.block_at(point.toPointF()) is None
    QTest.mouseDClick(page.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    form = page.last_dialog.form
    assert (form.staff.currentData(), form.starts_at()) == (
        cal.social_worker,
        at(wednesday, 15, 30),
    )
    # The social worker's calendar books what she gives, not the first service of the list.
    services = [form.service.itemData(i) for i in range(form.service.count())]
    assert (form.service.currentData(), services) == (cal.interview, [cal.interview])
    form.staff.setCurrentIndex(form.staff.findData(cal.psychologists[0]))
    assert form.service.currentData() == cal.counselling and cal.interview not in [
        form.service.itemData(i) for i in range(form.service.count())
    ]


def test_the_rest_of_a_series_moves_from_the_details_dialog(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar
) -> None:
    day = working_day()
    result = database.write(book_series, booking(cal, day, 15), every_weeks=2, occurrences=3)
    page = _page(context, qtbot, cal, day)
    dialog = page.open_appointment(result.booked[1])
    activate(dialog)
    assert dialog.move_button.isVisible() and not dialog.rest_of_series.isHidden()
    dialog.move_button.click()
    assert dialog.move_day.value() == day + timedelta(weeks=2) and dialog.move_day.hasFocus()
    dialog.move_time.setText("16:30")
    qtbot.keyClick(dialog.move_time, Qt.Key.Key_Return)
    starts = [database.read(get_appointment, r.id).starts_at for r in result.booked]
    assert starts == [
        at(day, 15),
        at(day + timedelta(weeks=2), 16, 30),
        at(day + timedelta(weeks=4), 16, 30),
    ]


def test_a_fortnightly_series_is_booked_from_the_dialog(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar
) -> None:
    day = working_day()
    page = _page(context, qtbot, cal, day)
    dialog = page.new_appointment(at(day, 11))
    form = dialog.form
    form.person.set_family(cal.families[1])
    form.repeat.setCurrentIndex(form.repeat.findData(2))
    assert form.occurrences.isEnabled() and not form.until.isEnabled()
    form.occurrences.setValue(3)
    dialog.book()
    booked = [r for r in _all(database, day) if r.series_id is not None]
    assert [r.starts_at for r in booked] == [at(day + timedelta(weeks=w), 11) for w in (0, 2, 4)]
    assert {r.family_id for r in booked} == {cal.families[1]}
    assert page.banner.text() == "3 appointments booked in a series."


def test_booking_prints_the_slip_and_the_details_print_it_again_with_ctrl_p(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar, opened_files: list[str]
) -> None:
    from pathlib import Path

    from familydesk.trust import audit

    day = working_day()
    page = _page(context, qtbot, cal, day)
    dialog = page.new_appointment(at(day, 11))
    activate(dialog)
    assert dialog.print_slip.isChecked()  # on by default, remembered on this computer
    dialog.form.person.set_family(cal.families[0], cal.person)
    qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return, CTRL)
    booked = _all(database, day)
    assert len(booked) == 1 and Path(opened_files[-1]).name == f"slip-{booked[0].id}.pdf"
    assert Path(opened_files[-1]).read_bytes().startswith(b"%PDF")
    details = page.open_appointment(booked[0])
    activate(details)
    qtbot.keyClick(details, Qt.Key.Key_P, CTRL)
    assert len(opened_files) == 2
    prints = [e for e in database.read(audit.entries) if e.action == "print"]
    assert [e.record_uid for e in prints].count(booked[0].uid) == 2

    second = page.new_appointment(at(day, 15))
    activate(second)
    qtbot.keyClick(second.print_slip, Qt.Key.Key_Space)  # unticked: no slip this time
    second.form.person.set_family(cal.families[1])
    qtbot.keyClick(second.form.note, Qt.Key.Key_Return, CTRL)
    assert len(_all(database, day)) == 2 and len(opened_files) == 2
    assert page.new_appointment(at(day, 16)).print_slip.isChecked() is False


def test_the_page_prints_the_agenda_and_tomorrows_call_list(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar, opened_files: list[str]
) -> None:
    day = working_day()
    page = _page(context, qtbot, cal, day)
    page.toolbar.choose(view="day")
    qtbot.mouseClick(page.agenda_button, Qt.MouseButton.LeftButton)
    assert opened_files[-1].endswith(f"agenda-{cal.psychologists[0]}-{day.isoformat()}.pdf")
    qtbot.mouseClick(page.calls_button, Qt.MouseButton.LeftButton)
    assert opened_files[-1].endswith(f"calls-{(clock.today() + timedelta(days=1)).isoformat()}.pdf")
    page.toolbar.choose(kind="room", resource_id=cal.rooms[0])
    qtbot.mouseClick(page.agenda_button, Qt.MouseButton.LeftButton)
    assert len(opened_files) == 2 and "professional" in page.banner.text()


def test_booking_for_a_known_family_starts_at_the_professional(
    context: PageContext, qtbot: QtBot, cal: Calendar
) -> None:
    dialog = open_booking_dialog(
        None,
        context,
        family_id=cal.families[0],
        person_id=cal.person,
        service_key="family_mediation",
    )
    qtbot.addWidget(dialog)
    activate(dialog)
    assert dialog.form.person.value() == (cal.families[0], cal.person)
    assert dialog.form.staff.hasFocus() or dialog.focusWidget() is dialog.form.staff


def test_a_booking_with_several_wrong_fields_lists_them_all(
    context: PageContext, database: Database, qtbot: QtBot, cal: Calendar
) -> None:
    """The service answered the first wrong field only, and '31/02' was 'not a date'."""
    dialog = BookingDialog(context.runner, None, staff_id=cal.social_worker)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    form.day.setText("31/02/2027")
    form.place.setCurrentIndex(-1)
    dialog.book()
    assert dialog.error.text().splitlines() == [
        "Place: choose one from the list.",
        "Date and time: “31/02/2027” does not exist: February 2027 has 28 days.",
    ]
    # The service's checks, all at once too: a psychologist's service with the social
    # worker, in the past.
    data = booking(cal, working_day(), 10, staff_id=cal.social_worker)
    dialog._failed(_refusal(database, replace(data, starts_at=at(date(2026, 1, 7), 10))))
    assert dialog.error.text().splitlines() == [
        "Professional: Sara Lodi is assistente sociale; 'Psychological counselling' is given by: "
        "psicologa/o.",
        "Date and time: the appointment must be in the future.",
    ]
    assert dialog.focusWidget() is form.staff


def _refusal(database: Database, data: object) -> Exception:
    from familydesk.kernel.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        database.write(book, data)
    return refused.value

"""Settings → Appointments: a coordinator sets up services, staff with absences, places
with rooms and opening hours, closed days and patron saints' days."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk.appointments import resources as res
from familydesk.db.database import Database
from familydesk.registry import centre
from familydesk.ui.settings.appointments import AppointmentsSettings
from familydesk.ui.settings.page import SettingsPage
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.helpers import signed_in


@pytest.fixture
def section(window: MainWindow, database: Database) -> AppointmentsSettings:
    database.write(centre.add_member_comune, "Suzzara", "MN", "L020")
    database.write(centre.add_member_comune, "Gonzaga", "MN", "E089")
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage) and page.appointments is not None
    page.tabs.setCurrentWidget(page.appointments)
    return page.appointments


def _shown(error) -> str:  # type: ignore[no-untyped-def]
    """The text of an error line that is not hidden (empty otherwise)."""
    return "" if error.isHidden() else error.text()


def test_a_place_gets_rooms_and_weekly_opening_hours(
    section: AppointmentsSettings, database: Database, qtbot: QtBot
) -> None:
    places = section.places
    section.show_tab(places)
    assert not places.rooms.isEnabled() and not places.hours.isEnabled()  # save the place first
    places.new()
    places.name.setText("Centro per le Famiglie")
    places.comune.setCurrentIndex(places.comune.findText("Gonzaga"))
    places.address.setText("Via Roma 12")
    qtbot.mouseClick(places.save_button, Qt.MouseButton.LeftButton)
    [place] = database.read(res.list_places)
    assert (place.name, place.comune_name, place.address) == (
        "Centro per le Famiglie",
        "Gonzaga",
        "Via Roma 12",
    )
    assert places.current.id == place.id and places.status.text() == "Saved."
    places.rooms.name.setText("Sala colloqui 1")
    places.rooms.add()
    places.rooms.name.setText("sala colloqui 1")
    places.rooms.add()
    assert _shown(places.rooms.error).startswith("Room: this place already has a room")
    grid = places.hours
    for weekday, opens, closes in ((0, "9", "13:00"), (1, "09:00", "13:00")):
        grid.fields[weekday][0][0].setText(opens)
        grid.fields[weekday][0][1].setText(closes)
    grid.fields[0][1][0].setText("14.30")
    grid.fields[0][1][1].setText("18:00")
    grid.copy_monday()  # Tuesday to Friday as Monday
    qtbot.mouseClick(grid.save_button, Qt.MouseButton.LeftButton)
    [place] = database.read(res.list_places)
    assert [r.name for r in place.rooms] == ["Sala colloqui 1"]
    assert len(place.hours) == 10
    assert (place.hours[0].opens, place.hours[1].opens) == (time(9), time(14, 30))
    assert grid.status.text() == "Opening hours saved."
    assert grid.fields[4][1][0].text() == "14:30"  # shown as saved


def test_overlapping_hours_are_named_and_nothing_is_saved(
    section: AppointmentsSettings, database: Database
) -> None:
    comune = database.read(centre.list_member_comuni)[0].id
    database.write(res.save_place, res.PlaceInput("Biblioteca", comune))
    section.show_tab(section.places)
    grid = section.places.hours
    assert grid.isEnabled()  # the only place is selected
    for interval, (opens, closes) in enumerate((("09:00", "13:00"), ("12:00", "15:00"))):
        grid.fields[2][interval][0].setText(opens)
        grid.fields[2][interval][1].setText(closes)
    grid.save()
    assert _shown(grid.error).startswith("Wednesday: 09:00-13:00 and 12:00-15:00 overlap")
    assert database.read(res.list_places)[0].hours == ()


def test_a_professional_is_added_with_an_absence(
    section: AppointmentsSettings, database: Database
) -> None:
    staff = section.staff
    section.show_tab(staff)
    staff.new()
    staff.name.setText("Samira Haddad")
    staff.kind.setCurrentIndex(staff.kind.findData("interpreter"))
    staff.profession.setText("mediatrice linguistico-culturale")
    staff.save()
    assert _shown(staff.form.errors["languages"]).startswith("Languages:")
    assert database.read(res.list_staff) == []
    staff.languages.setText("arabo, francese")
    staff.phone.setText("0376 123456")
    staff.save()
    [row] = database.read(res.list_staff)
    assert (row.kind, row.languages) == ("interpreter", "arabo, francese")
    absences = staff.absences
    assert absences.isEnabled() and absences.staff.id == row.id
    absences.first_day.setText("10/08/2026")
    absences.last_day.setText("03/08/2026")
    absences.add()
    assert _shown(absences.error).startswith("To: the last day (03/08/2026) comes before")
    absences.last_day.setText("21/08/2026")
    absences.reason.setText("ferie")
    absences.add()
    assert [(a.first_day, a.last_day, a.reason) for a in database.read(res.list_absences)] == [
        (date(2026, 8, 10), date(2026, 8, 21), "ferie")
    ]
    assert absences.model.rowCount() == 1 and _shown(absences.error) == ""


def test_a_service_with_a_bad_duration_shows_the_error_under_the_field(
    section: AppointmentsSettings, database: Database
) -> None:
    services = section.services
    assert services.model.rowCount() == 7  # the built-in ones
    services.new()
    services.name.setText("Sportello legale")
    services.minutes.setValue(62)
    services.profession.setText("avvocata")
    services.save()
    assert _shown(services.form.errors["duration_minutes"]).startswith("Duration: from 5 to 480")
    assert _shown(services.form.errors["name"]) == ""
    assert len(database.read(res.list_services)) == 7
    services.minutes.setValue(45)
    services.what_to_bring.setPlainText("Documento d'identità")
    services.save()
    assert _shown(services.form.errors["duration_minutes"]) == ""
    added = database.read(res.list_services)[-1]
    assert (added.name, added.duration_minutes, added.what_to_bring) == (
        "Sportello legale",
        45,
        "Documento d'identità",
    )
    assert services.current.id == added.id


def test_removing_a_built_in_service_keeps_it_as_not_in_use(
    section: AppointmentsSettings, database: Database, dialogs: list[str]
) -> None:
    services = section.services
    services.table.selectRow(0)
    services.remove()
    assert dialogs and "Psychological counselling" in dialogs[0]
    assert services.status.text().startswith("Kept as not in use")
    assert services.model.row_at(0).active is False
    assert len(database.read(res.list_services)) == 6


def test_closed_days_and_patron_saints(section: AppointmentsSettings, database: Database) -> None:
    closures = section.closures
    section.show_tab(closures)
    closures.day.setText("24/12/2026")
    closures.reason.setText("Vigilia")
    closures.add()
    closures.day.setText("24/12/2026")
    closures.add()
    assert _shown(closures.form.errors["day"]) == (
        "Day: every place is already closed on 24/12/2026."
    )
    closures.day.setText("31/13/2026")
    closures.add()
    assert _shown(closures.form.errors["day"]).startswith("“31/13/2026” is not a date")
    assert closures.year.value() == 2026 and closures.model.rowCount() == 1
    patrons = section.patron_days
    section.show_tab(patrons)
    assert patrons.selected().comune_name == "Suzzara"
    patrons.day.setText("29/02")
    patrons.saint.setText("San Maurizio")
    patrons.save()
    assert _shown(patrons.form.errors["patron_day"]).startswith("Patron saint's day: 29/02")
    patrons.day.setText("22/09")
    patrons.save()
    assert [(r.patron_day, r.patron_saint) for r in database.read(res.list_patron_days)] == [
        ("09-22", "San Maurizio"),
        ("", ""),
    ]
    assert patrons.model.row_at(0).patron_day == "09-22" and patrons.day.text() == "22/09"


def test_reception_does_not_see_the_appointments_section(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    signed_in(database, "reception")
    window = MainWindow(context, database.describe())
    qtbot.addWidget(window)
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert page.appointments is None
    assert page.tabs.count() == 1 and page.tabs.tabBar().isHidden()
    assert not page.findChildren(AppointmentsSettings)


def test_the_settings_form_shows_each_wrong_field_under_it(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit, QWidget

    from familydesk.kernel.errors import ValidationError
    from familydesk.ui.settings.appointments_form import FieldForm

    host = QWidget()
    form = FieldForm(host)
    name, phone = (
        form.add("name", QLineEdit(), lambda: "Name"),
        form.add("phone", QLineEdit(), lambda: "Phone"),
    )
    form.add_general_error()
    form.show_error(
        ValidationError("name", "Name: required.", (("phone", "Phone: digits."), ("x", "Other.")))
    )
    assert (form.errors["name"].text(), form.errors["phone"].text()) == (
        "Name: required.",
        "Phone: digits.",
    )
    assert form.general_error.text() == "Other."
    assert name is not phone
    qtbot.addWidget(host)

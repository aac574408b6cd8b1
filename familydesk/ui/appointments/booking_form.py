"""The fields of the booking dialog: who, service, professional, place, room, interpreter,
date and time, length, note, repetition. Reads them into an ``AppointmentInput``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from familydesk.appointments.booking import MAX_MINUTES, AppointmentInput
from familydesk.appointments.calendar_view import CalendarChoices
from familydesk.appointments.professions import gives
from familydesk.appointments.series import MAX_OCCURRENCES
from familydesk.appointments.slots import FreeSlot
from familydesk.i18n import _
from familydesk.kernel.errors import FieldErrors, ValidationError
from familydesk.ui.appointments.fields import TimeField, read_moment
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField
from familydesk.ui.widgets.person_picker import PersonPicker

REPEATS = (0, 1, 2)  # does not repeat, every week, every two weeks


@dataclass(frozen=True)
class Repeat:
    every_weeks: int
    occurrences: int | None
    until: date | None
    skip_unavailable: bool


class BookingForm(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: CalendarChoices | None = None
        self.person = PersonPicker(runner)
        self.service, self.staff, self.place = QComboBox(), QComboBox(), QComboBox()
        self.room, self.interpreter = QComboBox(), QComboBox()
        for name, combo in (
            ("service", self.service),
            ("staff", self.staff),
            ("place", self.place),
            ("room", self.room),
            ("interpreter", self.interpreter),
        ):
            combo.setObjectName(name)
        self.day, self.time = DateField(), TimeField()
        self.day.setObjectName("day")
        self.time.setObjectName("time")
        self.minutes = QSpinBox()
        self.minutes.setObjectName("minutes")
        self.minutes.setRange(5, MAX_MINUTES)
        self.minutes.setSingleStep(15)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.repeat = QComboBox()
        self.repeat.setObjectName("repeat")
        for weeks in REPEATS:
            self.repeat.addItem("", weeks)
        self.times_choice, self.until_choice = QRadioButton(), QRadioButton()
        self.times_choice.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.times_choice)
        group.addButton(self.until_choice)
        self.occurrences = QSpinBox()
        self.occurrences.setObjectName("occurrences")
        self.occurrences.setRange(2, MAX_OCCURRENCES)
        self.occurrences.setValue(4)
        self.until = DateField()
        self.until.setObjectName("until")
        self.skip_closed = QCheckBox()
        self.skip_closed.setObjectName("skipClosed")

        when = QHBoxLayout()
        self.length_label = QLabel()
        self.length_label.setBuddy(self.minutes)
        for widget in (self.day, self.time, self.length_label, self.minutes):
            when.addWidget(widget)
        when.addStretch(1)
        repeat_row = QHBoxLayout()
        for widget in (
            self.repeat,
            self.times_choice,
            self.occurrences,
            self.until_choice,
            self.until,
        ):
            repeat_row.addWidget(widget)
        repeat_row.addStretch(1)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, QLabel] = {}
        rows: list[tuple[str, QWidget | QHBoxLayout]] = [
            ("person", self.person),
            ("service", self.service),
            ("staff", self.staff),
            ("place", self.place),
            ("room", self.room),
            ("interpreter", self.interpreter),
            ("starts_at", when),
            ("note", self.note),
            ("repeat", repeat_row),
        ]
        for key, field in rows:
            label = QLabel()
            if isinstance(field, QWidget):
                label.setBuddy(field)
            self.labels[key] = label
            self.form.addRow(label, field)
        self.labels["starts_at"].setBuddy(self.day)
        self.labels["repeat"].setBuddy(self.repeat)
        self.form.addRow("", self.skip_closed)

        self.service.currentIndexChanged.connect(self._service_changed)
        self.staff.currentIndexChanged.connect(lambda _i: self._fill_services())
        self.place.currentIndexChanged.connect(lambda _i: self._fill_rooms())
        self.repeat.currentIndexChanged.connect(lambda _i: self._repeat_changed())
        self.until_choice.toggled.connect(lambda _on: self._repeat_changed())
        self.until.textEdited.connect(lambda _t: self.until_choice.setChecked(True))
        self._repeat_changed()

    def retranslate_ui(self) -> None:
        texts = {
            "person": _("&For"),
            "service": _("&Service"),
            "staff": _("&Professional"),
            "place": _("P&lace"),
            "room": _("R&oom"),
            "interpreter": _("&Interpreter"),
            "starts_at": _("&Date and time"),
            "note": _("No&te"),
            "repeat": _("&Repeat"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.length_label.setText(_("Len&gth"))
        self.minutes.setSuffix(" " + _("min"))
        for index, text in enumerate((_("Does not repeat"), _("Every week"), _("Every two weeks"))):
            self.repeat.setItemText(index, text)
        self.times_choice.setText(_("times"))
        self.until_choice.setText(_("until"))
        self.skip_closed.setText(_("S&kip closed days (holidays, absences) and keep the count"))
        self.note.setPlaceholderText(_("A short note for the professional"))
        if self.room.count():
            self.room.setItemText(0, _("No room"))
        if self.interpreter.count():
            self.interpreter.setItemText(0, _("None"))
        self.person.retranslate_ui()
        self.day.retranslate_ui()
        self.until.retranslate_ui()

    # -- choices -----------------------------------------------------------------
    def set_choices(self, choices: CalendarChoices) -> None:
        self.choices = choices
        self.staff.blockSignals(True)
        self.staff.clear()
        for staff in choices.professionals:
            label = f"{staff.name} ({staff.profession})" if staff.profession else staff.name
            self.staff.addItem(label, staff.id)
        self.staff.blockSignals(False)
        self._fill_services()
        self.place.clear()
        for place in choices.places:
            self.place.addItem(f"{place.name} ({place.comune_name})", place.id)
        self.interpreter.clear()
        self.interpreter.addItem(_("None"), None)
        for staff in choices.interpreters:
            label = f"{staff.name} ({staff.languages})" if staff.languages else staff.name
            self.interpreter.addItem(label, staff.id)
        self._fill_rooms()
        self._service_changed()

    def _fill_services(self) -> None:
        """The services the chosen professional gives (all of them, if they give none):
        the one chosen stays if it fits, otherwise the first that does."""
        current = self.service.currentData()
        choices = self.choices
        staff = (
            next((s for s in choices.professionals if s.id == self.staff.currentData()), None)
            if choices
            else None
        )
        services = list(choices.services) if choices else []
        if staff is not None:
            services = [s for s in services if gives(s.profession, staff.profession)] or services
        self.service.blockSignals(True)
        self.service.clear()
        for service in services:
            self.service.addItem(service.name, service.id)
        self.service.setCurrentIndex(max(0, self.service.findData(current)))
        self.service.blockSignals(False)
        if self.service.currentData() != current:
            self._service_changed()

    def _fill_rooms(self) -> None:
        current = self.room.currentData()
        self.room.clear()
        self.room.addItem(_("No room"), None)
        place = self.place_row(self.place.currentData())
        for room in place.rooms if place else ():
            if room.active:
                self.room.addItem(room.name, room.id)
        self.room.setCurrentIndex(max(0, self.room.findData(current)))

    def place_row(self, place_id: int | None):  # type: ignore[no-untyped-def]
        places = self.choices.places if self.choices else ()
        return next((p for p in places if p.id == place_id), None)

    def _service_changed(self) -> None:
        services = self.choices.services if self.choices else ()
        service = next((s for s in services if s.id == self.service.currentData()), None)
        if service is not None:
            self.minutes.setValue(service.duration_minutes)

    def _repeat_changed(self) -> None:
        repeating = bool(self.repeat.currentData())
        for widget in (self.times_choice, self.until_choice, self.skip_closed):
            widget.setEnabled(repeating)
        self.occurrences.setEnabled(repeating and self.times_choice.isChecked())
        self.until.setEnabled(repeating and self.until_choice.isChecked())

    # -- filling -----------------------------------------------------------------
    @staticmethod
    def _choose(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def prefill(
        self,
        *,
        service_key: str | None = None,
        starts_at: datetime | None = None,
        staff_id: int | None = None,
        place_id: int | None = None,
        room_id: int | None = None,
    ) -> None:
        """Put what the caller knows in the form (a cell of the calendar, a request's need)."""
        if room_id is not None and self.choices:
            place_id = next(
                (p.id for p in self.choices.places for r in p.rooms if r.id == room_id), place_id
            )
        if place_id is not None:
            self._choose(self.place, place_id)
        if room_id is not None:
            self._choose(self.room, room_id)
        wanted = (
            next((s for s in self.choices.services if s.key == service_key), None)
            if service_key and self.choices
            else None
        )
        if staff_id is None and wanted is not None and self.choices:  # someone who gives it
            current = self.staff.currentData()
            givers = [
                p.id for p in self.choices.professionals if gives(wanted.profession, p.profession)
            ]
            staff_id = current if current in givers or not givers else givers[0]
        if staff_id is not None:  # before the service: the list is what they give
            self._choose(self.staff, staff_id)
        if wanted is not None:
            self._choose(self.service, wanted.id)
        if starts_at is not None:
            self.day.set_value(starts_at.date())
            self.time.set_value(starts_at)

    def apply_slot(self, slot: FreeSlot) -> None:
        self._choose(self.place, slot.place_id)
        self._choose(self.room, slot.room_id)
        self._choose(self.staff, slot.staff_id)
        self.day.set_value(slot.starts_at.date())
        self.time.set_value(slot.starts_at)

    # -- reading -----------------------------------------------------------------
    def starts_at(self) -> datetime | None:
        try:
            return read_moment(self.day, self.time)
        except ValueError:
            return None

    def read(self, request_id: int | None = None) -> AppointmentInput:
        """The booking typed; ``ValidationError`` names every field to fix."""
        errors = FieldErrors()
        for field, combo, text in (
            ("service", self.service, _("Service: choose one from the list.")),
            ("staff", self.staff, _("Professional: choose one from the list.")),
            ("place", self.place, _("Place: choose one from the list.")),
        ):
            if combo.currentData() is None:
                errors.add(field, text)
        try:
            starts_at = read_moment(self.day, self.time)
        except ValueError as exc:
            errors.add("starts_at", str(exc))
        errors.raise_any()
        family_id, person_id = self.person.value()
        return AppointmentInput(
            service_id=self.service.currentData(),
            staff_id=self.staff.currentData(),
            place_id=self.place.currentData(),
            starts_at=starts_at,
            minutes=self.minutes.value(),
            room_id=self.room.currentData(),
            interpreter_id=self.interpreter.currentData(),
            family_id=family_id,
            person_id=person_id,
            note=self.note.text(),
            request_id=request_id,
        )

    def read_repeat(self) -> Repeat | None:
        """The repetition asked for, or None; ``ValidationError`` for a bad end date."""
        weeks = self.repeat.currentData()
        if not weeks:
            return None
        if self.until_choice.isChecked():
            try:
                until = self.until.value()
            except ValueError as exc:
                raise ValidationError("until", str(exc)) from None
            if until is None:
                raise ValidationError("until", _("Until: write the last day as dd/mm/yyyy."))
            return Repeat(weeks, None, until, self.skip_closed.isChecked())
        return Repeat(weeks, self.occurrences.value(), None, self.skip_closed.isChecked())

    def field_widget(self, field: str) -> QWidget | None:
        widgets: dict[str, QWidget] = {
            "service": self.service,
            "staff": self.staff,
            "place": self.place,
            "room": self.room,
            "interpreter": self.interpreter,
            "minutes": self.minutes,
            "starts_at": self.day,
            "family": self.person,
            "person": self.person,
            "repeat": self.repeat,
            "until": self.until,
        }
        return widgets.get(field)

"""The weekly opening hours of a place: for each weekday up to two intervals
(e.g. 09:00-13:00 and 14:30-18:00), saved together."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.appointments import resources
from familydesk.appointments.resources import PlaceRow
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import weekday_name
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import ErrorLine

#: Intervals a day in the grid (the services accept more).
INTERVALS = 2
_WEEKDAYS = range(7)
_WORKDAYS = range(1, 5)


def _clock_field() -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(5)
    edit.setFixedWidth(64)
    edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return edit


class HoursGrid(QGroupBox):
    """``saved(PlaceRow)`` after the week was saved."""

    saved = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.place: PlaceRow | None = None
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.headers = [QLabel() for _i in range(INTERVALS)]
        for index, header in enumerate(self.headers):
            grid.addWidget(header, 0, 1 + index * 3, 1, 3, Qt.AlignmentFlag.AlignCenter)
        self.day_labels: list[QLabel] = []
        #: ``fields[weekday][interval]`` = (opens, closes)
        self.fields: list[list[tuple[QLineEdit, QLineEdit]]] = []
        for weekday in _WEEKDAYS:
            label = QLabel()
            grid.addWidget(label, weekday + 1, 0)
            self.day_labels.append(label)
            day: list[tuple[QLineEdit, QLineEdit]] = []
            for interval in range(INTERVALS):
                opens, closes = _clock_field(), _clock_field()
                opens.setObjectName(f"opens_{weekday}_{interval}")
                closes.setObjectName(f"closes_{weekday}_{interval}")
                column = 1 + interval * 3
                grid.addWidget(opens, weekday + 1, column)
                grid.addWidget(QLabel("–"), weekday + 1, column + 1)
                grid.addWidget(closes, weekday + 1, column + 2)
                for edit in (opens, closes):
                    edit.returnPressed.connect(self.save)
                day.append((opens, closes))
            self.fields.append(day)
            label.setBuddy(day[0][0])
        grid.setColumnStretch(7, 1)
        self.copy_button, self.save_button = QPushButton(), QPushButton()
        self.save_button.setObjectName("saveHours")
        self.copy_button.clicked.connect(self.copy_monday)
        self.save_button.clicked.connect(self.save)
        self.error = ErrorLine()
        self.status = QLabel()
        self.status.setObjectName("okLabel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)  # above the grid: seen without scrolling
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate_ui()
        self.show_place(None)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Opening hours"))
        for index, header in enumerate(self.headers):
            header.setText(_("Morning") if index == 0 else _("Afternoon"))
        for weekday, label in enumerate(self.day_labels):
            label.setText(weekday_name(weekday))
        for day in self.fields:
            for opens, closes in day:
                opens.setPlaceholderText(_("hh:mm"))
                closes.setPlaceholderText(_("hh:mm"))
        self.copy_button.setText(_("Copy Monday to Tuesday–Friday"))
        self.save_button.setText(_("Save opening &hours"))

    def show_place(self, place: PlaceRow | None) -> None:
        """The hours of ``place`` (None: a place not saved yet, nothing to edit)."""
        if getattr(place, "id", None) != getattr(self.place, "id", None):
            self.error.show_message("")
            self.status.clear()
        self.place = place
        self.setEnabled(place is not None)
        by_day: dict[int, list[tuple[str, str]]] = {d: [] for d in _WEEKDAYS}
        for hours in place.hours if place else ():
            by_day[hours.weekday].append(
                (hours.opens.strftime("%H:%M"), hours.closes.strftime("%H:%M"))
            )
        for weekday, day in enumerate(self.fields):
            intervals = by_day[weekday]
            for index, (opens, closes) in enumerate(day):
                text = intervals[index] if index < len(intervals) else ("", "")
                opens.setText(text[0])
                closes.setText(text[1])

    def intervals(self) -> list[tuple[int, str, str]]:
        """What is typed, day by day (empty intervals included: the service drops them)."""
        return [
            (weekday, opens.text(), closes.text())
            for weekday, day in enumerate(self.fields)
            for opens, closes in day
        ]

    def copy_monday(self) -> None:
        for weekday in _WORKDAYS:
            for (opens, closes), (monday_opens, monday_closes) in zip(
                self.fields[weekday], self.fields[0], strict=True
            ):
                opens.setText(monday_opens.text())
                closes.setText(monday_closes.text())

    def save(self) -> None:
        if self.place is None:
            return
        self.error.show_message("")
        self.status.clear()
        self.runner.write(
            resources.set_opening_hours,
            self.place.id,
            self.place.version,
            self.intervals(),
            on_done=self._saved,
            on_error=self._failed,
            owner=self,
        )

    def _saved(self, place: PlaceRow) -> None:
        self.show_place(place)
        self.status.setText(_("Opening hours saved."))
        self.saved.emit(place)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        self.error.show_message(exc.message)
        weekday = exc.field.partition(".")[2]
        if weekday.isdigit():
            self.fields[int(weekday)][0][0].setFocus()

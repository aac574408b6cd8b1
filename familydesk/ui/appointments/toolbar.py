"""The calendar page's toolbar: day or week, whose calendar, which date; and the legend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from familydesk.appointments.names import STATUSES
from familydesk.i18n import _, format_date
from familydesk.kernel import clock
from familydesk.ui.appointments.grid_paint import STATUS_COLOURS, day_heading
from familydesk.ui.widgets.fields import DateField

VIEWS = ("day", "week")
KINDS = ("staff", "room", "place")


@dataclass(frozen=True)
class Resource:
    """One entry of the resource selector."""

    id: int
    label: str


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class CalendarToolbar(QWidget):
    """``changed()`` whenever the view, the resource or the date changes."""

    changed = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = clock.today()
        self._resources: dict[str, list[Resource]] = {kind: [] for kind in KINDS}
        self.view = QComboBox()
        self.view.setObjectName("viewChoice")
        for key in VIEWS:
            self.view.addItem("", key)
        self.view.setCurrentIndex(1)
        self.kind = QComboBox()
        self.kind.setObjectName("resourceKind")
        for key in KINDS:
            self.kind.addItem("", key)
        self.resource = QComboBox()
        self.resource.setObjectName("resourceChoice")
        self.resource.setMinimumContentsLength(22)
        self.resource.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.previous = QPushButton("◀")
        self.today = QPushButton()
        self.next = QPushButton("▶")
        for button in (self.previous, self.next):
            button.setFixedWidth(36)
        self.date = DateField()
        self.date.setObjectName("calendarDate")
        self.span = QLabel()
        self.span.setObjectName("countLabel")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newAppointment")
        self.labels = [QLabel(), QLabel()]
        self.labels[0].setBuddy(self.view)
        self.labels[1].setBuddy(self.kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.labels[0],
            self.view,
            self.labels[1],
            self.kind,
            self.resource,
            self.previous,
            self.today,
            self.next,
            self.date,
            self.span,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        # The page puts ``new_button`` on the legend's row: one toolbar row fits 1366 pixels.

        self.view.currentIndexChanged.connect(lambda _i: self._set_day(self.day))
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_resources())
        self.resource.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.previous.clicked.connect(lambda: self.shift(-1))
        self.next.clicked.connect(lambda: self.shift(1))
        self.today.clicked.connect(lambda: self._set_day(clock.today()))
        self.date.editingFinished.connect(self._date_typed)
        self.new_button.clicked.connect(self.new_requested.emit)

    def retranslate_ui(self) -> None:
        names = {"day": _("Day"), "week": _("Week")}
        for index, key in enumerate(VIEWS):
            self.view.setItemText(index, names[key])
        kinds = {"staff": _("Professional"), "room": _("Room"), "place": _("Place")}
        for index, key in enumerate(KINDS):
            self.kind.setItemText(index, kinds[key])
        self.labels[0].setText(_("S&how"))
        self.labels[1].setText(_("&Calendar of"))
        self.previous.setToolTip(_("Previous (Page Up)"))
        self.next.setToolTip(_("Next (Page Down)"))
        self.today.setText(_("Today"))
        self.new_button.setText(_("New appointment"))
        self.new_button.setToolTip("Ctrl+N")
        self.date.retranslate_ui()
        self._show_day()

    # -- state ---------------------------------------------------------------
    @property
    def view_key(self) -> str:
        return str(self.view.currentData())

    @property
    def kind_key(self) -> str:
        return str(self.kind.currentData())

    @property
    def resource_id(self) -> int | None:
        value = self.resource.currentData()
        return int(value) if value is not None else None

    def days(self) -> list[date]:
        """The days to show: the chosen day, or Monday to Sunday of its week."""
        if self.view_key == "day":
            return [self.day]
        monday = monday_of(self.day)
        return [monday + timedelta(days=n) for n in range(7)]

    def set_resources(self, kind: str, resources: list[Resource]) -> None:
        """The choices for ``kind``; the current choice is kept when still there."""
        self._resources[kind] = list(resources)
        if kind == self.kind_key:
            self._fill_resources()

    def choose(
        self,
        kind: str | None = None,
        resource_id: int | None = None,
        day: date | None = None,
        view: str | None = None,
    ) -> None:
        """Show ``kind``/``resource_id`` on ``day`` in ``view`` (each optional), once."""
        widgets = (self.view, self.kind, self.resource)
        for widget in widgets:
            widget.blockSignals(True)
        if view is not None:
            self.view.setCurrentIndex(max(0, self.view.findData(view)))
        if kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self._fill_resources(emit=False)
        if resource_id is not None:
            self.resource.setCurrentIndex(max(0, self.resource.findData(resource_id)))
        if day is not None:
            self.day = day
        for widget in widgets:
            widget.blockSignals(False)
        self._show_day()
        self.changed.emit()

    def _fill_resources(self, emit: bool = True) -> None:
        current = self.resource.currentData()
        self.resource.blockSignals(True)
        self.resource.clear()
        for resource in self._resources[self.kind_key]:
            self.resource.addItem(resource.label, resource.id)
        self.resource.setCurrentIndex(max(0, self.resource.findData(current)))
        self.resource.blockSignals(False)
        if emit:
            self.changed.emit()

    def shift(self, direction: int) -> None:
        """Previous (-1) or next (1) day or week."""
        self._set_day(self.day + timedelta(days=direction * (1 if self.view_key == "day" else 7)))

    def _set_day(self, day: date) -> None:
        self.day = day
        self._show_day()
        self.changed.emit()

    def _date_typed(self) -> None:
        try:
            day = self.date.value()
        except ValueError:
            self._show_day()
            return
        if day is not None and day != self.day:
            self._set_day(day)

    def _show_day(self) -> None:
        self.date.set_value(self.day)
        days = self.days()
        self.span.setText(
            day_heading(days[0])[0]
            if len(days) == 1
            else _("{first} - {last}").format(
                first=format_date(days[0]), last=format_date(days[-1])
            )
        )


class StatusLegend(QWidget):
    """The colours of the statuses, as small chips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.chips: dict[str, QLabel] = {}
        for status, (fill, border, text) in STATUS_COLOURS.items():
            chip = QLabel()
            strike = "text-decoration: line-through;" if status == "cancelled" else ""
            chip.setStyleSheet(
                f"background: {fill}; color: {text}; border: 1px solid {border};"
                f"border-radius: 8px; padding: 1px 8px; {strike}"
            )
            self.chips[status] = chip
            layout.addWidget(chip, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hint = QLabel()
        self.hint.setObjectName("countLabel")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint, 1)

    def retranslate_ui(self) -> None:
        for status, chip in self.chips.items():
            chip.setText(_(STATUSES[status]))
        self.hint.setText(
            _(
                "Drag a block or press Ctrl+↑/↓ to move it; Enter opens it; double click a free "
                "time to book."
            )
        )

"""Settings → Appointments → Closed days and Patron saints: extra days without
appointments (one place or all) and each member comune's patron saint's day."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from familydesk.appointments import resources
from familydesk.appointments.resources import ClosureRow, PatronDayRow, PlaceRow
from familydesk.i18n import _, format_date
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import weekday_name
from familydesk.ui.settings.appointments_form import (
    FieldForm,
    list_table,
    on_enter,
    row_of,
    selected_row,
)
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField, record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def _place(row: ClosureRow) -> str:
    return row.place_name or _("All places")


class ClosuresTab(QWidget):
    """The extra closed days of a year; national holidays and patron saints' days are
    closed anyway and are not listed."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.year = QSpinBox()
        self.year.setObjectName("closureYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.valueChanged.connect(lambda _y: self.load())
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.model = RowsTableModel(
            [
                Column(
                    lambda: _("Day"),
                    lambda r: f"{weekday_name(r.day.weekday())} {format_date(r.day)}",
                ),
                Column(lambda: _("Where"), _place),
                Column(lambda: _("Reason"), lambda r: r.reason),
            ],
            self,
        )
        self.table = record_table(self.model)
        self.form = FieldForm()
        self.day = self.form.add("day", DateField(), lambda: _("&Day"))
        self.place = self.form.add("place_id", QComboBox(), lambda: _("&Place"))
        self.reason = self.form.add("reason", QLineEdit(), lambda: _("&Reason"))
        self.form.add_general_error()
        on_enter(self.add, self.day, self.reason)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.setObjectName("addClosure")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)
        left = QVBoxLayout()
        left.addLayout(row_of(self.year_label, self.year))
        left.addWidget(self.table, 1)
        left.addLayout(row_of(self.remove_button))
        right = QVBoxLayout()
        right.addWidget(self.intro)
        right.addLayout(self.form)
        right.addLayout(row_of(self.add_button))
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 4)
        layout.addLayout(right, 5)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "National holidays and the patron saint's day of each comune are closed anyway. "
                "Add here the other days without appointments: bridge days, 24 and 31 December, "
                "a place closed for works."
            )
        )
        self.year_label.setText(_("&Year"))
        self.form.retranslate()
        self.day.retranslate_ui()
        self.reason.setPlaceholderText(_("e.g. Ponte di Ferragosto"))
        if self.place.count():
            self.place.setItemText(0, _("All places"))
        self.add_button.setText(_("&Add closed day"))
        self.remove_button.setText(_("Remove selected day"))
        self.model.retranslate()

    def load(self) -> None:
        self.runner.read(resources.list_places, on_done=self._show_places, owner=self)
        self.runner.read(
            resources.list_closures,
            self.year.value(),
            on_done=self.model.set_rows,
            on_error=lambda exc: show_error(self, exc),
            owner=self,
        )

    def _show_places(self, places: list[PlaceRow]) -> None:
        current = self.place.currentData()
        self.place.clear()
        self.place.addItem(_("All places"), None)
        for place in places:
            self.place.addItem(f"{place.name} ({place.comune_name})", place.id)
        self.place.setCurrentIndex(max(0, self.place.findData(current)))

    def add(self) -> None:
        self.form.clear_errors()
        try:
            day = self.day.value()
        except ValueError as exc:
            self.form.show_error(ValidationError("day", str(exc)))
            return
        self.runner.write(
            resources.add_closure,
            self.place.currentData(),
            day,
            self.reason.text(),
            on_done=self._added,
            on_error=self._failed,
            owner=self,
        )

    def _added(self, row: ClosureRow) -> None:
        self.day.clear()
        self.reason.clear()
        if row.day.year != self.year.value():
            self.year.setValue(row.day.year)  # reloads
        else:
            self.load()
        self.day.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.form.report(exc, self)

    def remove_selected(self) -> None:
        closure = selected_row(self.table)
        if closure is None:
            self.form.show_error(ValidationError("", _("Select a day in the list first.")))
            return
        self.runner.write(
            resources.remove_closure,
            closure.id,
            closure.version,
            on_done=lambda _r: self.load(),
            on_error=self._failed,
            owner=self,
        )


class PatronDaysTab(QWidget):
    """The patron saint's day of each member comune: no appointments there that day."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.model = RowsTableModel(
            [
                Column(lambda: _("Comune"), lambda r: r.comune_name),
                Column(lambda: _("Day"), lambda r: resources.patron_day_text(r.patron_day)),
                Column(lambda: _("Patron saint"), lambda r: r.patron_saint),
            ],
            self,
        )
        self.table = list_table(self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.day = self.form.add("patron_day", QLineEdit(), lambda: _("&Day (dd/mm)"))
        self.day.setMaxLength(5)
        self.day.setMaximumWidth(90)
        self.saint = self.form.add("patron_saint", QLineEdit(), lambda: _("&Patron saint"))
        self.form.add_general_error()
        on_enter(self.save, self.day, self.saint)
        self.save_button, self.clear_button = QPushButton(), QPushButton()
        self.save_button.setObjectName("savePatronDay")
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear_day)
        self.status = QLabel()
        self.status.setObjectName("okLabel")
        right = QVBoxLayout()
        right.addWidget(self.intro)
        right.addLayout(self.form)
        right.addLayout(row_of(self.save_button, self.clear_button))
        right.addWidget(self.status)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 4)
        layout.addLayout(right, 5)
        self.retranslate_ui()
        self._selected()

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "The patron saint's day is a holiday in its comune: no appointments are booked "
                "at its places that day. Choose a comune in the list."
            )
        )
        self.form.retranslate()
        self.day.setPlaceholderText(_("e.g. 19/09"))
        self.saint.setPlaceholderText(_("e.g. San Marco"))
        self.save_button.setText(_("&Save"))
        self.clear_button.setText(_("Clear"))
        self.model.retranslate()

    def load(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else getattr(self.selected(), "comune_id", None)
        self.runner.read(
            resources.list_patron_days,
            on_done=lambda rows: self._show(rows, keep),
            on_error=lambda exc: show_error(self, exc),
            owner=self,
        )

    def _show(self, rows: list[PatronDayRow], keep: int | None) -> None:
        self.model.set_rows(rows)
        index = next((i for i, r in enumerate(rows) if r.comune_id == keep), 0 if rows else None)
        if index is not None:
            self.table.selectRow(index)
        self._selected()

    def selected(self) -> PatronDayRow | None:
        return selected_row(self.table)

    def _selected(self) -> None:
        row = self.selected()
        self.form.clear_errors()
        self.day.setText(resources.patron_day_text(row.patron_day) if row else "")
        self.saint.setText(row.patron_saint if row else "")
        for widget in (self.day, self.saint, self.save_button, self.clear_button):
            widget.setEnabled(row is not None)

    def save(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.form.clear_errors()
        self.status.clear()
        self.runner.write(
            resources.set_patron_day,
            row.comune_id,
            row.version,
            self.day.text(),
            self.saint.text(),
            on_done=self._saved,
            on_error=self._failed,
            owner=self,
        )

    def clear_day(self) -> None:
        self.day.clear()
        self.saint.clear()
        self.save()

    def _saved(self, row: PatronDayRow) -> None:
        self.load(select_id=row.comune_id)
        self.status.setText(_("Saved."))

    def _failed(self, exc: BaseException) -> None:
        self.form.report(exc, self)

"""Settings → Appointments → Places: the places (sedi) in the member comuni, their
rooms and their weekly opening hours."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.appointments import resources
from familydesk.appointments.resources import PlaceInput, PlaceRow, RoomInput, RoomRow
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.registry import centre
from familydesk.registry.centre import MemberComuneRow
from familydesk.ui.settings.appointments_form import (
    ResourceEditor,
    active_box,
    list_table,
    on_enter,
    row_of,
    selected_row,
    state_text,
)
from familydesk.ui.settings.appointments_hours import HoursGrid
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import ErrorLine
from familydesk.ui.widgets.table_model import Column, RowsTableModel


class PlacesTab(ResourceEditor):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(
            runner,
            [
                Column(lambda: _("Name"), lambda r: r.name),
                Column(lambda: _("Comune"), lambda r: r.comune_name),
                Column(lambda: _("State"), state_text),
            ],
            resources.list_places,
            resources.save_place,
            resources.remove_place,
            parent,
            form_under_list=True,
        )
        form = self.form
        self.name = form.add("name", QLineEdit(), lambda: _("&Name"))
        self.comune = form.add("comune_id", QComboBox(), lambda: _("&Comune"))
        self.address = form.add("address", QLineEdit(), lambda: _("&Address"))
        self.active = active_box(form)
        form.add_general_error()
        on_enter(self.save, self.name, self.address)
        self.rooms = RoomsBox(runner)
        self.rooms.changed.connect(self._children_changed)
        self.hours = HoursGrid(runner)
        self.hours.saved.connect(lambda place: self._children_changed(place.id))
        right = QVBoxLayout()
        right.addWidget(self.rooms)
        right.addWidget(self.hours, 1)
        self.add_column(right)
        self.retranslate_ui()
        self.fill(None)

    def retranslate_ui(self) -> None:
        self.name.setPlaceholderText(_("e.g. Centro per le Famiglie, via Roma"))
        self.save_button.setText(_("&Save place"))
        self.new_button.setText(_("New place"))
        self.remove_button.setText(_("Remove…"))
        self.rooms.retranslate_ui()
        self.hours.retranslate_ui()
        super().retranslate_ui()

    def load(self, select_id: int | None = None) -> None:
        self.runner.read(centre.list_member_comuni, on_done=self._show_comuni, owner=self)
        super().load(select_id)

    def _show_comuni(self, comuni: list[MemberComuneRow]) -> None:
        current = self.comune.currentData()
        self.comune.clear()
        for comune in comuni:
            self.comune.addItem(comune.name, comune.id)
        self.comune.setCurrentIndex(max(0, self.comune.findData(current)))
        self.form.errors["comune_id"].show_message(
            "" if comuni else _("Add the member comuni first (General tab, Member comuni).")
        )

    def _children_changed(self, place_id: int) -> None:
        self.current = None
        self.load(select_id=place_id)

    def fill(self, row: PlaceRow | None) -> None:
        self.name.setText(row.name if row else "")
        if row is not None:
            self.comune.setCurrentIndex(max(0, self.comune.findData(row.comune_id)))
        self.address.setText(row.address if row else "")
        self.active.setChecked(row.active if row else True)
        self.rooms.show_place(row)
        self.hours.show_place(row)

    def gather(self) -> PlaceInput:
        row = self.current
        return PlaceInput(
            self.name.text(),
            self.comune.currentData(),
            self.address.text(),
            self.active.isChecked(),
            row.id if row else None,
            row.version if row else None,
        )

    def removal_question(self, row: Any) -> str:
        return _(
            "Remove the place “{name}” with its rooms, opening hours and closed days? If "
            "appointments were booked there, it is kept as not in use."
        ).format(name=row.name)


class RoomsBox(QGroupBox):
    """The rooms of the place shown in the form: add, rename, remove or use again.

    ``changed(place_id)`` after each change."""

    changed = Signal(int)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.place: PlaceRow | None = None
        self.model = RowsTableModel(
            [
                Column(lambda: _("Room"), lambda r: r.name),
                Column(lambda: _("State"), state_text),
            ],
            self,
        )
        self.table = list_table(self.model)
        self.table.setMinimumHeight(80)
        self.table.setMaximumHeight(130)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.name = QLineEdit()
        self.name.setObjectName("roomName")
        on_enter(self.add, self.name)
        self.add_button, self.rename_button, self.toggle_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.toggle_button.clicked.connect(self.toggle)
        self.error = ErrorLine()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.name)
        layout.addWidget(self.error)
        layout.addLayout(row_of(self.add_button, self.rename_button, self.toggle_button))
        self.retranslate_ui()
        self.show_place(None)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Rooms"))
        self.name.setPlaceholderText(_("Room name, e.g. Sala colloqui 1"))
        self.add_button.setText(_("Add room"))
        self.rename_button.setText(_("Rename"))
        self.model.retranslate()
        self._selected()

    def show_place(self, place: PlaceRow | None) -> None:
        self.place = place
        self.setEnabled(place is not None)
        self.model.set_rows(list(place.rooms) if place else [])
        self.error.show_message("")
        self._selected()

    def selected(self) -> RoomRow | None:
        return selected_row(self.table)

    def _selected(self) -> None:
        room = self.selected()
        if room is not None:
            self.name.setText(room.name)
        self.rename_button.setEnabled(room is not None)
        self.toggle_button.setEnabled(room is not None)
        self.toggle_button.setText(
            _("Use again") if room is not None and not room.active else _("Remove…")
        )

    def add(self) -> None:
        if self.place is not None:
            self._write(resources.save_room, RoomInput(self.place.id, self.name.text()))

    def rename(self) -> None:
        room = self.selected()
        if room is not None:
            self._write(
                resources.save_room,
                RoomInput(room.place_id, self.name.text(), room.active, room.id, room.version),
            )

    def toggle(self) -> None:
        room = self.selected()
        if room is None:
            return
        if not room.active:
            self._write(
                resources.save_room,
                RoomInput(room.place_id, room.name, True, room.id, room.version),
            )
            return
        question = _(
            "Remove the room “{name}”? If appointments were booked in it, it is kept as not in use."
        ).format(name=room.name)
        if QMessageBox.question(self, _("Remove"), question) == QMessageBox.StandardButton.Yes:
            self._write(resources.remove_room, room.id, room.version)

    def _write(self, fn: Any, *args: Any) -> None:
        self.error.show_message("")
        self.runner.write(fn, *args, on_done=self._done, on_error=self._failed, owner=self)

    def _done(self, _result: object) -> None:
        self.name.clear()
        if self.place is not None:
            self.changed.emit(self.place.id)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.error.show_message(exc.message)
            self.name.setFocus()
            self.name.selectAll()
        else:
            show_error(self, exc)

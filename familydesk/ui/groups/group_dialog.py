"""New group / Edit group: every field of ``GroupInput``; the venue from the centre's places,
the educators from the operators (educators first). Errors appear under the field they name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from familydesk.appointments.resources import PlaceRow, list_places
from familydesk.groups.catalog import GroupRow, educator_choices
from familydesk.groups.editing import GroupInput, create_group, update_group
from familydesk.groups.names import KINDS, TARGETS, translated
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.ui.settings.appointments_form import FieldForm
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField, MoneyField
from familydesk.ui.widgets.form_dialog import FormDialog


def _spin(low: int, high: int, special: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    if special:
        spin.setSpecialValueText(special)
    spin.setValue(low)
    spin.setMinimumWidth(90)
    return spin


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(
            widget, 1 if isinstance(widget, QLineEdit) and not widget.maximumWidth() < 1000 else 0
        )
    if not any(isinstance(w, QLineEdit) and w.maximumWidth() >= 1000 for w in widgets):
        row.addStretch(1)
    return holder


class GroupDialog(FormDialog):
    """``saved(GroupRow)`` after the group was created or changed."""

    def __init__(
        self, runner: Runner, group: GroupRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.group = group
        self.setWindowTitle(_("New group") if group is None else _("Edit group"))
        self.title, self.kind = QLineEdit(), QComboBox()
        for key in KINDS:
            self.kind.addItem(translated(KINDS, key), key)
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(64)
        self.description.setTabChangesFocus(True)
        self.place, self.room = QComboBox(), QComboBox()
        self.target = QComboBox()
        for key in TARGETS:
            self.target.addItem(translated(TARGETS, key), key)
        self.age_from, self.age_to = _spin(-1, 99, "—"), _spin(-1, 99, "—")
        self.age_unit = QComboBox()
        self.age_unit.addItem(_("years"), "years")
        self.age_unit.addItem(_("months"), "months")
        self.capacity = _spin(0, 1000, _("no limit"))
        self.capacity_per = QComboBox()
        self.capacity_per.addItem(_("per person"), "person")
        self.capacity_per.addItem(_("per family"), "family")
        self.opens, self.closes = DateField(), DateField()
        self.language = QLineEdit("it")
        self.language.setMaximumWidth(80)
        self.cost, self.cost_note = MoneyField(), QLineEdit()
        self.cost.setMaximumWidth(110)
        self.cost.setPlaceholderText(_("free"))
        self.completion = _spin(1, 100)
        self.completion.setSuffix(" %")
        self.completion.setValue(75)
        self.completion.setMaximumWidth(90)
        self.educators = QListWidget()
        self.educators.setFixedHeight(110)
        self.form = FieldForm()
        add = self.form.add
        add("title", self.title, lambda: _("&Title"))
        add("kind", self.kind, lambda: _("&Kind"))
        add("description", self.description, lambda: _("&Description"))
        add("place_id", self.place, lambda: _("&Venue"))
        add("room_id", self.room, lambda: _("&Room"))
        add("target", self.target, lambda: _("For &whom"))
        add(
            "age_from",
            _row(self.age_from, self.age_to, self.age_unit),
            lambda: _("Children's &age (from, to)"),
        )
        add("capacity", _row(self.capacity, self.capacity_per), lambda: _("&Places"))
        add("signup_opens", _row(self.opens, self.closes), lambda: _("&Sign-ups (open, close)"))
        add("language", self.language, lambda: _("&Language"))
        add("cost", _row(self.cost, self.cost_note), lambda: _("&Cost (€, conditions)"))
        add("completion_percent", self.completion, lambda: _("Co&mpletion: present at"))
        add("educators", self.educators, lambda: _("&Educators"))
        self.form.add_general_error()
        self.form.retranslate()
        for field in (self.opens, self.closes):
            field.retranslate_ui()
        self.lay_out(self.form)
        self.place.currentIndexChanged.connect(lambda _i: self._fill_rooms())
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self._places: list[PlaceRow] = []
        self.setMinimumWidth(600)
        runner.read(list_places, owner=self, on_done=self._places_loaded)
        runner.read(educator_choices, owner=self, on_done=self._educators_loaded)
        if group is not None:
            self._fill(group)

    def _fill(self, group: GroupRow) -> None:
        self.title.setText(group.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(group.kind)))
        self.description.setPlainText(group.description)
        self.target.setCurrentIndex(max(0, self.target.findData(group.target)))
        self.age_from.setValue(-1 if group.age_from is None else group.age_from)
        self.age_to.setValue(-1 if group.age_to is None else group.age_to)
        self.age_unit.setCurrentIndex(max(0, self.age_unit.findData(group.age_unit)))
        self.capacity.setValue(group.capacity or 0)
        self.capacity_per.setCurrentIndex(max(0, self.capacity_per.findData(group.capacity_per)))
        self.opens.set_value(group.signup_opens)
        self.closes.set_value(group.signup_closes)
        self.language.setText(group.language)
        self.cost.setText(
            "" if group.cost_cents is None else f"{group.cost_cents / 100:.2f}".replace(".", ",")
        )
        self.cost_note.setText(group.cost_note)
        self.completion.setValue(group.completion_percent)

    def _places_loaded(self, places: list[PlaceRow]) -> None:
        self._places = places
        self.place.blockSignals(True)
        self.place.clear()
        for place in places:
            self.place.addItem(f"{place.name} ({place.comune_name})", place.id)
        if self.group is not None:
            self.place.setCurrentIndex(max(0, self.place.findData(self.group.place_id)))
        self.place.blockSignals(False)
        self._fill_rooms()
        if self.group is not None:
            self.room.setCurrentIndex(max(0, self.room.findData(self.group.room_id)))

    def _fill_rooms(self) -> None:
        self.room.clear()
        self.room.addItem(_("— none —"), None)
        for place in self._places:
            if place.id == self.place.currentData():
                for room in place.rooms:
                    self.room.addItem(room.name, room.id)
        if self.room.count() == 2:
            self.room.setCurrentIndex(1)

    def _educators_loaded(self, choices: list[tuple[int, str]]) -> None:
        chosen = set(self.group.educator_ids) if self.group else set()
        self.educators.clear()
        for operator_id, name in choices:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, operator_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if operator_id in chosen else Qt.CheckState.Unchecked
            )
            self.educators.addItem(item)

    def tick_educators(self, operator_ids: list[int]) -> None:
        for row in range(self.educators.count()):
            item = self.educators.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in operator_ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def data(self) -> GroupInput:
        """What the form says; ``ValidationError`` for a date or an amount not understood."""
        try:
            opens, closes = self.opens.value(), self.closes.value()
        except ValueError as exc:
            raise ValidationError("signup_opens", str(exc)) from None
        try:
            cost = self.cost.value()
        except ValueError as exc:
            raise ValidationError("cost", str(exc)) from None
        educators = tuple(
            self.educators.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.educators.count())
            if self.educators.item(r).checkState() == Qt.CheckState.Checked
        )
        return GroupInput(
            title=self.title.text(),
            kind=self.kind.currentData(),
            place_id=self.place.currentData(),
            room_id=self.room.currentData(),
            description=self.description.toPlainText(),
            target=self.target.currentData(),
            age_from=None if self.age_from.value() < 0 else self.age_from.value(),
            age_to=None if self.age_to.value() < 0 else self.age_to.value(),
            age_unit=self.age_unit.currentData(),
            capacity=self.capacity.value() or None,
            capacity_per=self.capacity_per.currentData(),
            signup_opens=opens,
            signup_closes=closes,
            language=self.language.text(),
            cost_cents=None if cost is None else int(round(cost * 100)),
            cost_note=self.cost_note.text(),
            completion_percent=self.completion.value(),
            educator_ids=educators,
        )

    def save(self) -> None:
        self.form.clear_errors()
        try:
            data = self.data()
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        if self.group is None:
            self.submit(create_group, data)
        else:
            self.submit(update_group, self.group.id, self.group.version, data)

    def show_field_error(self, exc: ValidationError) -> None:
        keys = {
            "age_to": "age_from",
            "capacity_per": "capacity",
            "signup_closes": "signup_opens",
            "cost_note": "cost",
        }
        (field, message), *more = [(keys.get(f, f), m) for f, m in exc.errors]
        self.form.show_error(ValidationError(field, message, tuple(more)))

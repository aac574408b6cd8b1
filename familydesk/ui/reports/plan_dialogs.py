"""The plan's dialogs (coordinators and administrators): an action, an indicator (a
measure from the list with that measure's filters, or a value typed in with its
source), the groups tagged with an action."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.reports.plan import editing, records
from familydesk.reports.plan.filters import FilterSpec
from familydesk.reports.plan.measures import MEASURES
from familydesk.ui.directory.form_base import DirectoryFormDialog
from familydesk.ui.settings.appointments_form import FieldForm
from familydesk.ui.shell.runner import Runner


def _text(height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setMaximumHeight(height)
    return edit


class ActionDialog(DirectoryFormDialog):
    """``saved(ActionRow)`` after the action was added or changed."""

    def __init__(
        self, runner: Runner, action: records.ActionRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.action = action
        self.setWindowTitle(_("New action") if action is None else _("Edit action"))
        self.plan, self.code, self.title = QLineEdit(), QLineEdit(), QLineEdit()
        self.area, self.macro_area = QLineEdit(), QComboBox()
        self.macro_area.addItem("", "")
        for letter in editing.MACRO_AREAS[1:]:
            self.macro_area.addItem(letter, letter)
        self.objective, self.description = _text(), _text(100)
        form = FieldForm()
        for key, widget, label in (
            ("plan", self.plan, lambda: _("&Plan")),
            ("code", self.code, lambda: _("&Code")),
            ("title", self.title, lambda: _("&Title")),
            ("area", self.area, lambda: _("&Area")),
            ("macro_area", self.macro_area, lambda: _("&Macro-area")),
            ("objective", self.objective, lambda: _("&Objective")),
            ("description", self.description, lambda: _("&Description")),
        ):
            form.add(key, widget, label)
        self.forms = [form]
        self.ready()
        if action is not None:
            for edit, value in (
                (self.plan, action.plan),
                (self.code, action.code),
                (self.title, action.title),
                (self.area, action.area),
            ):
                edit.setText(value)
            self.macro_area.setCurrentIndex(max(0, self.macro_area.findData(action.macro_area)))
            self.objective.setPlainText(action.objective)
            self.description.setPlainText(action.description)

    def data(self) -> editing.ActionInput:
        a = self.action
        return editing.ActionInput(
            title=self.title.text(),
            plan=self.plan.text(),
            code=self.code.text(),
            area=self.area.text(),
            macro_area=self.macro_area.currentData() or "",
            objective=self.objective.toPlainText(),
            description=self.description.toPlainText(),
            position=a.position if a else 0,
            id=a.id if a else None,
            version=a.version if a else None,
        )

    def save(self) -> None:
        self.clear_errors()
        self.submit(editing.save_action, self.data())


def _qdate(day: Any) -> QDate:
    return QDate(day.year, day.month, day.day)


class IndicatorDialog(DirectoryFormDialog):
    """``saved(IndicatorRow)``. The filters shown are the chosen measure's; "typed in"
    shows the value and its source instead."""

    def __init__(
        self,
        runner: Runner,
        action_id: int,
        indicator: records.IndicatorRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.action_id, self.indicator = action_id, indicator
        self.setWindowTitle(_("New indicator") if indicator is None else _("Edit indicator"))
        self.name, self.target = QLineEdit(), QLineEdit()
        self.period_from, self.period_to = QDateEdit(), QDateEdit()
        for edit in (self.period_from, self.period_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        today = clock.today()
        self.period_from.setDate(QDate(today.year, 1, 1))
        self.period_to.setDate(QDate(today.year, 12, 31))
        self.measure = QComboBox()
        self.measure.addItem(_("Typed in, with its source"), "")
        for known in MEASURES:
            self.measure.addItem(_(known.label), known.key)
        self.filters_box = QWidget()
        self.filters_layout = QVBoxLayout(self.filters_box)
        self.filters_layout.setContentsMargins(0, 0, 0, 0)
        self.filter_widgets: dict[str, tuple[FilterSpec, QWidget]] = {}
        self.manual_value, self.manual_source = QLineEdit(), QLineEdit()
        form = FieldForm()
        for key, widget, label in (
            ("name", self.name, lambda: _("&Indicator")),
            ("target", self.target, lambda: _("&Target")),
            ("period_from", self.period_from, lambda: _("&From")),
            ("period_to", self.period_to, lambda: _("T&o")),
            ("measure", self.measure, lambda: _("&Measure")),
            ("filters", self.filters_box, lambda: _("Fi&lters")),
            ("manual_value", self.manual_value, lambda: _("&Value")),
            ("manual_source", self.manual_source, lambda: _("&Source")),
        ):
            form.add(key, widget, label)
        self.forms = [form]
        self.ready()
        self._choices: dict[str, list[tuple[str, str]]] = {}
        self.measure.currentIndexChanged.connect(self._measure_changed)
        runner.read(_all_choices, on_done=self._got_choices, owner=self)
        if indicator is not None:
            self.name.setText(indicator.name)
            self.target.setText(_number(indicator.target))
            self.period_from.setDate(_qdate(indicator.period_from))
            self.period_to.setDate(_qdate(indicator.period_to))
            self.measure.setCurrentIndex(max(0, self.measure.findData(indicator.measure)))
            self.manual_value.setText(_number(indicator.manual_value))
            self.manual_source.setText(indicator.manual_source)
        self._measure_changed()

    def _got_choices(self, choices: dict[str, list[tuple[str, str]]]) -> None:
        self._choices = choices
        self._measure_changed()

    def _measure_changed(self) -> None:
        """Show the filters of the measure chosen (or the typed value and source)."""
        if self.filter_widgets:
            kept = self.filters()
        else:
            kept = self.indicator.filters if self.indicator else {}
        while self.filters_layout.count():
            item = self.filters_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.filter_widgets = {}
        key = self.measure.currentData() or ""
        known = next((m for m in MEASURES if m.key == key), None)
        for spec in known.filters if known else ():
            widget = self._filter_widget(spec, kept.get(spec.key))
            widget.setObjectName(f"filter_{spec.key}")
            self.filters_layout.addWidget(widget)
            self.filter_widgets[spec.key] = (spec, widget)
        typed = known is None
        self.manual_value.setEnabled(typed)
        self.manual_source.setEnabled(typed)

    def _filter_widget(self, spec: FilterSpec, value: Any) -> QWidget:
        if spec.kind == "flag":
            box = QCheckBox(_(spec.label))
            box.setChecked(bool(value))
            return box
        choices = self._choices.get(spec.label, [])
        if spec.kind == "many":
            listing = QListWidget()
            listing.setMaximumHeight(90)
            for choice, label in choices:
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, choice)
                item.setCheckState(
                    Qt.CheckState.Checked if choice in (value or []) else Qt.CheckState.Unchecked
                )
                listing.addItem(item)
            listing.setToolTip(_(spec.label))
            return listing
        combo = QComboBox()
        combo.addItem(_("{filter}: any").format(filter=_(spec.label)), "")
        for choice, label in choices:
            combo.addItem(label, choice)
        combo.setCurrentIndex(max(0, combo.findData(value or "")))
        return combo

    def filters(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, (_spec, widget) in self.filter_widgets.items():
            if isinstance(widget, QCheckBox):
                out[key] = widget.isChecked()
            elif isinstance(widget, QListWidget):
                out[key] = [
                    widget.item(i).data(Qt.ItemDataRole.UserRole)
                    for i in range(widget.count())
                    if widget.item(i).checkState() == Qt.CheckState.Checked
                ]
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData() or ""
        return out

    def data(self) -> editing.IndicatorInput:
        i = self.indicator
        return editing.IndicatorInput(
            action_id=self.action_id,
            name=self.name.text(),
            target=self.target.text(),
            period_from=self.period_from.date().toPython(),
            period_to=self.period_to.date().toPython(),
            measure=self.measure.currentData() or "",
            filters=self.filters(),
            manual_value=self.manual_value.text(),
            manual_source=self.manual_source.text(),
            position=i.position if i else 0,
            id=i.id if i else None,
            version=i.version if i else None,
        )

    def save(self) -> None:
        self.clear_errors()
        self.submit(editing.save_indicator, self.data())


def _number(value: Any) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _all_choices(session: Any) -> dict[str, list[tuple[str, str]]]:
    """Every filter's choices, by the filter's label (two filters share the key
    "service"), read once when the dialog opens."""
    out: dict[str, list[tuple[str, str]]] = {}
    for known in MEASURES:
        for spec in known.filters:
            if spec.choices is not None and spec.label not in out:
                out[spec.label] = spec.choices(session)
    return out


class GroupsDialog(DirectoryFormDialog):
    """The groups tagged with an action: a checked list, saved all at once."""

    def __init__(self, runner: Runner, action: records.ActionRow, parent: QWidget | None = None):
        super().__init__(runner, parent)
        self.action = action
        self.setWindowTitle(_("Groups carrying out: {action}").format(action=action.heading))
        self.groups = QListWidget()
        form = FieldForm()
        form.add("groups", self.groups, lambda: _("&Groups"))
        self.forms = [form]
        self.ready()
        runner.read(records.group_choices, on_done=self._fill, owner=self)

    def _fill(self, choices: list[records.GroupTag]) -> None:
        tagged = {g.group_id for g in self.action.groups}
        for choice in choices:
            item = QListWidgetItem(choice.title)
            item.setData(Qt.ItemDataRole.UserRole, choice.group_id)
            checked = choice.group_id in tagged
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.groups.addItem(item)

    def checked(self) -> list[int]:
        return [
            self.groups.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.groups.count())
            if self.groups.item(i).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        self.submit(editing.set_groups, self.action.id, self.checked())

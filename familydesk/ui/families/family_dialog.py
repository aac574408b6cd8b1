"""Create or edit a family's own details (members are added one by one after)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from familydesk import registry
from familydesk.i18n import _
from familydesk.italy import comuni
from familydesk.kernel.errors import FieldErrors, ValidationError
from familydesk.registry import FamilyDetail, FamilyInput, centre
from familydesk.registry.validation import clean_family
from familydesk.trust import permissions
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField, MoneyField
from familydesk.ui.widgets.form_dialog import FormDialog

_TEXT_FIELDS = ("name", "address", "postal_code", "phone", "email")


def comune_choices(session: object) -> list[comuni.ComuneInfo]:
    """Member comuni first, then every other Italian comune."""
    members = centre.list_member_comuni(session)  # type: ignore[arg-type]
    first = [comuni.ComuneInfo(m.name, m.province, m.cadastral_code) for m in members]
    codes = {c.cadastral_code for c in first}
    return first + [c for c in comuni.all_comuni() if c.cadastral_code not in codes]


def comune_label(info: comuni.ComuneInfo) -> str:
    return f"{info.name} ({info.province})"


class FamilyDialog(FormDialog):
    """``saved(FamilyDetail)`` after a successful save."""

    def __init__(
        self, runner: Runner, family: FamilyDetail | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.family = family
        self._comuni: dict[str, comuni.ComuneInfo] = {}
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key in _TEXT_FIELDS[:3]:
            self._row(form, key, QLineEdit())
        self.edits["postal_code"].setMaxLength(5)
        self.edits["postal_code"].setMaximumWidth(90)
        self.comune = self._row(form, "comune", QLineEdit())
        self._completer_model = QStringListModel(self)
        completer = QCompleter(self._completer_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.comune.setCompleter(completer)
        self.resident_since = self._row(form, "resident_since", DateField())
        for key in _TEXT_FIELDS[3:]:
            self._row(form, key, QLineEdit())
        self.isee_value = self._row(form, "isee_value", MoneyField())
        self.isee_expiry = self._row(form, "isee_expiry", DateField())
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self._row(form, "notes", self.notes)
        if not self.runner.may(permissions.SENSITIVE):  # the service keeps them as they are
            for key in ("isee_value", "isee_expiry", "notes"):
                form.setRowVisible(self.labels[key], False)
        self.lay_out(form)
        if family is not None:
            for key in _TEXT_FIELDS:
                self.edits[key].setText(getattr(family, key))
            self.comune.setText(family.comune_name)
            self.resident_since.set_value(family.resident_since)
            self.isee_value.set_value(family.isee_value)
            self.isee_expiry.set_value(family.isee_expiry)
            self.notes.setPlainText(family.notes)
        self.retranslate_ui()
        self.runner.read(comune_choices, on_done=self._fill_comuni, owner=self)

    def _row(self, form: QFormLayout, key: str, widget):  # type: ignore[no-untyped-def]
        label = QLabel()
        label.setBuddy(widget)
        self.labels[key] = label
        if isinstance(widget, QLineEdit):
            widget.setObjectName(key)
            self.edits[key] = widget
        form.addRow(label, widget)
        return widget

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit family") if self.family else _("New family"))
        texts = {
            "name": _("Family &name"),
            "address": _("&Address"),
            "comune": _("&Comune of residence"),
            "phone": _("&Phone"),
            "email": _("&E-mail"),
            "isee_value": _("ISEE (€)"),
            "isee_expiry": _("ISEE expires on"),
            "notes": _("Notes"),
            "resident_since": _("Resident there since"),
            "postal_code": _("CA&P"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.edits["name"].setPlaceholderText(_("usually the surname of the reference parent"))
        self.comune.setPlaceholderText(_("type to choose, e.g. Suzzara"))
        self.isee_value.setPlaceholderText(_("e.g. 12.345,67"))
        self.isee_expiry.retranslate_ui()
        self.resident_since.retranslate_ui()

    def _fill_comuni(self, choices: list[comuni.ComuneInfo]) -> None:
        self._comuni = {comune_label(c): c for c in choices}
        self._completer_model.setStringList(list(self._comuni))

    def _chosen_comune(self) -> comuni.ComuneInfo | None:
        text = self.comune.text().strip()
        if not text:
            return None
        if text in self._comuni:
            return self._comuni[text]
        folded = text.casefold()
        matches = [
            c
            for label, c in self._comuni.items()
            if c.name.casefold() == folded or label.casefold() == folded
        ]
        if not matches:
            raise ValidationError(
                "comune", _("Comune: choose a comune from the list, e.g. “Suzzara (MN)”.")
            )
        return matches[0]

    def current_input(self) -> FamilyInput:
        """The family typed; ``ValidationError`` lists every wrong field at once."""
        errors = FieldErrors()

        def read(field: str, widget: DateField | MoneyField, label: str):  # type: ignore[no-untyped-def]
            try:
                return widget.value()
            except ValueError as exc:
                errors.add(field, label.format(detail=exc))
                return None

        isee = read("isee_value", self.isee_value, _("ISEE: {detail}"))
        expiry = read("isee_expiry", self.isee_expiry, _("ISEE expiry: {detail}"))
        since = read("resident_since", self.resident_since, _("Resident there since: {detail}"))
        comune = errors.check(self._chosen_comune)
        base = self.family.as_input() if self.family else FamilyInput(name="")
        typed = replace(
            base,
            **{key: self.edits[key].text() for key in _TEXT_FIELDS},
            comune_name=comune.name if comune else "",
            comune_code=comune.cadastral_code if comune else "",
            isee_value=isee,
            isee_expiry=expiry,
            notes=self.notes.toPlainText(),
            resident_since=since,
        )
        if errors.found:  # and what the service would refuse, all together
            wrong = {field for field, _message in errors.found}
            try:
                clean_family(typed)
            except ValidationError as exc:
                for field, message in exc.errors:
                    if field not in wrong:
                        errors.add(field, message)
        errors.raise_any()
        return typed

    def save(self) -> None:
        try:
            family = clean_family(self.current_input())
        except ValidationError as exc:
            self.show_field_error(exc)
            return
        if family.id is None:
            self.submit(registry.create_family, family, [])
        else:
            self.submit(registry.update_family, family)

    def field_widget(self, field: str) -> QWidget | None:
        special = {
            "comune": self.comune,
            "isee_value": self.isee_value,
            "isee_expiry": self.isee_expiry,
            "resident_since": self.resident_since,
        }
        return special.get(field, self.edits.get(field))

"""New organisation / Edit organisation (coordinators and administrators): every field of
``OrganisationInput``; the service's messages under the field they name."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QWidget

from familydesk.directory.editing import OrganisationInput, save_organisation
from familydesk.directory.records import KINDS, OrganisationRow
from familydesk.i18n import _
from familydesk.italy import comuni
from familydesk.kernel.errors import ValidationError
from familydesk.ui.directory.form_base import DirectoryFormDialog
from familydesk.ui.families.family_dialog import comune_choices, comune_label
from familydesk.ui.settings.appointments_form import FieldForm
from familydesk.ui.shell.runner import Runner


class ComuneEdit(QLineEdit):
    """A comune typed with a completer over the Italian comuni (the consortium's first):
    ``chosen()`` is its name and cadastral code, ``("", "")`` when empty."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._known: dict[str, comuni.ComuneInfo] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompleter(completer)
        self._saved = ("", "")  # the comune the record had (name, code)
        runner.read(comune_choices, on_done=self._fill, owner=self)

    def _fill(self, choices: list[comuni.ComuneInfo]) -> None:
        self._known = {comune_label(c): c for c in choices}
        self._model.setStringList(list(self._known))

    def set_comune(self, name: str, code: str) -> None:
        """Show a comune saved before: kept as it is while its name is not changed."""
        self._saved = (name, code.upper())
        self.setText(name)

    def chosen(self, field: str = "comune_code") -> tuple[str, str]:
        """(name, cadastral code) of the comune typed; ``ValidationError`` when none fits."""
        text = self.text().strip()
        if not text:
            return "", ""
        if self._saved[0] and text == self._saved[0]:
            return self._saved
        info = self._known.get(text)
        if info is None:
            folded = text.casefold()
            matches = [
                c
                for label, c in self._known.items()
                if c.name.casefold() == folded or label.casefold() == folded
            ]
            if not matches:
                raise ValidationError(
                    field, _("Comune: choose a comune from the list, e.g. “Suzzara (MN)”.")
                )
            info = matches[0]
        return info.name, info.cadastral_code


class OrganisationDialog(DirectoryFormDialog):
    """``saved(OrganisationRow)`` after the organisation was added or changed."""

    def __init__(
        self,
        runner: Runner,
        organisation: OrganisationRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.organisation = organisation
        self.setWindowTitle(
            _("New organisation") if organisation is None else _("Edit organisation")
        )
        self.name, self.kind, self.tax_code = QLineEdit(), QComboBox(), QLineEdit()
        for key, name in KINDS.items():
            self.kind.addItem(_(name), key)
        self.comune = ComuneEdit(runner)
        self.address, self.postal_code = QLineEdit(), QLineEdit()
        self.postal_code.setMaxLength(5)
        self.postal_code.setMaximumWidth(90)
        self.phone, self.email, self.web = QLineEdit(), QLineEdit(), QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.active = QCheckBox()
        form = FieldForm()
        for key, widget, label in (
            ("name", self.name, lambda: _("&Name")),
            ("kind", self.kind, lambda: _("&Kind")),
            ("tax_code", self.tax_code, lambda: _("&Tax code")),
            ("comune_code", self.comune, lambda: _("C&omune")),
            ("address", self.address, lambda: _("&Address")),
            ("postal_code", self.postal_code, lambda: _("CA&P")),
            ("phone", self.phone, lambda: _("P&hone")),
            ("email", self.email, lambda: _("&E-mail")),
            ("web", self.web, lambda: _("&Web site")),
            ("notes", self.notes, lambda: _("N&otes")),
            ("active", self.active, lambda: _("In &use")),
        ):
            form.add(key, widget, label)
        self.forms = [form]
        self.comune.setPlaceholderText(_("type to choose, e.g. Suzzara"))
        self.ready()
        self._fill(organisation)

    def _fill(self, o: OrganisationRow | None) -> None:
        if o is None:
            self.kind.setCurrentIndex(max(0, self.kind.findData("other")))
            self.active.setChecked(True)
            return
        self.name.setText(o.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(o.kind)))
        self.comune.set_comune(o.comune_name, o.comune_code)
        for edit, value in (
            (self.tax_code, o.tax_code),
            (self.address, o.address),
            (self.postal_code, o.postal_code),
            (self.phone, o.phone),
            (self.email, o.email),
            (self.web, o.web),
        ):
            edit.setText(value)
        self.notes.setPlainText(o.notes)
        self.active.setChecked(o.active)

    def data(self) -> OrganisationInput:
        name, code = self.comune.chosen()
        o = self.organisation
        return OrganisationInput(
            name=self.name.text(),
            kind=self.kind.currentData(),
            tax_code=self.tax_code.text(),
            comune_name=name,
            comune_code=code,
            address=self.address.text(),
            postal_code=self.postal_code.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            web=self.web.text(),
            notes=self.notes.toPlainText(),
            active=self.active.isChecked(),
            id=o.id if o else None,
            version=o.version if o else None,
        )

    def save(self) -> None:
        self.clear_errors()
        try:
            data = self.data()
        except ValidationError as exc:
            self.show_field_error(exc)
            return
        self.submit(save_organisation, data)

"""New service / Edit service (coordinators and administrators): every field of
``ServiceInput`` in two columns (what and where on the left, for whom and how on the right).
The first need is the service's category, the ticked ones follow; an organisation missing
from the list is added from here. The service's messages appear under their field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from familydesk.directory.editing import ServiceInput, save_service
from familydesk.directory.records import ACCESS, OrganisationRow, ServiceRow, list_organisations
from familydesk.frontdesk import NeedRow
from familydesk.i18n import _
from familydesk.kernel.errors import FieldErrors, ValidationError
from familydesk.ui.directory.form_base import DirectoryFormDialog, read_int
from familydesk.ui.directory.organisation_dialog import ComuneEdit, OrganisationDialog
from familydesk.ui.directory.services_model import languages_text
from familydesk.ui.settings.appointments_form import FieldForm
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.dialogs import open_dialog
from familydesk.ui.widgets.fields import DateField

_ID = Qt.ItemDataRole.UserRole


def _text_box(height: int = 54) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMaximumHeight(height)
    return box


class ServiceDialog(DirectoryFormDialog):
    """``saved(ServiceRow)`` after the service was added or changed."""

    def __init__(
        self,
        runner: Runner,
        needs: Sequence[NeedRow],
        service: ServiceRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.service = service
        self.needs = list(needs)
        self.setWindowTitle(_("New service") if service is None else _("Edit service"))
        self.organisation = QComboBox()
        self.organisation.setMinimumContentsLength(16)
        self.organisation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.new_organisation = QPushButton(_("New…"))
        self.new_organisation.setObjectName("newOrganisationInDialog")
        self.new_organisation.setToolTip(_("Add an organisation missing from the list"))
        self.new_organisation.clicked.connect(self.add_organisation)
        organisation_row = QWidget()
        row = QHBoxLayout(organisation_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.organisation, 1)
        row.addWidget(self.new_organisation)
        self.name = QLineEdit()
        self.category = QComboBox()
        self.category.addItem(_("— none —"), None)
        for need in self.needs:
            self.category.addItem(need.name, need.id)
        self.other_needs = QListWidget()
        self.other_needs.setObjectName("otherNeeds")
        self.other_needs.setMaximumHeight(96)
        for need in self.needs:
            item = QListWidgetItem(need.name)
            item.setData(_ID, need.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.other_needs.addItem(item)
        self.description = _text_box()
        self.comune = ComuneEdit(runner)
        self.comune.setPlaceholderText(_("empty: the organisation's"))
        self.address, self.postal_code = QLineEdit(), QLineEdit()
        self.address.setPlaceholderText(_("empty: the organisation's"))
        self.postal_code.setMaxLength(5)
        self.postal_code.setMaximumWidth(90)
        self.whole_area = QCheckBox(_("It serves every comune of the area"))
        self.phone, self.email, self.web = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.phone, self.email, self.web):
            edit.setPlaceholderText(_("empty: the organisation's"))
        self.hours = _text_box()
        self.age_min, self.age_max = QLineEdit(), QLineEdit()
        for edit in (self.age_min, self.age_max):
            edit.setMaxLength(3)
            edit.setMaximumWidth(70)
        self.audience = _text_box()
        self.residence, self.cost = QLineEdit(), QLineEdit()
        self.languages = QLineEdit()
        self.languages.setPlaceholderText(_("codes, e.g. it, en, ar"))
        self.language_names = QLabel()
        self.language_names.setObjectName("languageNames")
        self.language_names.setWordWrap(True)
        self.languages.textChanged.connect(self._show_language_names)
        self.access = QComboBox()
        for key, words in ACCESS.items():
            self.access.addItem(_(words), key)
        self.bring = _text_box()
        self.contact_person = QLineEdit()
        self.checked_on = DateField()
        self.checked_on.retranslate_ui()
        self.active = QCheckBox()
        self._order: list[int] = []
        left, right = FieldForm(), FieldForm()
        for key, widget, label in (
            ("organisation_id", organisation_row, lambda: _("&Organisation")),
            ("name", self.name, lambda: _("&Name")),
            ("need_ids", self.category, lambda: _("&Category (main need)")),
            ("other_needs", self.other_needs, lambda: _("Also for")),
            ("description", self.description, lambda: _("&Description")),
            ("comune_code", self.comune, lambda: _("Co&mune")),
            ("address", self.address, lambda: _("&Address")),
            ("postal_code", self.postal_code, lambda: _("CA&P")),
            ("whole_area", self.whole_area, lambda: _("Whole area")),
            ("phone", self.phone, lambda: _("P&hone")),
            ("email", self.email, lambda: _("&E-mail")),
            ("web", self.web, lambda: _("&Web site")),
        ):
            left.add(key, widget, label)
        for key, widget, label in (
            ("hours", self.hours, lambda: _("Opening ho&urs")),
            ("age_min", self.age_min, lambda: _("Ages &from")),
            ("age_max", self.age_max, lambda: _("Ages up &to")),
            ("audience", self.audience, lambda: _("Who it is fo&r")),
            ("residence", self.residence, lambda: _("Re&sidence")),
            ("cost", self.cost, lambda: _("Co&st")),
            ("languages", self.languages, lambda: _("&Languages")),
            ("access", self.access, lambda: _("How to &get in")),
            ("bring", self.bring, lambda: _("What to &bring")),
            ("contact_person", self.contact_person, lambda: _("Contact per&son")),
            ("checked_on", self.checked_on, lambda: _("Last chec&ked")),
            ("active", self.active, lambda: _("In &use")),
        ):
            right.add(key, widget, label)
        right.insertRow(right.rowCount() - 5, "", self.language_names)
        self.forms = [left, right]
        self.ready()
        self.setMinimumWidth(640)
        self._fill(service)
        self._opened_needs = self.need_ids()
        self.runner.read(
            list_organisations, on_done=self._organisations_read, on_error=self._failed, owner=self
        )

    # -- filling -----------------------------------------------------------------------------
    def _organisations_read(self, rows: list[OrganisationRow], select: int | None = None) -> None:
        keep = select if select is not None else self.organisation.currentData()
        if keep is None and self.service is not None:
            keep = self.service.organisation_id
        self.organisation.blockSignals(True)
        self.organisation.clear()
        self.organisation.addItem(_("— choose —"), None)
        for row in rows:
            if row.active or row.id == keep:
                self.organisation.addItem(row.name, row.id)
        self.organisation.setCurrentIndex(max(0, self.organisation.findData(keep)))
        self.organisation.blockSignals(False)

    def _fill(self, s: ServiceRow | None) -> None:
        if s is None:
            self.active.setChecked(True)
            return
        self.name.setText(s.name)
        self.set_need_ids(s.need_ids)
        self.description.setPlainText(s.description)
        self.comune.set_comune(s.comune_name, s.comune_code)
        for edit, value in (
            (self.address, s.address),
            (self.postal_code, s.postal_code),
            (self.phone, s.phone),
            (self.email, s.email),
            (self.web, s.web),
            (self.residence, s.residence),
            (self.cost, s.cost),
            (self.contact_person, s.contact_person),
            (self.languages, ", ".join(s.languages)),
            (self.age_min, "" if s.age_min is None else str(s.age_min)),
            (self.age_max, "" if s.age_max is None else str(s.age_max)),
        ):
            edit.setText(value)
        for box, value in (
            (self.hours, s.hours),
            (self.audience, s.audience),
            (self.bring, s.bring),
        ):
            box.setPlainText(value)
        self.whole_area.setChecked(s.whole_area)
        self.access.setCurrentIndex(max(0, self.access.findData(s.access)))
        self.checked_on.set_value(s.checked_on)
        self.active.setChecked(s.active)

    def _show_language_names(self, text: str) -> None:
        codes = tuple(c.strip().lower() for c in text.replace(";", ",").split(",") if c.strip())
        self.language_names.setText(languages_text(codes))

    # -- the needs ---------------------------------------------------------------------------
    def set_need_ids(self, ids: Sequence[int]) -> None:
        """The category first, then the others (kept in that order when saved)."""
        self._order = list(ids[1:])
        self.category.setCurrentIndex(max(0, self.category.findData(ids[0] if ids else None)))
        for index in range(self.other_needs.count()):
            item = self.other_needs.item(index)
            ticked = item.data(_ID) in ids[1:]
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def need_ids(self) -> tuple[int, ...]:
        first = self.category.currentData()
        ticked = [
            self.other_needs.item(i).data(_ID)
            for i in range(self.other_needs.count())
            if self.other_needs.item(i).checkState() == Qt.CheckState.Checked
        ]
        order = self._order
        others = [n for n in order if n in ticked] + [n for n in ticked if n not in order]
        head = (first,) if first is not None else ()
        return head + tuple(n for n in others if n != first)

    def unsaved_changes(self) -> str:
        said = super().unsaved_changes()
        if said or self._opened_with is None or not self._touched.touched:
            return said
        if self.need_ids() != self._opened_needs:
            return _("{form}: changes not saved").format(form=self.windowTitle())
        return ""

    # -- saving ------------------------------------------------------------------------------
    def data(self) -> ServiceInput:
        """What the form says; ``ValidationError`` for what the form itself cannot read."""
        errors = FieldErrors()
        comune = errors.check(self.comune.chosen) or ("", "")
        age_min = errors.check(read_int, self.age_min.text(), "age_min", _("Ages from"))
        age_max = errors.check(read_int, self.age_max.text(), "age_max", _("Ages up to"))
        checked: date | None = None
        try:
            checked = self.checked_on.value()
        except ValueError as exc:
            errors.add(
                "checked_on", _("{field}: {problem}").format(field=_("Last checked"), problem=exc)
            )
        if self.organisation.currentData() is None:
            errors.add("organisation_id", _("Organisation: choose one from the directory."))
        errors.raise_any()
        s = self.service
        languages = self.languages.text().replace(";", ",").split(",")
        return ServiceInput(
            organisation_id=self.organisation.currentData(),
            name=self.name.text(),
            need_ids=self.need_ids(),
            description=self.description.toPlainText(),
            comune_name=comune[0],
            comune_code=comune[1],
            address=self.address.text(),
            postal_code=self.postal_code.text(),
            whole_area=self.whole_area.isChecked(),
            phone=self.phone.text(),
            email=self.email.text(),
            web=self.web.text(),
            hours=self.hours.toPlainText(),
            age_min=age_min,
            age_max=age_max,
            audience=self.audience.toPlainText(),
            residence=self.residence.text(),
            cost=self.cost.text(),
            languages=tuple(code.strip() for code in languages if code.strip()),
            access=self.access.currentData(),
            bring=self.bring.toPlainText(),
            contact_person=self.contact_person.text(),
            checked_on=checked,
            active=self.active.isChecked(),
            id=s.id if s else None,
            version=s.version if s else None,
        )

    def save(self) -> None:
        self.clear_errors()
        try:
            data = self.data()
        except ValidationError as exc:
            self.show_field_error(exc)
            return
        self.submit(save_service, data)

    def add_organisation(self) -> OrganisationDialog:
        dialog = OrganisationDialog(self.runner, None, self)
        dialog.saved.connect(self._organisation_added)
        return open_dialog(self, dialog)

    def _organisation_added(self, row: OrganisationRow) -> None:
        self.runner.read(
            list_organisations,
            on_done=lambda rows: self._organisations_read(rows, row.id),
            on_error=self._failed,
            owner=self,
        )

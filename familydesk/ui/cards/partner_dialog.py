"""New partner / Edit partner (coordinators and administrators): every field of
``PartnerInput``. The name picks an organisation of the services directory (or, typed
anew, adds one); in Edit partner a changed name, comune, address, phone or e-mail
changes the partner's organisation in the directory too. The service's validation
messages appear under the field they name; a version conflict or a partner removed
meanwhile under the form, and ``stale`` asks the tab to read the partners again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from familydesk.cards.partner_editing import PartnerInput, save_partner
from familydesk.cards.partners import PartnerRow, category_names
from familydesk.directory.records import KINDS, OrganisationRow, list_organisations
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.kernel.text import fold
from familydesk.registry.centre import MemberComuneRow
from familydesk.ui.cards.organisation_field import OrganisationField
from familydesk.ui.settings.appointments_form import FieldForm
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField
from familydesk.ui.widgets.form_dialog import FormDialog


def read_date(field: DateField, key: str, label: str):  # type: ignore[no-untyped-def]
    """The date in ``field``, or ``ValidationError`` naming ``label``."""
    try:
        return field.value()
    except ValueError as exc:
        raise ValidationError(
            key, _("{field}: {problem}").format(field=label, problem=exc)
        ) from None


class CardsFormDialog(FormDialog):
    """A form dialog of the Partners tab: errors under their field (``self.form``);
    ``stale`` after a refusal that means the tab shows old data (conflict, removed)."""

    stale = Signal()
    form: FieldForm

    def show_field_error(self, exc: ValidationError) -> None:
        self.form.show_error(exc)
        self.fit()

    def fit(self) -> None:
        """Grow to show a message of two lines or more (wrapped labels do not ask for it)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.sizeHint().height()
        )
        if needed > self.height():
            self.resize(width, needed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.show_field_error(exc)
        elif isinstance(exc, FamilyDeskError):
            self.form.clear_errors()
            self.form.general_error.show_message(exc.message)
            self.fit()
            self.stale.emit()
        else:
            show_error(self, exc)

    def ready(self) -> None:
        """Labels translated, Save/Cancel at the bottom, Ctrl+Enter saves."""
        self.form.add_general_error()
        self.form.retranslate()
        self.lay_out(self.form)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)


class PartnerDialog(CardsFormDialog):
    """``saved(PartnerRow)`` after the partner was added or changed."""

    def __init__(
        self,
        runner: Runner,
        comuni: Sequence[MemberComuneRow],
        partner: PartnerRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.partner = partner
        self.setWindowTitle(_("New partner") if partner is None else _("Edit partner"))
        #: The organisation of the directory the agreement is with (None: a new one).
        self.organisation: tuple[int, int] | None = (
            (partner.organisation_id, partner.organisation_version) if partner else None
        )
        self.organisation_name = partner.name if partner else ""
        self.name, self.category, self.comune = OrganisationField(), QComboBox(), QComboBox()
        self.name.setObjectName("name")
        self.hint = QLabel()
        self.hint.setObjectName("organisationHint")
        self.hint.setWordWrap(True)
        for key, name in category_names().items():
            self.category.addItem(name, key)
        self.comune.addItem(_("— none —"), ("", ""))
        for comune in comuni:
            self.comune.addItem(comune.name, (comune.name, comune.cadastral_code))
        self.address, self.contact = QLineEdit(), QLineEdit()
        self.phone, self.email = QLineEdit(), QLineEdit()
        self.start, self.end = DateField(), DateField()
        self.active = QCheckBox()
        self.form = FieldForm()
        add = self.form.add
        add("name", self.name, lambda: _("&Name"))
        self.form.addRow("", self.hint)
        add("category", self.category, lambda: _("&Category"))
        add("comune_code", self.comune, lambda: _("C&omune"))
        add("address", self.address, lambda: _("&Address"))
        add("contact", self.contact, lambda: _("Contact &person"))
        add("phone", self.phone, lambda: _("P&hone"))
        add("email", self.email, lambda: _("&E-mail"))
        add("agreement_start", self.start, lambda: _("Agreement &from"))
        add("agreement_end", self.end, lambda: _("Agreement un&til"))
        add("active", self.active, lambda: _("In &use"))
        for field in (self.start, self.end):
            field.retranslate_ui()
        self.active.setToolTip(_("Untick to stop the agreement: its history stays."))
        self.ready()
        self.setMinimumWidth(520)
        self._fill(partner)
        self.name.picked.connect(self._picked)
        self.name.textEdited.connect(lambda _t: self._show_hint())
        self._show_hint()
        runner.read(list_organisations, owner=self, on_done=self.name.set_organisations)

    def _set_comune(self, name: str, code: str) -> None:
        index = self.comune.findData((name, code))
        if index < 0 and code:
            index = next(
                (i for i in range(self.comune.count()) if self.comune.itemData(i)[1] == code), -1
            )
        if index < 0 and (name or code):
            self.comune.addItem(name or code, (name, code))
            index = self.comune.count() - 1
        self.comune.setCurrentIndex(max(0, index))

    def _picked(self, row: OrganisationRow) -> None:
        """An organisation of the directory chosen: the agreement is with it."""
        self.organisation, self.organisation_name = (row.id, row.version), row.name
        self._set_comune(row.comune_name, row.comune_code)
        for edit, value in (
            (self.address, row.address),
            (self.phone, row.phone),
            (self.email, row.email),
        ):
            edit.setText(value)
        self.hint.setText(
            _("In the directory: {kind}, {comune}.").format(
                kind=_(KINDS.get(row.kind, row.kind)), comune=row.comune_name or "—"
            )
        )

    def _show_hint(self) -> None:
        """A new partner whose name is no longer the one picked is a new organisation."""
        named = fold(self.name.text()) == fold(self.organisation_name)
        if self.partner is None and self.organisation is not None and not named:
            self.organisation = None
        if self.partner is not None:
            self.hint.setText(_("Changes to the name and contacts change it in the directory too."))
        elif self.organisation is None:
            self.hint.setText(
                _("Pick it from the directory as you type, or a new organisation is added.")
                if self.name.text().strip()
                else ""
            )

    def _fill(self, partner: PartnerRow | None) -> None:
        if partner is None:
            self.category.setCurrentIndex(max(0, self.category.findData("commercial")))
            self.active.setChecked(True)
            return
        self.name.setText(partner.name)
        self.category.setCurrentIndex(max(0, self.category.findData(partner.category)))
        self._set_comune(partner.comune, partner.comune_code)
        for edit, value in (
            (self.address, partner.address),
            (self.contact, partner.contact),
            (self.phone, partner.phone),
            (self.email, partner.email),
        ):
            edit.setText(value)
        self.start.set_value(partner.agreement_start)
        self.end.set_value(partner.agreement_end)
        self.active.setChecked(partner.active)

    def data(self) -> PartnerInput:
        """What the form says; ``ValidationError`` for a date not understood."""
        start = read_date(self.start, "agreement_start", _("Agreement from"))
        end = read_date(self.end, "agreement_end", _("Agreement until"))
        partner = self.partner
        comune_name, comune_code = self.comune.currentData() or ("", "")
        organisation = self.organisation
        return PartnerInput(
            name=self.name.text(),
            category=self.category.currentData(),
            comune_name=comune_name,
            comune_code=comune_code,
            address=self.address.text(),
            contact=self.contact.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            agreement_start=start,
            agreement_end=end,
            active=self.active.isChecked(),
            organisation_id=organisation[0] if organisation else None,
            organisation_version=organisation[1] if organisation else None,
            id=partner.id if partner else None,
            version=partner.version if partner else None,
        )

    def save(self) -> None:
        self.form.clear_errors()
        try:
            data = self.data()
        except ValidationError as exc:
            self.show_field_error(exc)
            return
        self.submit(save_partner, data)

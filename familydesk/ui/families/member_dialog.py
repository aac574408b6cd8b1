"""Add or edit a member. The tax code fills sex, birth date and birthplace as it
is typed; contradictions and likely duplicates show at once, in the dialog."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from familydesk import registry
from familydesk.i18n import _, format_date
from familydesk.italy import taxcode
from familydesk.kernel.errors import FieldErrors, ValidationError
from familydesk.registry import RELATIONS, DuplicateCodeError, MemberInput, PersonHit
from familydesk.registry.validation import clean_member
from familydesk.trust import permissions
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField
from familydesk.ui.widgets.form_dialog import FormDialog

_TEXT_FIELDS = (
    "last_name",
    "first_name",
    "tax_code",
    "no_code_reason",
    "birth_place",
    "citizenship",
    "languages",
    "phone",
    "email",
)


def _warm(_session: object) -> None:
    taxcode.warm_up()


class MemberDialog(FormDialog):
    """``saved(FamilyDetail)`` after a successful save; ``open_family(id)`` for a link."""

    open_family = Signal(int)

    def __init__(
        self,
        runner: Runner,
        family_id: int,
        member: MemberInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.family_id = family_id
        self.member = member
        self._link_family: int | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key in _TEXT_FIELDS[:3]:
            self._add_edit(form, key)
        self.code_info = QLabel()
        self.code_info.setObjectName("okLabel")
        form.addRow("", self.code_info)
        self._add_edit(form, "no_code_reason")
        self.sex = QComboBox()
        self.sex.addItems(["", "F", "M"])
        self.birth_date = DateField()
        self.relation = QComboBox()
        for key in RELATIONS:
            self.relation.addItem("", key)
        for key, widget in (
            ("sex", self.sex),
            ("birth_date", self.birth_date),
            ("relation", self.relation),
        ):
            label = QLabel()
            label.setBuddy(widget)
            self.labels[key] = label
            form.addRow(label, widget)
        for key in _TEXT_FIELDS[4:]:
            self._add_edit(form, key)
        self.disability = QCheckBox()
        form.addRow("", self.disability)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.labels["notes"] = QLabel()
        form.addRow(self.labels["notes"], self.notes)
        form.setRowVisible(self.notes, self.runner.may(permissions.SENSITIVE))
        self.duplicates = QLabel()
        self.duplicates.setObjectName("banner")
        self.duplicates.setWordWrap(True)
        self.duplicates.setOpenExternalLinks(False)
        self.duplicates.linkActivated.connect(lambda link: self._follow(int(link)))
        self.duplicates.hide()
        self.error.linkActivated.connect(lambda link: self._follow(int(link)))
        self.lay_out(form, self.duplicates)

        self.edits["tax_code"].textChanged.connect(self._code_changed)
        for key in ("last_name", "first_name"):
            self.edits[key].editingFinished.connect(self._check_duplicates)
        self.birth_date.editingFinished.connect(self._check_duplicates)
        if member is not None:
            self._fill(member)
        self.retranslate_ui()
        self.runner.read(_warm, owner=self)

    def _add_edit(self, form: QFormLayout, key: str) -> None:
        edit = QLineEdit()
        edit.setObjectName(key)
        label = QLabel()
        label.setBuddy(edit)
        self.edits[key], self.labels[key] = edit, label
        form.addRow(label, edit)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit member") if self.member and self.member.id else _("Add member"))
        texts = {
            "last_name": _("&Surname"),
            "first_name": _("&Given name"),
            "tax_code": _("&Tax code"),
            "no_code_reason": _("No code because"),
            "sex": _("Se&x"),
            "birth_date": _("&Birth date"),
            "relation": _("&Relationship"),
            "birth_place": _("Birthplace"),
            "citizenship": _("Citizenship"),
            "languages": _("Languages spoken"),
            "phone": _("Phone"),
            "email": _("E-mail"),
            "notes": _("Notes"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.edits["no_code_reason"].setPlaceholderText(_("e.g. newborn waiting for the code"))
        self.edits["languages"].setPlaceholderText(_("e.g. italiano, arabo"))
        for index, key in enumerate(RELATIONS):
            self.relation.setItemText(index, _(RELATIONS[key]))
        self.disability.setText(_("Disability"))
        self.birth_date.retranslate_ui()

    # -- filling and reading -------------------------------------------------
    def _fill(self, member: MemberInput) -> None:
        for key in _TEXT_FIELDS:
            self.edits[key].setText(getattr(member, key))
        self.sex.setCurrentText(member.sex)
        self.birth_date.set_value(member.birth_date)
        self.relation.setCurrentIndex(max(0, self.relation.findData(member.relation)))
        self.disability.setChecked(member.disability)
        self.notes.setPlainText(member.notes)

    def current_input(self) -> MemberInput:
        """The member as typed; ``ValidationError`` for an unreadable date, with every
        other wrong field of the form beside it."""
        try:
            born, unreadable = self.birth_date.value(), ""
        except ValueError as exc:
            born, unreadable = None, _("Birth date: {detail}").format(detail=exc)
        values = {key: self.edits[key].text() for key in _TEXT_FIELDS}
        base = self.member or MemberInput(first_name="", last_name="")
        typed = replace(
            base,
            **values,
            sex=self.sex.currentText(),
            birth_date=born,
            relation=self.relation.currentData(),
            disability=self.disability.isChecked(),
            notes=self.notes.toPlainText(),
        )
        if unreadable:
            errors = FieldErrors()
            errors.add("birth_date", unreadable)
            try:
                clean_member(typed)
            except ValidationError as exc:
                for field, message in exc.errors:
                    if field != "birth_date":
                        errors.add(field, message)
            errors.raise_any()
        return typed

    # -- live checks -----------------------------------------------------------
    def _code_changed(self, text: str) -> None:
        code = taxcode.normalise(text)
        self.edits["no_code_reason"].setEnabled(not code)
        self.code_info.clear()
        if len(code) not in (11, 16):
            return
        try:
            info = taxcode.parse(code)
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return
        self.error.show_message("")
        if info.temporary:
            self.code_info.setText(_("Temporary code."))
            return
        if not self.sex.currentText():
            self.sex.setCurrentText(info.sex or "")
        if not self.birth_date.text().strip():
            self.birth_date.set_value(info.birth_date)
        if not self.edits["birth_place"].text().strip():
            self.edits["birth_place"].setText(info.birthplace or "")
        self.code_info.setText(
            _("Born on {date} in {place}, {sex}.").format(
                date=format_date(info.birth_date),
                place=info.birthplace,
                sex=taxcode.sex_label(info.sex),
            )
        )
        try:
            born = self.birth_date.value()
            taxcode.check_against(info, self.sex.currentText() or None, born)
        except (ValidationError, ValueError) as exc:
            self.error.show_message(getattr(exc, "message", str(exc)))
        self._check_duplicates()

    def _check_duplicates(self) -> None:
        try:
            born = self.birth_date.value()
        except ValueError:
            return
        first, last = self.edits["first_name"].text(), self.edits["last_name"].text()
        if not (first.strip() and last.strip() and born):
            return
        exclude = self.member.id if self.member else None
        self.runner.read(
            registry.likely_duplicates,
            first,
            last,
            born,
            exclude,
            on_done=self._show_duplicates,
            owner=self,
        )

    def _show_duplicates(self, hits: list[PersonHit]) -> None:
        if not hits:
            self.duplicates.hide()
            return
        links = ", ".join(
            f'<a href="{h.family_id}">{h.surname} {h.given_name} ({h.family_name}, {h.comune})</a>'
            for h in hits
        )
        self.duplicates.setText(_("Possibly already registered: {people}").format(people=links))
        self.duplicates.show()

    def _follow(self, family_id: int) -> None:
        self.open_family.emit(family_id)
        self.reject()

    # -- saving ------------------------------------------------------------------
    def save(self) -> None:
        try:
            member = clean_member(self.current_input())
        except ValidationError as exc:
            self.show_field_error(exc)
            return
        if member.id is None:
            self.submit(registry.add_member, self.family_id, member)
        else:
            self.submit(registry.update_member, member)

    def error_text(self, exc: ValidationError) -> str:
        if isinstance(exc, DuplicateCodeError) and exc.family_id:
            return f'{exc.message} <a href="{exc.family_id}">' + _("Open that family") + "</a>"
        return exc.message

    def field_widget(self, field: str) -> QWidget | None:
        special = {"sex": self.sex, "birth_date": self.birth_date, "relation": self.relation}
        return special.get(field, self.edits.get(field))

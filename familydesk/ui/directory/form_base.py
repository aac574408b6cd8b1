"""What the directory's dialogs share: forms whose errors appear under the field they name
(one form or two side by side), a refusal such as a version conflict under the form, and
Ctrl+Enter to save."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLayout, QWidget

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.ui.settings.appointments_form import FieldForm
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.form_dialog import FormDialog


def read_int(text: str, field: str, label: str) -> int | None:
    """A whole number typed in a field (empty: None); ``ValidationError`` naming ``label``."""
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(
            field, _("{field}: a whole number of years, for example 3.").format(field=label)
        ) from None


class DirectoryFormDialog(FormDialog):
    """A dialog over one or more :class:`FieldForm` (``self.forms``, left to right)."""

    forms: list[FieldForm]

    def widget_of(self, field: str) -> QWidget | None:
        for form in self.forms:
            if field in form.widgets:
                return form.widgets[field]
        return None

    def field_widget(self, field: str) -> QWidget | None:
        return self.widget_of(field)

    def clear_errors(self) -> None:
        for form in self.forms:
            form.clear_errors()

    def error_under(self, field: str) -> str:
        """The message shown under ``field`` (tests)."""
        for form in self.forms:
            if field in form.errors:
                line = form.errors[field]
                return line.text() if not line.isHidden() else ""
        return ""

    def general_error(self) -> str:
        line = self.forms[0].general_error
        return line.text() if not line.isHidden() else ""

    def show_field_error(self, exc: ValidationError) -> None:
        """Each message under its field, in whichever form holds it; the rest under the
        first form; the cursor in the topmost wrong field."""
        self.clear_errors()
        for form in self.forms:
            mine = [(f, m) for f, m in exc.errors if f in form.errors]
            if mine:
                form.show_error(ValidationError(*mine[0], tuple(mine[1:])))
        general = [(f, m) for f, m in exc.errors if self.widget_of(f) is None]
        if general:
            self.forms[0].general_error.show_message("\n".join(m for _f, m in general))
        wrong = [f for f, _m in exc.errors if self.widget_of(f) is not None]
        if wrong:
            top = min(wrong, key=self._position)
            widget = self.widget_of(top)
            if widget is not None:
                widget.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.show_field_error(exc)
        elif isinstance(exc, FamilyDeskError):
            self.clear_errors()
            self.forms[0].general_error.show_message(exc.message)
        else:
            show_error(self, exc)

    def ready(self, *extra: QWidget) -> None:
        """Labels translated, the forms side by side, Save/Cancel at the bottom."""
        self.forms[0].add_general_error()
        for form in self.forms:
            form.retranslate()
        body: QLayout
        if len(self.forms) == 1:
            body = self.forms[0]
        else:
            body = QHBoxLayout()
            for form in self.forms:
                body.addLayout(form, 1)
        self.lay_out(body, *extra)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)

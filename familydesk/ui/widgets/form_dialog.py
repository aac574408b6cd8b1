"""What the registry's editing dialogs share: save through the runner, show a
validation error under the form and put the cursor in the field it names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout, QWidget

from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.ui.shell import unsaved
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import ErrorLine


class FormDialog(QDialog):
    """``saved(result)`` after the service returned; the dialog then closes."""

    saved = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.error = ErrorLine()
        self.setMinimumWidth(480)
        self._opened_with: tuple[object, ...] | None = None  # the inputs when it opened

    # -- before quitting, locking or switching operator (ui.unsaved) --------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._opened_with is None:
            self._opened_with = unsaved.form_values(self)
            self._touched = unsaved.watch_typing(self)

    def done(self, result: int) -> None:
        self._opened_with = None
        super().done(result)

    def unsaved_changes(self) -> str:
        """The form's title when the operator changed a field (what a list filled in
        after opening puts in does not count)."""
        if self._opened_with is None or not self._touched.touched:
            return ""
        if unsaved.form_values(self) == self._opened_with:
            return ""
        return _("{form}: changes not saved").format(form=self.windowTitle())

    def save_changes(self) -> None:
        self.save()

    def discard_changes(self) -> None:
        self.reject()

    def lay_out(self, form: QLayout, *extra: QWidget) -> None:
        """The form, any ``extra`` widgets, the error line and Save/Cancel, top to bottom."""
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (*extra, self.error, self.buttons):
            layout.addWidget(widget)

    def save(self) -> None:
        """Check the form and ``submit`` it (each dialog says how)."""
        raise NotImplementedError

    def field_widget(self, field: str) -> QWidget | None:
        """The input a validation error about ``field`` points to."""
        return None

    def error_text(self, exc: ValidationError) -> str:
        return exc.message

    def submit(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run ``service(session, *args, **kwargs)`` on the writer; close when it succeeds."""
        self.runner.write(
            service, *args, on_done=self._saved, on_error=self._failed, owner=self, **kwargs
        )

    def _saved(self, result: Any) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.show_field_error(exc)
        else:
            show_error(self, exc)

    def show_field_error(self, exc: ValidationError) -> None:
        """Every wrong field at once, top to bottom as the form shows them; focus the first."""
        if len(exc.errors) == 1:
            self.error.show_message(self.error_text(exc))
            widget = self.field_widget(exc.field)
        else:
            ordered = sorted(exc.errors, key=lambda error: self._position(error[0]))
            self.error.show_message("\n".join(message for _field, message in ordered))
            widget = self.field_widget(ordered[0][0])
        if widget is not None:
            widget.setFocus()

    def _position(self, field: str) -> tuple[int, int]:
        widget = self.field_widget(field)
        if widget is None:
            return (1 << 30, 0)
        point = widget.mapTo(self, QPoint(0, 0))
        return (point.y(), point.x())

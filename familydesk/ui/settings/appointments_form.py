"""What the tabs of Settings → Appointments share: a form whose errors appear under
the field they name, and a list-and-form editor (New, Save, Remove) over one kind
of record (services, staff, places)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QPoint, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import ErrorLine, record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel


class FieldForm(QFormLayout):
    """Labelled fields, each with its own error line just under it.

    ``show_error`` puts a ``ValidationError`` under the field it names (or under the
    form when no field matches) and moves the cursor there.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLine] = {}
        self.labels: dict[str, tuple[QLabel, Callable[[], str]]] = {}
        self.general_error = ErrorLine()

    def add(self, key: str, widget: QWidget, label: Callable[[], str]) -> QWidget:
        """Add ``widget`` under ``label()`` (a translated text with its & shortcut)."""
        widget.setObjectName(key)
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = ErrorLine()
        column.addWidget(error)
        caption = QLabel()
        caption.setBuddy(widget)
        self.addRow(caption, cell)
        self.widgets[key], self.errors[key], self.labels[key] = widget, error, (caption, label)
        return widget

    def add_general_error(self) -> None:
        """The line for errors about no field in particular (call after the last field)."""
        self.addRow(self.general_error)

    def retranslate(self) -> None:
        for caption, label in self.labels.values():
            caption.setText(label())

    def clear_errors(self) -> None:
        for error in (*self.errors.values(), self.general_error):
            error.show_message("")

    def report(self, exc: BaseException, parent: QWidget) -> None:
        """A validation error under its field; any other error in a dialog over ``parent``."""
        if isinstance(exc, ValidationError):
            self.show_error(exc)
        else:
            show_error(parent, exc)

    def show_error(self, exc: ValidationError) -> None:
        """Each wrong field's message under it (all at once); focus the topmost."""
        self.clear_errors()
        general: list[str] = []
        shown: dict[str, list[str]] = {}
        for field, message in exc.errors:
            if field in self.errors:
                shown.setdefault(field, []).append(message)
            else:
                general.append(message)
        for field, messages in shown.items():
            self.errors[field].show_message("\n".join(messages))
        if general:
            self.general_error.show_message("\n".join(general))
        if shown:
            top = min(
                shown,
                key=lambda f: self.widgets[f].mapTo(self.widgets[f].window(), QPoint(0, 0)).y(),
            )
            widget = self.widgets[top]
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()


def row_of(*widgets: QWidget) -> QHBoxLayout:
    """``widgets`` side by side (buttons, fields), then the space left."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def selected_row(table: QTableView) -> Any | None:
    """The record of the row selected in ``table`` (a ``RowsTableModel``), or None."""
    rows = table.selectionModel().selectedRows()
    return table.model().row_at(rows[0].row()) if rows else None  # type: ignore[attr-defined]


def on_enter(action: Callable[[], None], *edits: QLineEdit) -> None:
    """Enter in any of ``edits`` does ``action`` (save, add)."""
    for edit in edits:
        edit.returnPressed.connect(action)


def list_table(model: QAbstractItemModel) -> QTableView:
    """A read-only list whose first column (the name) takes the width left."""
    view = record_table(model)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


def state_text(row: Any) -> str:
    return _("active") if row.active else _("not in use")


class ResourceEditor(QWidget):
    """The records on the left; on the right the selected one's form with New, Save and
    Remove (which deletes unused records and retires the others).

    Subclasses give the columns, build ``self.form``, and say how to ``fill`` the form
    from a row and ``gather`` the input for ``save_fn``; ``add_below`` adds a box under
    the form, ``add_column`` a column at the right (then the form goes under the list).
    ``changed`` is emitted after a save or a removal.
    """

    changed = Signal()

    def __init__(
        self,
        runner: Runner,
        columns: list[Column],
        list_fn: Callable[..., Any],
        save_fn: Callable[..., Any],
        remove_fn: Callable[..., Any],
        parent: QWidget | None = None,
        form_under_list: bool = False,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.list_fn, self.save_fn, self.remove_fn = list_fn, save_fn, remove_fn
        self.current: Any | None = None
        self.model = RowsTableModel(columns, self)
        self.table = list_table(self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.form = FieldForm()
        self.new_button, self.save_button, self.remove_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.save_button.setObjectName("saveButton")
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.status = QLabel()
        self.status.setObjectName("okLabel")
        self.status.setWordWrap(True)
        self.side = QVBoxLayout()
        self.side.addLayout(self.form)
        self.side.addLayout(row_of(self.save_button, self.new_button, self.remove_button))
        self.side.addWidget(self.status)
        self.side.addStretch(1)
        self.columns = QHBoxLayout(self)
        if form_under_list:
            self.side.insertWidget(0, self.table, 3)
            self.columns.addLayout(self.side, 1)
        else:
            self.columns.addWidget(self.table, 4)
            self.columns.addLayout(self.side, 5)

    def add_below(self, widget: QWidget) -> None:
        """Put ``widget`` under the form's buttons, taking the height left."""
        self.side.takeAt(self.side.count() - 1)  # the stretch
        self.side.addWidget(widget, 1)

    def add_column(self, layout: QVBoxLayout) -> None:
        self.columns.addLayout(layout, 1)

    # -- to fill in by each tab --------------------------------------------------
    def fill(self, row: Any | None) -> None:
        """Show ``row`` in the form (None: an empty form for a new record)."""
        raise NotImplementedError

    def gather(self) -> Any:
        """The input for ``save_fn`` from the form (``self.current`` is the row edited)."""
        raise NotImplementedError

    def removal_question(self, row: Any) -> str:
        raise NotImplementedError

    # -- common work -------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.form.retranslate()
        self.model.retranslate()
        self._selected()

    def load(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else getattr(self.current, "id", None)
        self.runner.read(
            self.list_fn,
            active_only=False,
            on_done=lambda rows: self._show(rows, keep),
            on_error=lambda exc: show_error(self, exc),
            owner=self,
        )

    def _show(self, rows: list[Any], keep: int | None) -> None:
        self.model.set_rows(rows)
        first = 0 if rows and keep is None else None  # something to show at first
        index = next((i for i, row in enumerate(rows) if row.id == keep), first)
        if index is None:
            self.current = None
            self.fill(None)
            self._selected()
        else:
            self.table.selectRow(index)

    def selected(self) -> Any | None:
        return selected_row(self.table)

    def _selected(self) -> None:
        row = self.selected()
        if row is not None and row is not self.current:
            self.current = row
            self.form.clear_errors()
            self.fill(row)
        self.remove_button.setEnabled(self.current is not None)

    def new(self) -> None:
        self.table.clearSelection()
        self.current = None
        self.form.clear_errors()
        self.status.clear()
        self.fill(None)
        self.remove_button.setEnabled(False)
        next(iter(self.form.widgets.values())).setFocus()

    def save(self) -> None:
        self.form.clear_errors()
        self.status.clear()
        try:
            data = self.gather()
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        self.runner.write(
            self.save_fn, data, on_done=self._saved, on_error=self._failed, owner=self
        )

    def _saved(self, row: Any) -> None:
        self.current = None
        self.load(select_id=row.id)
        self.status.setText(_("Saved."))
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.form.report(exc, self)

    def remove(self) -> None:
        row = self.current
        if row is None:
            return
        answer = QMessageBox.question(self, _("Remove"), self.removal_question(row))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.runner.write(
            self.remove_fn,
            row.id,
            row.version,
            on_done=self._removed,
            on_error=self._failed,
            owner=self,
        )

    def _removed(self, result: str) -> None:
        self.status.setText(
            _("Removed.")
            if result == "deleted"
            else _("Kept as not in use: appointments already refer to it.")
        )
        self.current = None
        self.load()
        self.changed.emit()


def active_box(form: FieldForm, key: str = "active") -> QCheckBox:
    """The "In use" check box of a form (unticked: kept for history, no new bookings)."""
    box = QCheckBox()
    form.add(key, box, lambda: _("In &use"))
    return box

"""Nothing typed is lost on quitting, locking or switching operator.

A widget that holds work not yet in the database (attendance marks typed, a form with
changes, an import running) implements :class:`HoldsChanges`. Before the window closes,
locks or passes to another operator, :func:`ask_before` finds every such widget under it
and asks once: save, discard or cancel.
"""

from __future__ import annotations

import time
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from familydesk import APP_NAME
from familydesk.i18n import _
from familydesk.ui.shell.runner import Runner

#: How long saving may take before the question comes back (milliseconds).
SAVE_WAIT_MS = 120_000


@runtime_checkable
class HoldsChanges(Protocol):
    def unsaved_changes(self) -> str:
        """What is not saved, in a sentence for the operator (empty: nothing)."""

    def save_changes(self) -> None:
        """Start saving (through the runner); what is refused stays unsaved."""

    def discard_changes(self) -> None:
        """Forget what is not saved."""


def holders(root: QWidget) -> list[HoldsChanges]:
    """The widgets under ``root`` (and ``root``) with something not saved, in tree order."""
    found = [root, *root.findChildren(QWidget)]
    return [w for w in found if isinstance(w, HoldsChanges) and w.unsaved_changes()]


def ask_before(root: QWidget, runner: Runner, doing: str, parent: QWidget | None = None) -> bool:
    """Ask whether to save what is not saved under ``root`` before ``doing`` (a sentence,
    e.g. "Quit FamilyDesk"); True when it may go on (nothing unsaved, saved, discarded).

    Save waits for the saves and answers False, with the reason, if something was
    refused; Cancel answers False and changes nothing.
    """
    pending = holders(root)
    if not pending:
        return True
    box = QMessageBox(parent or root)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(_("{doing}: some changes are not saved yet.").format(doing=doing))
    box.setInformativeText("\n".join(f"• {w.unsaved_changes()}" for w in pending))
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    for button, text in (
        (buttons.Save, _("Save")),
        (buttons.Discard, _("Discard")),
        (buttons.Cancel, _("Cancel")),
    ):
        box.button(button).setText(text)
    answer = box.exec()
    if answer == buttons.Discard:
        for widget in pending:
            widget.discard_changes()
        return True
    if answer != buttons.Save:
        return False
    for widget in pending:
        widget.save_changes()
    wait_for(runner)
    left = holders(root)
    if left:
        QMessageBox.warning(
            parent or root,
            APP_NAME,
            "\n".join(
                [
                    _("Not everything could be saved: nothing was closed."),
                    *(f"• {w.unsaved_changes()}" for w in left),
                ]
            ),
        )
        return False
    return True


def wait_for(runner: Runner, msecs: int = SAVE_WAIT_MS) -> None:
    """Let the runner's work finish and its results arrive (events keep flowing)."""
    deadline = time.monotonic() + msecs / 1000
    while runner.pending and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 30)
        time.sleep(0.005)


def form_values(root: QWidget) -> tuple[object, ...]:
    """What the inputs under ``root`` hold now (compare two to tell whether a form changed)."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            values.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)


#: Events by which the operator changes an input.
_TYPING = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.InputMethod,
    }
)


class Touched(QObject):
    """Whether the operator pressed a key or clicked in one of the watched widgets."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.touched = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _TYPING:
            self.touched = True
        return False


def watch_typing(root: QWidget) -> Touched:
    """Start watching the inputs under ``root`` for the operator's keys and clicks."""
    touched = Touched(root)
    for widget in root.findChildren(QWidget):
        if isinstance(
            widget,
            (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton),
        ):
            widget.installEventFilter(touched)
            if isinstance(widget, (QPlainTextEdit, QTextEdit)):
                widget.viewport().installEventFilter(touched)
    return touched

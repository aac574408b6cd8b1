"""Errors shown to the operator: a sentence for expected ones, a friendly
dialog with "Copy details" for bugs (whose traceback goes to the log only).
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the operator about ``exc``: its message, or a bug dialog."""
    if isinstance(exc, FamilyDeskError):
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("FamilyDesk"),
            exc.message,
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.exec()
        return
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("Unexpected error shown to the operator:\n%s", details)
    show_bug_dialog(parent, details)


def show_inline(line: QWidget, exc: BaseException) -> bool:
    """An expected error in ``line`` (an ``ErrorLine`` next to what it is about), a bug in
    the bug dialog. True when it was an expected one."""
    if isinstance(exc, FamilyDeskError):
        line.show_message(exc.message)  # type: ignore[attr-defined]
        return True
    show_error(line, exc)
    return False


def bug_dialog(parent: QWidget | None, details: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Something went wrong"))
    box.setText(
        _(
            "Something went wrong. Your saved data is safe; the last action may not have been "
            "completed."
        )
    )
    box.setInformativeText(
        _(
            "The details have been written to the log file. If it happens again, copy the details "
            "and send them to your technical contact."
        )
    )
    box.setDetailedText(details)
    copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()  # keep the dialog open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    return box


def show_bug_dialog(parent: QWidget | None, details: str) -> None:
    bug_dialog(parent, details).exec()


_showing = False


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    global _showing
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("Uncaught exception:\n%s", details)
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        show_bug_dialog(QApplication.activeWindow(), details)
    finally:
        _showing = False


def install_excepthook() -> None:
    """Route uncaught exceptions (also those raised in Qt slots) to the bug dialog."""
    sys.excepthook = _excepthook

"""Printouts from the pages: a service writes the PDF, the system viewer opens it.

The PDF goes to the data folder's ``printouts`` (one file per kind and
record, overwritten by the next print of the same thing); the service that
writes it audits the print. When no viewer starts, the operator is told where
the file is and offered its folder; when printing fails, the operator is told
why.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from familydesk.i18n import _
from familydesk.kernel import paths
from familydesk.kernel.errors import FamilyDeskError
from familydesk.ui.shell.runner import Runner

log = logging.getLogger(__name__)


def printout_path(kind: str, record_id: int | str) -> Path:
    folder = paths.data_dir() / "printouts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{record_id}.pdf"


def open_folder(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def open_pdf(path: Path, parent: QWidget | None = None) -> bool:
    """Open ``path`` in the system viewer. When none starts, show (non-modal, so the
    page stays usable) where the PDF is, with a button that opens its folder.
    Returns whether the viewer started."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    box = QMessageBox(parent)
    box.setObjectName("pdfNotOpened")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("FamilyDesk"))
    box.setText(_("The PDF is ready, but no PDF viewer could be started."))
    box.setInformativeText(_("It was saved as %(path)s") % {"path": str(path)})
    folder = box.addButton(_("Open folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    folder.clicked.connect(lambda: open_folder(path))
    box.open()
    return False


def print_failed_message(exc: BaseException, path: Path) -> str:
    """The sentence an operator reads when a printout could not be made."""
    if isinstance(exc, FamilyDeskError):
        return exc.message
    if isinstance(exc, PermissionError):
        reason = _("the file is open in another program or the folder is read-only")
    elif isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
    else:
        reason = str(exc) or type(exc).__name__
    return _("The PDF %(path)s could not be made: %(reason)s.") % {
        "path": str(path),
        "reason": reason,
    }


def show_print_failed(parent: QWidget | None, exc: BaseException, path: Path) -> QMessageBox:
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("Printing %s failed:\n%s", path, details)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("FamilyDesk"),
        print_failed_message(exc, path),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("printFailed")
    box.open()
    return box


def print_pdf(
    runner: Runner,
    owner: QWidget,
    service: Callable[..., Any],
    *args: Any,
    kind: str,
    key: int | str,
    on_done: Callable[[Path], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Path:
    """Run ``service(session, *args, path)`` (a write: prints are audited), then open the
    PDF; ``on_done(path)`` after it is written. An expected error goes to ``on_error``
    (when given); any other failure is shown to the operator with its reason."""
    path = printout_path(kind, key)

    def written(_result: object) -> None:
        open_pdf(path, owner)
        if on_done is not None:
            on_done(path)

    def failed(exc: BaseException) -> None:
        # The page's own handler places an expected error (a sentence) next to what it
        # is about; anything else is named here rather than as a generic bug.
        if on_error is not None and isinstance(exc, FamilyDeskError):
            on_error(exc)
        else:
            show_print_failed(owner, exc, path)

    runner.write(service, *args, path, on_done=written, on_error=failed, owner=owner)
    return path

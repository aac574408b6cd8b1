"""Printouts from the pages: a service writes the PDF, the system viewer opens it.

The PDF goes to the data folder's ``printouts`` (one file per kind and
record, overwritten by the next print of the same thing); the service that
writes it audits the print.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from familydesk import paths
from familydesk.ui.runner import Runner


def printout_path(kind: str, record_id: int | str) -> Path:
    folder = paths.data_dir() / "printouts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{record_id}.pdf"


def open_pdf(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_pdf(runner: Runner, owner: QWidget, service: Callable[..., Any], *args: Any,
              kind: str, key: int | str, on_done: Callable[[Path], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None) -> Path:  # fmt: skip
    """Run ``service(session, *args, path)`` (a write: prints are audited), then open the
    PDF; ``on_done(path)`` after it is written."""
    path = printout_path(kind, key)

    def written(_result: object) -> None:
        open_pdf(path)
        if on_done is not None:
            on_done(path)

    runner.write(service, *args, path, on_done=written, on_error=on_error, owner=owner)
    return path

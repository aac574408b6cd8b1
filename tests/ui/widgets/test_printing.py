"""Printing tells the operator where the PDF went when no viewer starts, and why a
print failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from familydesk.ui.widgets import printing


def _write(_session, path: Path) -> None:  # type: ignore[no-untyped-def]
    path.write_bytes(b"%PDF-1.4\n")


def _fail(_session, path: Path) -> None:  # type: ignore[no-untyped-def]
    raise PermissionError(13, "Permission denied", str(path))


def test_no_viewer_says_where_the_pdf_is_and_opens_its_folder(context, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    opened: list[str] = []

    def no_viewer(url):  # type: ignore[no-untyped-def]
        opened.append(url.toLocalFile())
        return not url.toLocalFile().endswith(".pdf")  # a folder opens, a PDF does not

    monkeypatch.setattr(QDesktopServices, "openUrl", no_viewer)
    owner = QWidget()
    qtbot.addWidget(owner)
    path = printing.print_pdf(context.runner, owner, _write, kind="test", key=1)
    box = owner.findChild(QMessageBox, "pdfNotOpened")
    assert box is not None
    assert str(path) in box.informativeText()
    folder = next(b for b in box.findChildren(QPushButton) if b.text() == "Open folder")
    folder.click()
    assert opened[-1] == str(path.parent)


def test_viewer_started_shows_nothing(context, qtbot):  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    printing.print_pdf(context.runner, owner, _write, kind="test", key=2)
    assert owner.findChild(QMessageBox) is None


@pytest.mark.parametrize("with_handler", [False, True])
def test_failed_print_says_why(context, qtbot, with_handler):  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    handled: list[BaseException] = []
    path = printing.print_pdf(
        context.runner,
        owner,
        _fail,
        kind="test",
        key=3,
        on_error=handled.append if with_handler else None,
    )
    box = owner.findChild(QMessageBox, "printFailed")
    assert box is not None
    assert str(path) in box.text()
    assert "another program" in box.text()
    assert handled == []

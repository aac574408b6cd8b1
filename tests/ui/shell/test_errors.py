"""Bugs reach the operator as a friendly dialog, never as a traceback."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from familydesk.ui.shell import errors


def _raise() -> None:
    raise ZeroDivisionError("boom")


def test_bug_dialog_offers_copy_details(qapp) -> None:  # type: ignore[no-untyped-def]
    box = errors.bug_dialog(None, "Traceback: details")
    assert box.text().startswith("Something went wrong")
    assert "Traceback" not in box.text() + box.informativeText()
    copy = next(b for b in box.buttons() if b.text() == "Copy details")
    copy.click()
    assert QApplication.clipboard().text() == "Traceback: details"
    box.deleteLater()


def test_uncaught_exceptions_are_logged_and_shown_friendly(
    qapp, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(errors, "show_bug_dialog", lambda _parent, details: shown.append(details))
    try:
        _raise()
    except ZeroDivisionError:
        kind, value, tb = sys.exc_info()
    with caplog.at_level(logging.ERROR):
        errors._excepthook(kind, value, tb)  # type: ignore[arg-type]
    assert "ZeroDivisionError" in shown[0]
    assert "Uncaught exception" in caplog.text


def test_expected_errors_show_their_sentence(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from familydesk.kernel.errors import ValidationError

    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: texts.append(self.text()))
    errors.show_error(None, ValidationError("email", "E-mail: expected an address."))
    assert texts == ["E-mail: expected an address."]


def test_a_database_that_cannot_open_is_explained_in_a_dialog(
    qapp, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from familydesk.ui.shell import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    code = app.run_gui(location=r"\\nas\share\fd.sqlite3")
    assert code == 1
    assert "network share" in shown[0]

    bugs: list[str] = []
    monkeypatch.setattr(app, "show_bug_dialog", lambda _p, details: bugs.append(details))
    monkeypatch.setattr(app, "open_for_window", lambda *_a: 1 / 0)
    assert app.run_gui(location=str(tmp_path / "x.sqlite3")) == 70
    assert "ZeroDivisionError" in bugs[0]

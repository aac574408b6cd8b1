"""Starting FamilyDesk on a SQLite file another window has open warns who and since when
(and goes on: it does not refuse)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from familydesk.db import in_use
from familydesk.db.database import Database
from familydesk.ui.shell import in_use as in_use_ui


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: shown.append(text))
    )
    return shown


@pytest.mark.sqlite_only
def test_a_second_window_warns_who_has_the_file_open_and_since_when(
    database: Database, warnings: list[str]
) -> None:
    path = in_use_ui.sqlite_path(database)
    assert path is not None
    theirs = in_use.InUse(path, "laura", pid=4242, host="PC-SPORTELLO-2")
    theirs.beat()
    database.operator = "tester"
    mine = in_use_ui.claim_and_warn(database)
    assert mine is not None
    assert len(warnings) == 1
    assert "already open in another FamilyDesk window" in warnings[0]
    assert "laura on PC-SPORTELLO-2 since 09/12/2026 10:30" in warnings[0]
    assert [h.operator for h in in_use.InUse(path, "x", pid=1).others()] == ["laura", "tester"]
    mine.release()
    theirs.release()


@pytest.mark.sqlite_only
def test_alone_on_the_file_nothing_is_said(database: Database, warnings: list[str]) -> None:
    mine = in_use_ui.claim_and_warn(database)
    assert mine is not None and warnings == []
    mine.release()

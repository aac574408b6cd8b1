"""Family detail: the copy of a member's personal data (GDPR art. 15), for roles that may export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from familydesk import registry
from familydesk.db.database import Database
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust import audit
from familydesk.ui.families.detail import FamilyDetailView
from familydesk.ui.widgets.page import PageContext


def _detail(context: PageContext, database: Database, qtbot: QtBot) -> FamilyDetailView:
    members = [
        MemberInput(
            first_name="Anna",
            last_name="Benatti",
            sex="F",
            no_code_reason="x",
            birth_date=date(1985, 4, 2),
        ),
        MemberInput(
            first_name="Zoe",
            last_name="Benatti",
            sex="F",
            relation="child",
            no_code_reason="neonata",
            birth_date=date(2024, 5, 6),
        ),
    ]
    family = database.write(registry.create_family, FamilyInput(name="Benatti"), members)
    view = FamilyDetailView(context.runner)
    qtbot.addWidget(view)
    view.load(family.id)
    return view


def test_exports_the_selected_member_into_the_chosen_folder(
    context: PageContext,
    database: Database,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: list[str],
) -> None:
    view = _detail(context, database, qtbot)
    button = view.buttons["access"]
    assert not button.isHidden() and button.text() == "Data copy (art. 15)…"
    asked: list[str] = []
    answer = {"folder": ""}
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        staticmethod(lambda _parent, title, *a: asked.append(title) or answer["folder"]),
    )
    view.members_view.selectRow(1)
    button.click()  # cancelled: nothing written
    assert "Benatti Zoe" in asked[0] and dialogs == []
    answer["folder"] = str(tmp_path / "copia")
    button.click()
    files = sorted((tmp_path / "copia").iterdir())
    assert [f.suffix for f in files] == [".json", ".pdf"]
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["person"]["first_name"] == "Zoe"
    assert len(dialogs) == 1 and str(files[0]) in dialogs[0] and str(files[1]) in dialogs[0]
    assert database.read(audit.entries)[0].action == "access-export"


@pytest.mark.parametrize("role", ["reception", "educator", "professional"])
def test_hidden_for_roles_that_may_not_export(
    role: str, context: PageContext, database: Database, qtbot: QtBot
) -> None:
    view = _detail(context, database, qtbot)
    database.role = role
    hidden = FamilyDetailView(context.runner)
    qtbot.addWidget(hidden)
    assert hidden.buttons["access"].isHidden() and not view.buttons["access"].isHidden()


def test_the_desk_records_an_erasure_request_for_the_selected_member(
    context: PageContext, database: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from familydesk.privacy import erasure

    monkeypatch.setattr(QDialog, "open", QDialog.show)
    database.role = "reception"
    view = _detail(context, database, qtbot)
    button = view.buttons["erasure"]
    assert not button.isHidden()
    view.members_view.selectRow(0)
    button.click()
    view.erasure_dialog.requested_by.setText("la stessa interessata, allo sportello")
    view.erasure_dialog.save()
    database.role = "coordinator"
    [request] = database.read(erasure.list_erasure_requests)
    assert request.status == "open" and request.requested_by.startswith("la stessa")

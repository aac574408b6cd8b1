"""Closing a referral's follow-up at the desk (issue 16, item 5): the list asks about the
service, F9 asks the answer; still waiting moves it on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk import frontdesk
from familydesk.db.database import Database
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.kernel import clock
from familydesk.ui.frontdesk import referral_outcome
from familydesk.ui.frontdesk.follow_ups import FollowUpsPanel
from familydesk.ui.frontdesk.referral_outcome import ReferralOutcomeDialog
from familydesk.ui.shell.main_window import MainWindow
from tests.frontdesk.referral_data import build_directory
from tests.ui.conftest import open_page


@pytest.fixture
def panel(window: MainWindow, database: Database) -> FollowUpsPanel:
    ids = build_directory(database).ids
    database.write(
        frontdesk.record_contact,
        ContactInput(
            requests=(
                RequestInput(
                    "parenting",
                    ("referral",),
                    service_id=ids["Consultorio di Pegognaga"],
                    follow_up_on=clock.today(),
                ),
            )
        ),
    )
    page = open_page(window, "frontdesk")
    page.load()
    return page.follow_ups


def _open(database: Database) -> list[frontdesk.FollowUp]:
    return database.read(frontdesk.open_follow_ups, "tester")


def test_the_list_asks_about_the_service_and_reached_closes_it(
    panel: FollowUpsPanel, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = [
        panel.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(panel.model.columnCount())
    ]
    column = headers.index("Referral")
    assert panel.model.index(0, column).data() == (
        "did the family reach «Consultorio di Pegognaga»?"
    )
    asked = []
    monkeypatch.setattr(
        referral_outcome, "ask_outcome", lambda _p, f: asked.append(f) or ("reached", None)
    )
    panel.mark_done()
    assert len(asked) == 1 and _open(database) == []


def test_still_waiting_moves_it_on_and_cancel_changes_nothing(
    panel: FollowUpsPanel, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(referral_outcome, "ask_outcome", lambda _p, _f: None)
    panel.mark_done()
    assert [f.follow_up_on for f in _open(database)] == [clock.today()]
    later = clock.today() + timedelta(days=10)
    monkeypatch.setattr(referral_outcome, "ask_outcome", lambda _p, _f: ("waiting", later))
    panel.mark_done()
    assert [f.follow_up_on for f in _open(database)] == [later]


def test_the_dialog_asks_the_next_date_only_while_waiting(
    panel: FollowUpsPanel, qtbot: QtBot
) -> None:
    dialog = ReferralOutcomeDialog(panel.selected(), panel)
    qtbot.addWidget(dialog)
    assert dialog.question.text() == "Did the family reach «Consultorio di Pegognaga»?"
    assert dialog.answer() == ("reached", None) and not dialog.next_on.isEnabled()
    dialog.buttons["waiting"].setChecked(True)
    assert dialog.next_on.isEnabled()
    assert dialog.answer() == ("waiting", clock.today() + timedelta(days=7))

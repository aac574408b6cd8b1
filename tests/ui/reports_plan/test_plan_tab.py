"""The plan tab: the sheet with target, actual, percent and trend; a coordinator adds an
action and an indicator through the dialogs (the measure's filters shown, an error
under its field), tags groups; readers see no edit buttons; a missing writer is a
message."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.reports.plan import editing, records
from familydesk.ui.reports.plan_tab import PlanTab
from familydesk.ui.widgets.page import PageContext


def _seed(database: Database) -> records.ActionRow:
    action = database.write(
        editing.save_action,
        editing.ActionInput(title="Genitori imperfetti cercasi", plan="Piano Famiglia"),
    )
    database.write(
        editing.save_indicator,
        editing.IndicatorInput(
            action_id=action.id,
            name="Incontri per le famiglie",
            target="16",
            period_from=date(2026, 1, 1),
            period_to=date(2026, 12, 31),
            manual_value="12",
            manual_source="Verbali",
        ),
    )
    return action


def _tab(context: PageContext, qtbot: QtBot, role: str = "coordinator") -> PlanTab:
    context.runner.database.role = role
    tab = PlanTab(context.runner)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    return tab


def _cells(tab: PlanTab, row: int) -> list[str]:
    model = tab.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_sheet_shows_target_actual_percent_and_source(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    _seed(database)
    tab = _tab(context, qtbot, "reception")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert _cells(tab, 0)[0] == "Genitori imperfetti cercasi"
    assert _cells(tab, 1)[1:6] == ["16", "12", "75 %", "", "Verbali"]
    assert not tab.buttons["new_action"].isVisible() and tab.buttons["pdf"].isVisible()


def test_a_coordinator_adds_an_action_and_a_measured_indicator(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    tab = _tab(context, qtbot)
    tab.new_action()
    dialog = tab.last_dialog
    dialog.save()
    assert dialog.error_under("title").startswith("Title:")
    dialog.title.setText("Ben-Nasco")
    dialog.save()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)
    tab.new_indicator()
    dialog = tab.last_dialog
    dialog.measure.setCurrentIndex(dialog.measure.findData("sessions_held"))
    assert set(dialog.filter_widgets) == {"group_kind", "tagged"}
    assert not dialog.manual_source.isEnabled()
    kind = dialog.findChild(QComboBox, "filter_group_kind")
    kind.setCurrentIndex(kind.findData("playgroup"))
    dialog.findChild(QCheckBox, "filter_tagged").setChecked(True)
    dialog.name.setText("Incontri")
    dialog.target.setText("-1")
    dialog.save()
    assert dialog.error_under("target").startswith("Target:")
    dialog.target.setText("16")
    dialog.save()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    saved = database.read(records.list_actions)[0].indicators[0]
    assert saved.filters == {"group_kind": "playgroup", "tagged": True}
    assert _cells(tab, 1)[5] == "FamilyDesk"


def test_a_missing_writer_is_a_message(
    context: PageContext,
    database: Database,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _seed(database)
    tab = _tab(context, qtbot)
    monkeypatch.setitem(sys.modules, "familydesk.reports.outputs.xlsx", None)
    monkeypatch.setattr(tab, "choose_file", lambda fmt: str(tmp_path / "plan.xlsx"))
    tab.write_file("xlsx")
    qtbot.waitUntil(lambda: "not available" in tab.banner.text())
    assert tab.last_written is None

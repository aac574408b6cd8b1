"""``familydesk plan list`` and ``plan sheet --format json``; a missing writer is a
clear message, not a traceback."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from familydesk.reports.plan import editing
from tests.helpers import open_signed, run_cli


@pytest.fixture
def plan_db(db_location: str, cli_operator: str) -> str:
    database = open_signed(db_location)
    try:
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
                measure="",
                manual_value="12",
                manual_source="Verbali",
            ),
        )
    finally:
        database.dispose()
    return db_location


def test_list_and_json_sheet(plan_db: str, capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    code, out, _err = run_cli(capsys, "--lang", "en", "plan", "list", "--db", plan_db)
    assert code == 0 and "Genitori imperfetti cercasi" in out and "Verbali" in out
    target = tmp_path / "plan.json"
    code, out, _err = run_cli(
        capsys, "plan", "sheet", "--format", "json", "--out", str(target), "--db", plan_db
    )
    assert code == 0
    found = json.loads(target.read_text(encoding="utf-8"))["actions"][0]["indicators"][0]
    assert (found["target"], found["actual"], found["percent"]) == (16, 12, 75.0)
    assert found["source"] == "Verbali"


def test_a_missing_writer_is_a_message(
    plan_db: str, capsys: pytest.CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "familydesk.reports.outputs.pdf", None)
    code, _out, err = run_cli(
        capsys,
        "--lang",
        "en",
        "plan",
        "sheet",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "p.pdf"),
        "--db",
        plan_db,
    )
    assert code != 0 and "PDF writer is not available" in err
    assert "Traceback" not in err

"""``familydesk plan list`` and ``plan sheet --format json``; a missing writer is a
clear message, not a traceback."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from familydesk.db.models.registry import AuditEntry
from familydesk.db.models.reports import PlanAction
from familydesk.reports.plan import editing
from tests.helpers import open_signed, run_cli


def _typed_in(database, action_id: int, name: str, target: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """An indicator of this year typed in, with "Verbali" as its source."""
    database.write(
        editing.save_indicator,
        editing.IndicatorInput(
            action_id=action_id,
            name=name,
            target=target,
            period_from=date(2026, 1, 1),
            period_to=date(2026, 12, 31),
            measure="",
            manual_value=value,
            manual_source="Verbali",
        ),
    )


@pytest.fixture
def plan_db(db_location: str, cli_operator: str) -> str:
    database = open_signed(db_location)
    try:
        action = database.write(
            editing.save_action,
            editing.ActionInput(title="Genitori imperfetti cercasi", plan="Piano Famiglia"),
        )
        _typed_in(database, action.id, "Incontri per le famiglie", "16", "12")
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


@pytest.mark.parametrize(
    ("fmt", "magic", "action"), [("pdf", b"%PDF-", "print"), ("xlsx", b"PK", "export")]
)
def test_the_sheet_on_paper_and_in_a_workbook_is_written_and_audited(
    plan_db: str, capsys: pytest.CaptureFixture, tmp_path: Path, fmt: str, magic: bytes, action: str
) -> None:
    """Found at the real CLI: the sheet was written in a read session, where the print's
    audit entry is refused, so the operator got "an unexpected error" and no file."""
    target = tmp_path / f"piano.{fmt}"
    code, _out, err = run_cli(
        capsys, "plan", "sheet", "--format", fmt, "--out", str(target), "--db", plan_db
    )
    assert code == 0, err
    assert target.read_bytes().startswith(magic)
    database = open_signed(plan_db)
    try:
        notes = database.read(
            lambda s: s.scalars(
                select(AuditEntry.note).where(
                    AuditEntry.action == action, AuditEntry.table_name == "report"
                )
            ).all()
        )
    finally:
        database.dispose()
    assert len(notes) == 1 and notes[0].startswith("sections")


def test_a_small_actual_never_leaves_the_centre_in_a_file(
    plan_db: str, capsys: pytest.CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen in the demo's PDF: "Colloqui svolti ... 1" printed as is in a file for outside
    use. An actual below the threshold (5) is hidden with its percent; the target stays."""
    from familydesk.reports.outputs import pdf

    database = open_signed(plan_db)
    try:
        action_id = database.read(lambda s: s.scalars(select(PlanAction.id)).one())
        _typed_in(database, action_id, "Famiglie seguite a domicilio", "4", "3")
    finally:
        database.dispose()
    written: list = []
    monkeypatch.setattr(pdf, "write_sections", lambda *args, **kw: written.append(args[3]))
    code, _out, err = run_cli(
        capsys,
        "plan",
        "sheet",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "p.pdf"),
        "--db",
        plan_db,
    )
    assert code == 0, err
    cells = [row.cells for table in written[0][0].tables for row in table.rows]
    small = [c for c in cells if c[1].value is not None and 0 < c[1].value < 5]
    large = [c for c in cells if c[1].value is not None and c[1].value >= 5]
    assert small and large
    assert all(c[1].suppressed and c[2].suppressed and not c[0].suppressed for c in small)
    assert not any(c[1].suppressed for c in large)

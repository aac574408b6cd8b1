"""Group exports: attendance rows that agree with the records (no names), figures per group."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from familydesk.db.database import Database
from familydesk.groups.export import ATTENDANCE_COLUMNS, export_attendance, export_groups
from familydesk.groups.figures import GroupFigures
from familydesk.trust import audit, permissions
from tests.groups.group_data import GroupWorld
from tests.groups.print_data import FIRST_DAY, MetGroup, build_met_group
from tests.helpers import signed_in


@pytest.fixture
def met(database: Database, world: GroupWorld) -> MetGroup:
    return build_met_group(database, world)


def _present_in_db(database: Database, group_id: int) -> int:
    def count(session):  # type: ignore[no-untyped-def]
        return session.execute(
            text(
                "SELECT count(*) FROM attendance a JOIN group_session s ON s.id = a.session_id "
                "WHERE s.group_id = :g AND a.mark = 'present'"
            ),
            {"g": group_id},
        ).scalar_one()

    return database.read(count)


def test_attendance_rows_agree_with_the_records(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    out = tmp_path / "presenze.csv"
    exported = database.write(export_attendance, met.group_id, "csv", out)
    assert exported.count == 5 * 7 and exported.path == out
    data = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data), delimiter=";"))
    assert tuple(rows[0]) == ATTENDANCE_COLUMNS
    present = sum(1 for r in rows if r["presenza"] == "present")
    assert present == _present_in_db(database, met.group_id) == 7 + 6 + 3 + 5 + 6
    assert {r["incontro"] for r in rows} == {"1", "2", "3", "5", "6", "7", "8"}  # 4: cancelled
    first = rows[0]
    assert first["data"] == FIRST_DAY.strftime("%d/%m/%Y") and first["ore"] == "2"
    assert first["gruppo_uid"] == met.group_uid and first["sesso"] in {"F", "M"}
    assert "Cognome" not in data and "Madre" not in data  # no names
    stream = io.StringIO()
    database.write(export_attendance, met.group_id, "json", None, stream)
    documents = json.loads(stream.getvalue())
    assert len(documents) == 35 and documents[0]["hours"] == 2.0
    assert sum(d["mark"] == "present" for d in documents) == present
    assert all(isinstance(d["birth_year"], int) and d["person_uid"] for d in documents)


def test_groups_figures_one_row_per_group(database: Database, met: MetGroup) -> None:
    stream = io.StringIO()
    first, last = FIRST_DAY - timedelta(days=1), FIRST_DAY + timedelta(weeks=10)
    exported = database.write(export_groups, first, last, "json", None, stream)
    [document] = json.loads(stream.getvalue())
    assert exported.count == 1
    assert set(GroupFigures.__dataclass_fields__) <= set(document)
    assert document["group_uid"] == met.group_uid and document["sessions_held"] == 7
    assert document["present_marks"] == _present_in_db(database, met.group_id)
    assert document["completed"] == 3 and document["waiting"] == 1
    assert document["hours_delivered"] == 14.0
    stream = io.StringIO()
    database.write(export_groups, first, last, "csv", None, stream)
    [row] = list(csv.DictReader(io.StringIO(stream.getvalue()), delimiter=";"))
    assert row["incontri_svolti"] == "7" and row["ore_erogate"] == "14"
    assert row["dal"] == first.strftime("%d/%m/%Y") and row["tasso_completamento"] == "0,6"


def test_exports_need_the_right_and_are_audited(database: Database, met: MetGroup) -> None:
    signed_in(database, "educator")
    with pytest.raises(permissions.PermissionDenied):
        database.write(export_attendance, met.group_id, "csv", None, io.StringIO())
    signed_in(database, "coordinator", "anna")
    database.write(export_attendance, met.group_id, "csv", None, io.StringIO())
    database.write(export_groups, FIRST_DAY, FIRST_DAY, "csv", None, io.StringIO())
    signed_in(database, "admin")
    exports = [e for e in database.read(audit.entries) if e.action == "export"]
    assert [(e.operator, e.note, e.record_uid) for e in exports] == [
        ("anna", f"groups csv {FIRST_DAY}..{FIRST_DAY}: 1", ""),
        ("anna", "group attendance csv: 35", met.group_uid),
    ]

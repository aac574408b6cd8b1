"""Right of access (GDPR art. 15): everything held on a person, in one command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from familydesk import cli, registry
from familydesk.db.database import Database
from familydesk.kernel import clock
from familydesk.privacy import erasure
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust import audit
from tests.helpers import open_signed


def test_person_export_holds_record_consents_merges_and_audit(
    database: Database, tmp_path: Path
) -> None:
    from familydesk.privacy.access import write_access_export

    adult = MemberInput(
        first_name="Nicolò",
        last_name="D'Angelo",
        sex="M",
        relation="parent",
        birth_date=date(1985, 4, 2),
        no_code_reason="in attesa",
    )
    twin = MemberInput(
        first_name="Nicolo",
        last_name="Dangelo",
        sex="M",
        relation="parent",
        birth_date=date(1985, 4, 2),
        no_code_reason="doppione",
        phone="347 1",
    )
    family = database.write(registry.create_family, FamilyInput(name="D'Angelo"), [adult])
    other = database.write(registry.create_family, FamilyInput(name="Dangelo"), [twin])
    keep, dupe = family.members[0], other.members[0]
    database.write(registry.record_consent, keep.id, "privacy", date(2026, 1, 5))
    database.write(registry.merge_people, keep.id, keep.version, dupe.id, dupe.version)
    database.write(registry.open_family, family.id)
    database.write(erasure.record_erasure_request, keep.id, clock.today(), "allo sportello")
    paths = database.write(write_access_export, keep.id, tmp_path / "out", "it")
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    assert data["person"]["first_name"] == "Nicolò" and "search_text" not in data["person"]
    assert data["consents"][0]["kind"] == "privacy"
    assert data["merged_records"][0]["no_code_reason"] == "doppione"
    assert data["erasure_requests"][0]["status"] == "open"
    actions = {entry["action"] for entry in data["audit"]}
    assert {"create", "open", "update"} <= actions
    text = "".join(page.extract_text() for page in PdfReader(paths[1]).pages)
    assert "Nicolò" in text and "D'Angelo" in text and "art. 15" in text
    last = database.read(audit.entries, [str(keep.uid)])[0]
    assert last.action == "access-export"


def test_cli_export(
    demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path
) -> None:
    assert cli.main(["demo", "--families", "3", "--db", db_location]) == 0
    database = open_signed(db_location)
    try:
        code = database.read(lambda s: registry.search_people(s, "a")[0].tax_code)
    finally:
        database.dispose()
    capsys.readouterr()
    argv = [
        "--lang",
        "en",
        "privacy",
        "export",
        "--person",
        code,
        "--out",
        str(tmp_path),
        "--db",
        db_location,
    ]
    assert cli.main(argv) == 0
    assert "Personal data written to" in capsys.readouterr().out
    assert (
        len(list(tmp_path.glob("dati-*.json"))) == 1 and len(list(tmp_path.glob("dati-*.pdf"))) == 1
    )
    assert (
        cli.main(
            [
                "--lang",
                "en",
                "privacy",
                "export",
                "--person",
                "NOPE",
                "--out",
                str(tmp_path),
                "--db",
                db_location,
            ]
        )
        == 1
    )

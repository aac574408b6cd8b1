"""Seals beside the backups catch what the hash chain alone cannot: a cut-off end and a
trail rebuilt with fresh hashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from familydesk import cli, registry
from familydesk.admin import backups
from familydesk.db.database import Database
from familydesk.registry import FamilyInput
from familydesk.trust import audit
from familydesk.trust.audit import seal as audit_seal


def _families(database: Database, *names: str) -> None:
    for name in names:
        database.write(registry.create_family, FamilyInput(name=name), [])


def test_a_cut_off_end_is_found_by_the_seal(database: Database, tmp_path: Path) -> None:
    _families(database, "Rossi", "Bianchi")
    backups.make_backup(database, where=tmp_path)
    last = database.read(audit_seal.head).last_id
    assert database.read(audit_seal.check, tmp_path) is None
    _families(database, "Verdi")  # more entries after the seal: fine
    assert database.read(audit_seal.check, tmp_path) is None
    database.write(
        lambda s: s.execute(text("DELETE FROM audit_log WHERE id >= :id"), {"id": last - 1})
    )
    assert database.read(audit.verify) == []  # the chain itself still looks whole
    problem = database.read(audit_seal.check, tmp_path)
    assert problem is not None and f"up to {last} existed" in problem


def test_a_rebuilt_entry_is_found_by_the_seal(database: Database, tmp_path: Path) -> None:
    _families(database, "Rossi")
    backups.make_backup(database, where=tmp_path)
    last = database.read(audit_seal.head).last_id
    database.write(
        lambda s: s.execute(text("UPDATE audit_log SET hash = 'f' WHERE id = :id"), {"id": last})
    )
    assert "was rewritten" in database.read(audit_seal.check, tmp_path)


def test_a_restore_starts_the_seals_again(db_location: str, tmp_path: Path) -> None:
    from tests.helpers import open_signed

    database = open_signed(db_location)
    backups.set_folder(str(tmp_path / "copies"))
    _families(database, "Rossi")
    copy = shutil.copy(backups.make_backup(database), tmp_path)  # rotation keeps one a day
    _families(database, "Bianchi")
    backups.make_backup(database)  # sealed with more entries than the first copy holds
    backups.restore(database, Path(copy))
    restored = open_signed(db_location)
    backups.seal_restored(restored)
    try:
        assert restored.read(audit_seal.check, tmp_path / "copies") is None
    finally:
        restored.dispose()


def test_cli_verify_names_the_cut(
    demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path
) -> None:
    from tests.helpers import open_signed

    assert cli.main(["demo", "--families", "2", "--db", db_location]) == 0
    assert cli.main(["backup", "--db", db_location]) == 0
    database = open_signed(db_location)
    database.write(
        lambda s: s.execute(
            text("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
        )
    )
    database.dispose()
    capsys.readouterr()
    assert cli.main(["--lang", "en", "audit", "verify", "--db", db_location]) == 1
    # the next entry (the sign-in) may take the removed id on SQLite: then it "differs"
    err = capsys.readouterr().err
    assert "the end of the trail was removed" in err or "the trail was rewritten" in err

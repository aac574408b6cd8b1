from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from familydesk.admin.backups import make_backup
from familydesk.admin.maintenance import check_database
from familydesk.db.database import Database
from familydesk.demo import fill_demo
from familydesk.kernel import logs, preferences
from familydesk.kernel.errors import BackupError


def test_check_reports_a_sound_database(database: Database) -> None:
    report = check_database(database)
    assert report.ok and report.revision == report.head


def test_check_reports_a_schema_behind(database: Database) -> None:
    database.write(lambda s: s.execute(text("UPDATE alembic_version SET version_num='0000'")))
    report = check_database(database)
    assert not report.ok
    assert "expected" in report.problems[0]


@pytest.mark.sqlite_only
def test_check_finds_broken_foreign_keys(database: Database) -> None:
    path = str(database.url.database)
    database.dispose()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute(
        "INSERT INTO person (family_id, first_name, last_name, sex, birth_place, relation,"
        " site_id, uid, created_at, updated_at, version)"
        " VALUES (999, 'A', 'B', 'F', '', 'child', 1, 'x', '2026-01-01', '2026-01-01', 1)"
    )
    raw.commit()
    raw.close()
    reopened = Database.open(path, migrate=False)
    try:
        report = check_database(reopened)
        assert any("missing row of family" in p for p in report.problems)
    finally:
        reopened.dispose()


def test_backup_is_a_verified_copy_with_the_data(database: Database, tmp_path: Path) -> None:
    database.write(fill_demo, families=10, seed=4)
    path = make_backup(database, "backup", tmp_path / "copies")
    assert path.exists() and path.stat().st_size > 0
    assert not list((tmp_path / "copies").glob("*.partial"))
    if database.backend.name == "sqlite":
        copy = sqlite3.connect(path)
        assert copy.execute("SELECT count(*) FROM family").fetchone() == (10,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copy.close()
    else:
        assert path.suffix == ".pgdump"


@pytest.mark.sqlite_only
def test_backup_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    from familydesk.db.dialect import SQLiteBackend
    from familydesk.db.location import resolve_database_url

    backend = SQLiteBackend(resolve_database_url(str(tmp_path / "none.sqlite3")))
    with pytest.raises(BackupError, match="no database file"):
        backend.backup(tmp_path)


def test_log_file_rotates_in_the_log_folder(home: Path) -> None:
    path = logs.setup_logging()
    assert path == home / "logs" / "familydesk.log"
    handler = next(
        h for h in __import__("logging").getLogger().handlers if getattr(h, "_familydesk", False)
    )
    assert handler.maxBytes == 1_000_000 and handler.backupCount == 5


def test_preferences_round_trip(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert preferences.language() is None
    preferences.save(language="en")
    assert preferences.language() == "en"
    monkeypatch.setenv("FAMILYDESK_LANG", "it")
    assert preferences.language() == "it"
    (home / "data" / "preferences.json").write_text("{broken", encoding="utf-8")
    monkeypatch.delenv("FAMILYDESK_LANG")
    assert preferences.language() is None

"""Verified backups: rotation 7/4/12, restore to an identical database, refusals."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from familydesk import backups, registry
from familydesk.db.database import Database
from familydesk.db.models import Family, Person
from familydesk.demo import fill_demo
from familydesk.errors import BackupError
from familydesk.kernel import clock
from tests.helpers import open_signed


def _fake_copies(folder: Path, start: datetime, days: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for day in range(days):
        taken = start - timedelta(days=day)
        for hour in (9, 18):  # two copies a day: only the newest of each day can stay
            stamp = taken.replace(hour=hour).strftime("%Y%m%d-%H%M%S")
            (folder / f"familydesk-close-{stamp}-0.sqlite3").write_bytes(b"x")
    (folder / "familydesk-before-0003-20200101-000000-0.sqlite3").write_bytes(b"x")


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    _fake_copies(folder, datetime(2026, 11, 22, 0, 0), days=400)
    backups.rotate(folder)
    kept = backups.copies(folder)
    rotated = [b for b in kept if b.label == "close"]
    days = {b.taken.date() for b in rotated}
    assert len(rotated) == len(days)  # one copy per day at most
    newest = sorted(days, reverse=True)
    assert newest[:7] == [datetime(2026, 11, 22 - i).date() for i in range(7)]
    months = {(d.year, d.month) for d in days}
    assert len(months) == 12 and len(rotated) <= 7 + 4 + 12
    assert any(b.label == "before-0003" for b in kept), "migration copies are not rotated here"


def test_staleness_and_age(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    assert backups.is_stale(where=folder.parent)
    _fake_copies(folder, datetime(2026, 11, 10, 0, 0), days=1)
    assert backups.is_stale(datetime(2026, 11, 22), folder)
    assert not backups.is_stale(datetime(2026, 11, 12), folder)
    assert backups.describe_age(None) == "never"
    assert (
        backups.describe_age(datetime(2026, 11, 20, 9), datetime(2026, 11, 22).date())
        == "2 days ago"
    )


def _counts(database: Database) -> tuple[int, int, list[str]]:
    return database.read(lambda s: (
        s.scalar(select(func.count(Family.id))), s.scalar(select(func.count(Person.id))),
        sorted(s.scalars(select(Person.tax_code).where(Person.tax_code.is_not(None)))),
    ))  # fmt: skip


def test_backup_restores_to_an_identical_database(db_location: str, tmp_path: Path) -> None:
    database = open_signed(db_location)
    database.write(fill_demo, families=20, seed=9)
    before = _counts(database)
    copy = backups.make_backup(database, "backup", tmp_path / "copies")
    families = database.read(registry.family_page, 0, 5).rows
    for row in families:
        database.write(registry.delete_family, row.id, row.version)
    assert _counts(database) != before
    aside = backups.restore(database, copy)
    restored = open_signed(db_location)
    try:
        assert _counts(restored) == before
        from familydesk import audit

        assert restored.read(audit.verify) == []
    finally:
        restored.dispose()
    assert aside.exists()


@pytest.mark.sqlite_only
def test_restore_refuses_a_file_that_is_not_a_backup(db_location: str, tmp_path: Path) -> None:
    database = open_signed(db_location)
    database.write(fill_demo, families=3, seed=2)
    before = _counts(database)
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(BackupError):
        backups.restore(database, bogus)
    with pytest.raises(BackupError, match="no backup file"):
        backups.restore(database, tmp_path / "missing.sqlite3")
    reopened = open_signed(db_location)
    try:
        assert _counts(reopened) == before
    finally:
        reopened.dispose()


def test_backup_folder_preference(tmp_path: Path, home: Path) -> None:
    chosen = backups.set_folder(str(tmp_path / "usb" / "familydesk"))
    assert chosen == tmp_path / "usb" / "familydesk" and backups.folder() == chosen
    locked = tmp_path / "locked"
    locked.write_text("a file, not a folder")
    with pytest.raises(BackupError, match="cannot be written"):
        backups.set_folder(str(locked / "sub"))
    assert backups.set_folder(None) == home / "data" / "backups"


def test_cli_backup_and_restore(
    demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path
) -> None:
    from familydesk import cli

    assert cli.main(["demo", "--families", "4", "--db", db_location]) == 0
    assert (
        cli.main(["--lang", "en", "backup", "--to", str(tmp_path / "c"), "--db", db_location]) == 0
    )
    copy = backups.copies(tmp_path / "c")[0].path
    capsys.readouterr()
    assert cli.main(["--lang", "en", "restore", str(copy), "--db", db_location]) == 0
    assert "Database restored from" in capsys.readouterr().out


def _copy(folder: Path, label: str, taken: datetime) -> Path:
    """A fake copy: its time is the one in its name, as the back ends write it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"familydesk-{label}-{taken.strftime('%Y%m%d-%H%M%S')}-000000.sqlite3"
    path.write_bytes(b"x")
    return path


NOW = datetime(2026, 12, 9, 18, 0)


def test_every_copy_of_the_last_24_hours_is_kept(tmp_path: Path) -> None:
    """Two copies the same day: the one before the big import is not replaced by the later one."""
    folder = tmp_path / "copies"
    morning = _copy(folder, "backup", NOW - timedelta(hours=9))
    close = _copy(folder, "close", NOW - timedelta(hours=1))
    yesterday_early = _copy(folder, "daily", NOW - timedelta(hours=23))
    yesterday_late = _copy(folder, "close", NOW - timedelta(hours=20))
    older_early = _copy(folder, "daily", NOW - timedelta(hours=58))  # 7/12 08:00
    older_late = _copy(folder, "close", NOW - timedelta(hours=54))  # 7/12 12:00, newest of 7/12
    with clock.pinned(datetime(2026, 12, 9, 18, 0, tzinfo=clock.ROME)):
        removed = backups.rotate(folder)
    assert removed == [older_early]
    kept = {b.path for b in backups.copies(folder)}
    assert {morning, close, yesterday_early, yesterday_late, older_late} <= kept


def test_a_copy_before_an_import_or_restore_stays_a_week(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    six_days = NOW - timedelta(days=6)  # 3/12
    before_import = _copy(folder, backups.BEFORE_IMPORT, six_days.replace(hour=8))
    before_restore = _copy(folder, backups.BEFORE_RESTORE, six_days.replace(hour=9))
    same_day = _copy(folder, "close", six_days.replace(hour=19))  # newest of that day
    for day in range(6):  # a copy a day since
        _copy(folder, "daily", NOW - timedelta(days=day, hours=1))
    with clock.pinned(datetime(2026, 12, 9, 18, 0, tzinfo=clock.ROME)):
        assert backups.rotate(folder) == []
    kept = {b.path for b in backups.copies(folder)}
    assert {before_import, before_restore, same_day} <= kept
    # After the week the rotation treats it like any other copy of its day.
    with clock.pinned(datetime(2026, 12, 10, 18, 0, tzinfo=clock.ROME)):
        removed = set(backups.rotate(folder))
    assert {before_import, before_restore} <= removed and same_day not in removed


def test_migration_copies_stay_a_week_beyond_the_last_ten(tmp_path: Path) -> None:
    from familydesk.db import migrate

    folder = tmp_path / "copies"
    recent = [
        _copy(folder, f"before-{n:04d}", NOW - timedelta(days=1, minutes=n)) for n in range(12)
    ]
    old = _copy(folder, "before-0000", NOW - timedelta(days=30))
    with clock.pinned(datetime(2026, 12, 9, 18, 0, tzinfo=clock.ROME)):
        migrate._prune_backups(folder)
    assert all(p.exists() for p in recent) and not old.exists()


def test_copies_are_named_by_the_rome_clock(tmp_path: Path, database: Database) -> None:
    with clock.pinned(datetime(2026, 12, 9, 23, 30, tzinfo=clock.ROME)):
        path = backups.make_backup(database, backups.BEFORE_IMPORT, tmp_path)
    assert path.name.startswith("familydesk-before-import-20261209-2330")
    assert backups.copies(tmp_path)[0].protected

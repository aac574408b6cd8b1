"""Verified backups: rotation 7/4/12, restore to an identical database, refusals."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from familydesk import registry
from familydesk.admin import backups
from familydesk.db.database import Database
from familydesk.db.location import resolve_database_url
from familydesk.db.models.registry import Family, Person
from familydesk.demo import fill_demo
from familydesk.kernel import clock
from familydesk.kernel.errors import BackupError
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
    return database.read(
        lambda s: (
            s.scalar(select(func.count(Family.id))),
            s.scalar(select(func.count(Person.id))),
            sorted(s.scalars(select(Person.tax_code).where(Person.tax_code.is_not(None)))),
        )
    )


def test_backup_restores_to_an_identical_database(db_location: str, tmp_path: Path) -> None:
    database = open_signed(db_location)
    database.write(fill_demo, families=20, seed=9)
    before = _counts(database)
    copy = backups.make_backup(database, "backup", tmp_path / "copies")
    families = database.read(registry.family_page, 0, 5).rows
    for row in families:
        database.write(registry.delete_family, row.id, row.version)
    assert _counts(database) != before
    aside = backups.restore(database, copy).aside
    restored = open_signed(db_location)
    try:
        assert _counts(restored) == before
        from familydesk.trust import audit

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


def _delete_families(database: Database, count: int) -> None:
    for row in database.read(registry.family_page, 0, count).rows:
        database.write(registry.delete_family, row.id, row.version)


def _before_restore_copies() -> list[backups.BackupFile]:
    return [b for b in backups.copies() if b.label == backups.BEFORE_RESTORE]


def test_a_restore_first_takes_a_verified_before_restore_copy(db_location: str) -> None:
    """What the restore replaces is kept as a listed, protected copy, not only in replaced/."""
    database = open_signed(db_location)
    database.write(fill_demo, families=6, seed=4)
    copy = backups.make_backup(database, "backup")
    _delete_families(database, 2)  # work done after the copy
    after_copy = _counts(database)
    assert _before_restore_copies() == []
    later = clock.local_now().replace(microsecond=0) + timedelta(minutes=30)  # any test day
    with clock.pinned(later):
        done = backups.restore(database, copy)
    [before] = _before_restore_copies()
    assert done.before == before.path and before.protected
    assert before.taken == later
    assert backups.copies()[0] == before  # listed with the others, the newest
    assert done.aside.exists()
    # The copy holds the database as it was just before the restore: restoring it undoes it.
    backups.restore(open_signed(db_location), before.path)
    reopened = open_signed(db_location)
    try:
        assert _counts(reopened) == after_copy
    finally:
        reopened.dispose()


def test_the_before_restore_copy_outlives_the_rotation_for_a_week(db_location: str) -> None:
    database = open_signed(db_location)
    copy = backups.make_backup(database, "backup")
    with clock.pinned(datetime(2026, 12, 3, 9, 0, tzinfo=clock.ROME)):
        before = backups.restore(database, copy).before
    database = open_signed(db_location)
    for day in range(6):  # later copies the same day and every day since
        with clock.pinned(datetime(2026, 12, 3 + day, 19, 0, tzinfo=clock.ROME)):
            backups.make_backup(database, "daily")
    database.dispose()
    with clock.pinned(datetime(2026, 12, 9, 18, 0, tzinfo=clock.ROME)):
        backups.rotate()
    assert before.exists()


def test_a_restore_whose_copy_fails_does_not_happen(
    db_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_signed(db_location)
    database.write(fill_demo, families=4, seed=3)
    copy = backups.make_backup(database, "backup")
    _delete_families(database, 1)
    current = _counts(database)

    def full_disk(folder: Path, label: str = "backup") -> Path:
        raise BackupError("The backup could not be written: No space left on device")

    monkeypatch.setattr(database.backend, "backup", full_disk)
    with pytest.raises(BackupError, match="nothing was restored") as refused:
        backups.restore(database, copy)
    assert "No space left on device" in refused.value.message
    assert _before_restore_copies() == []
    reopened = open_signed(db_location)
    try:
        assert _counts(reopened) == current
    finally:
        reopened.dispose()


@pytest.mark.sqlite_only
def test_a_restore_onto_no_database_needs_no_copy(tmp_path: Path) -> None:
    source = open_signed(str(tmp_path / "old.sqlite3"))
    copy = backups.make_backup(source, "backup")
    source.dispose()
    fresh = Database(resolve_database_url(str(tmp_path / "new.sqlite3")))
    done = backups.restore(fresh, copy)
    assert done.before is None and _before_restore_copies() == []
    assert (tmp_path / "new.sqlite3").exists()


def test_restoring_a_copy_the_rotation_would_drop_still_works(db_location: str) -> None:
    """Twelve monthly copies: a new copy this month drops the oldest, the one being restored.

    The before-restore copy must not rotate it away before it is read."""
    database = open_signed(db_location)
    database.write(fill_demo, families=3, seed=8)
    with clock.pinned(datetime(2025, 12, 1, 9, 0, tzinfo=clock.ROME)):
        oldest = backups.make_backup(database, "close")
    folder = backups.folder()
    for month in range(1, 12):
        _copy(folder, "close", datetime(2026, month, 1, 9, 0))
    before = _counts(database)
    _delete_families(database, 2)
    backups.restore(database, oldest)
    reopened = open_signed(db_location)
    try:
        assert _counts(reopened) == before
    finally:
        reopened.dispose()
    assert not oldest.exists(), "after the restore the rotation goes on as usual"


def test_cli_restore_names_the_before_restore_copy(
    demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path
) -> None:
    from familydesk import cli

    assert cli.main(["demo", "--families", "3", "--db", db_location]) == 0
    assert cli.main(["--lang", "en", "backup", "--db", db_location]) == 0
    copy = backups.copies()[0].path
    capsys.readouterr()
    assert cli.main(["--lang", "en", "restore", str(copy), "--db", db_location]) == 0
    [before] = _before_restore_copies()
    out = capsys.readouterr().out
    assert "Database restored from" in out and before.path.name in out


def test_cli_restore_refused_when_the_copy_fails_and_without_copy(
    demo_admin: None,
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.helpers import run_cli

    assert run_cli(capsys, "demo", "--families", "3", "--db", db_location)[0] == 0
    assert run_cli(capsys, "--lang", "en", "backup", "--db", db_location)[0] == 0
    copy = backups.copies()[0].path

    def full_disk(database: Database, label: str, target: Path) -> Path:
        raise BackupError("The backup could not be written: No space left on device")

    monkeypatch.setattr(backups, "_verified_copy", full_disk)
    code, out, err = run_cli(capsys, "--lang", "en", "restore", str(copy), "--db", db_location)
    assert code != 0 and "Database restored" not in out
    assert "nothing was restored" in err and "No space left on device" in err
    assert "--without-copy" in err and "Traceback" not in err
    assert not list((backups.folder() / "replaced").glob("*"))
    code, out, err = run_cli(
        capsys, "--lang", "en", "restore", str(copy), "--without-copy", "--db", db_location
    )
    assert code == 0 and "Database restored from" in out and "just before" not in out

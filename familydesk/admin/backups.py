"""Automatic verified backups, their rotation, and restore.

A copy counts only once it passed its checks (integrity and foreign keys on
SQLite, ``pg_restore --list`` on PostgreSQL): the back end writes it under a
temporary name and renames it only then. Rotation keeps every copy of the
last 24 hours, then the newest copy of each of the last 7 days, 4 weeks and
12 months. A copy taken before an import, a restore or a schema migration
(its label starts with ``before-``: ``before-import``, ``before-restore``,
``before-0012``) is never deleted in its first 7 days, whatever the rotation
says: a later copy of the same day must not replace the one taken before a
12,000-family import. The folder is a per-PC preference (a USB disk or a NAS
path is fine for closed copies).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from familydesk.db.database import Database
from familydesk.db.encryption import sidecar
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel import clock, preferences
from familydesk.kernel.errors import BackupError
from familydesk.kernel.paths import backup_dir
from familydesk.trust.audit import seal as audit_seal

log = logging.getLogger(__name__)

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
#: Every copy younger than this is kept, however many there are.
KEEP_ALL_FOR = timedelta(hours=24)
#: A copy taken before an import, restore or migration is kept at least this long.
PROTECT_FOR = timedelta(days=7)
#: The label prefix of those copies (the migration's is ``before-<revision>``).
BEFORE = "before-"
BEFORE_IMPORT, BEFORE_RESTORE = "before-import", "before-restore"
#: The status bar warns when the newest good copy is older than this.
STALE_AFTER = timedelta(days=7)
#: A daily copy is made at start when the newest is older than this.
DAILY = timedelta(hours=20)
#: Labels of the copies that rotation manages, besides the ``before-`` ones.
ROTATED = ("backup", "close", "daily")
_NAME = re.compile(
    r"^familydesk-(?P<label>[a-z]+(?:-[0-9a-z]+)?)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.(sqlite3|pgdump)$"
)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    label: str
    #: Rome wall-clock time the copy was taken (from its file name).
    taken: datetime

    @property
    def protected(self) -> bool:
        """Taken before an import, a restore or a migration."""
        return self.label.startswith(BEFORE)


def folder() -> Path:
    """The backup folder: the preference if set, else ``backups`` in the data folder."""
    chosen = preferences.load().get("backup_folder")
    path = Path(chosen).expanduser() if chosen else backup_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def set_folder(path: str | None) -> Path:
    """Remember a backup folder for this PC (None: back to the default); it must be writable."""
    if path:
        target = Path(path).expanduser()
        try:
            target.mkdir(parents=True, exist_ok=True)
            probe = target / ".familydesk-write-test"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise BackupError(
                _("Backup folder: {path} cannot be written ({detail}).").format(
                    path=path, detail=exc.strerror or exc
                )
            ) from exc
    preferences.save(backup_folder=str(Path(path).expanduser()) if path else None)
    return folder()


def copies(where: Path | None = None) -> list[BackupFile]:
    """The verified copies in ``where``, newest first."""
    found = []
    for path in (where or folder()).glob("familydesk-*"):
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append(BackupFile(path, match["label"], taken))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def last_good(where: Path | None = None) -> datetime | None:
    newest = copies(where)
    return newest[0].taken if newest else None


def is_stale(now: datetime | None = None, where: Path | None = None) -> bool:
    last = last_good(where)
    return last is None or (now or clock.local_now()) - last > STALE_AFTER


def to_keep(files: list[BackupFile], now: datetime | None = None) -> set[Path]:
    """What rotation keeps of ``files`` (newest first) at ``now`` (Rome wall time):
    every copy of the last 24 hours, every ``before-`` copy of the last 7 days, and the
    newest copy of each of the last 7 days, 4 ISO weeks and 12 months."""
    now = now or clock.local_now()
    keep: set[Path] = {
        b.path
        for b in files
        if now - b.taken <= KEEP_ALL_FOR or (b.protected and now - b.taken <= PROTECT_FOR)
    }
    for key, count in (
        (lambda d: d, KEEP_DAILY),
        (lambda d: tuple(d.isocalendar())[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for backup in files:  # newest first
            bucket = key(backup.taken.date())
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) > count:
                    break
                keep.add(backup.path)
    return keep


def rotate(where: Path | None = None, now: datetime | None = None) -> list[Path]:
    """Delete the copies that :func:`to_keep` no longer keeps; return them.

    Migration copies (``before-<revision>``) are left to the migration's own rule
    (the last 10), which also keeps them 7 days.
    """
    files = [
        b for b in copies(where) if b.label in ROTATED or b.label in (BEFORE_IMPORT, BEFORE_RESTORE)
    ]
    keep = to_keep(files, now)
    removed = []
    for backup in files:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            sidecar(backup.path).unlink(missing_ok=True)  # an encrypted copy's key file
            removed.append(backup.path)
    if removed:
        log.info("Backup rotation removed %d old copies", len(removed))
    return removed


def make_backup(database: Database, label: str = "backup", where: Path | None = None) -> Path:
    """Write a verified copy and rotate the folder.

    ``label``: backup, close or daily; ``before-import`` or ``before-restore`` for the copy
    taken before an import or a restore (kept at least 7 days).
    """
    target = where or folder()
    path = _verified_copy(database, label, target)
    rotate(target)
    return path


def _verified_copy(database: Database, label: str, target: Path) -> Path:
    """A verified copy in ``target`` and its audit seal, without rotating the folder."""
    path = database.backend.backup(target, label=label)
    database.read(audit_seal.write, target)
    return path


def daily_due(now: datetime | None = None, where: Path | None = None) -> bool:
    last = last_good(where)
    return last is None or (now or clock.local_now()) - last > DAILY


class CopyBeforeRestoreError(BackupError):
    """The copy of the current database failed, so the restore did not start."""


@dataclass(frozen=True)
class Restored:
    #: The replaced database as it was, kept aside in ``replaced/``.
    aside: Path
    #: The verified ``before-restore`` copy in the backup folder (None: there was no
    #: database to copy, or the operator chose to restore without it).
    before: Path | None


def restore(database: Database, backup: Path, *, copy_first: bool = True) -> Restored:
    """Replace the database with ``backup`` after checking it; the old one is kept aside.

    First a verified ``before-restore`` copy of the current database is written to the
    backup folder, listed with the others and kept at least 7 days: if it cannot be
    written, nothing is restored (``BackupError``). ``copy_first=False`` skips it, for a
    database too damaged to copy. The caller must have closed every other connection (the
    CLI does; the GUI restarts).
    """
    if not backup.is_file():
        raise BackupError(_("There is no backup file at {path}.").format(path=backup))
    before = None
    try:
        target = folder()
        if copy_first and database.backend.has_database():
            before = _verified_copy(database, BEFORE_RESTORE, target)
    except (BackupError, DatabaseError, OSError) as exc:
        raise CopyBeforeRestoreError(
            _(
                "The current database could not be copied before the restore, so nothing "
                "was restored: {detail}"
            ).format(detail=_detail(exc))
        ) from exc
    database.dispose()
    aside = database.backend.restore(backup, target / "replaced")
    log.info("Restore done; the previous database was kept aside")
    # Only now: rotating earlier could drop the very copy being restored.
    rotate(target)
    return Restored(aside, before)


def _detail(exc: Exception) -> object:
    if isinstance(exc, BackupError):
        return exc.message
    if isinstance(exc, DatabaseError):
        return exc.orig
    return getattr(exc, "strerror", None) or exc


def seal_restored(database: Database) -> None:
    """After a restore (``database`` reopened): the audit seals start again from here."""
    database.read(audit_seal.write, folder(), audit_seal.RESTORED)


def describe_age(taken: datetime | None, today: date | None = None) -> str:
    """ "today", "yesterday", "N days ago" or "never" for the status bar."""
    if taken is None:
        return _("never")
    days = ((today or clock.today()) - taken.date()).days
    if days <= 0:
        return _("today at {time}").format(time=taken.strftime("%H:%M"))
    if days == 1:
        return _("yesterday")
    return ngettext("{days} day ago", "{days} days ago", days).format(days=format_number(days))

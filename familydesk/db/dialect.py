"""The one seam between SQLite and PostgreSQL.

Everything that differs between the two back ends lives here: connection
set-up (SQLite pragmas and transaction handling), integrity checks, and
backups (SQLite's online backup API versus ``pg_dump``). Callers pick the
right implementation with :func:`for_url`.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine

from familydesk.db import encryption, encryption_convert, encryption_keys
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import BackupError

log = logging.getLogger(__name__)

#: How long a writer waits for another writer on SQLite before giving up (ms).
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Execution option that makes a SQLite transaction take the write lock at BEGIN.
WRITE_OPTION = "familydesk_write"


def _timestamp() -> str:
    return clock.local_now().strftime("%Y%m%d-%H%M%S-%f")


class Backend:
    """What differs between database back ends."""

    name = "?"

    def __init__(self, url: URL, key: bytes | None = None) -> None:
        self.url = url
        #: The SQLCipher data key when the SQLite file is encrypted (familydesk.db.encryption).
        self.key = key

    def engine_options(self) -> dict[str, Any]:
        return {}

    def prepare(self) -> None:
        """Make the location ready before the first connection."""

    def configure(self, engine: Engine) -> None:
        """Attach connection listeners to a freshly created engine."""

    def integrity_problems(self, connection: Connection) -> list[str]:
        """Problems found by the back end's own consistency checks (empty if none)."""
        return []

    def has_database(self) -> bool:
        """Whether there is a database to back up (a server database always is)."""
        return True

    def backup(self, folder: Path, label: str = "backup") -> Path:
        """Write a verified backup into ``folder`` and return its path."""
        raise NotImplementedError

    def restore(self, backup: Path, aside_folder: Path) -> Path:
        """Replace the database with ``backup`` (verified first); return where the old one went."""
        raise NotImplementedError

    def disable_foreign_keys(self, connection: Connection) -> None:
        """Foreign keys off for a migration (SQLite batch mode rebuilds tables)."""

    def enable_foreign_keys(self, connection: Connection) -> None:
        """Foreign keys back on after a migration."""


class SQLiteBackend(Backend):
    """A local file: WAL, synchronous=FULL, foreign keys, busy timeout.

    Python's sqlite3 module starts transactions lazily and commits behind
    DDL; we switch that off and issue BEGIN ourselves so that every
    SQLAlchemy transaction, schema changes included, is a real one. Write
    transactions take the lock at BEGIN (``BEGIN IMMEDIATE``) so two writers
    queue up instead of failing half-way.
    """

    name = "sqlite"

    @property
    def path(self) -> Path:
        return Path(str(self.url.database))

    def engine_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
        if self.key is not None:
            options["module"] = encryption.dbapi()
        return options

    def prepare(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def configure(self, engine: Engine) -> None:
        if self.key is not None:
            key = self.key

            @event.listens_for(engine, "do_connect")
            def _keyed_connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
                # The key comes before anything else reads the file, SQLAlchemy included.
                connection = dialect.loaded_dbapi.connect(*cargs, **cparams)
                connection.execute(encryption.key_pragma(key))
                return connection

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            if connection.get_execution_options().get(WRITE_OPTION):
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.exec_driver_sql("BEGIN")

    def disable_foreign_keys(self, connection: Connection) -> None:
        # Only effective outside a transaction, hence the raw DBAPI cursor.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")

    def enable_foreign_keys(self, connection: Connection) -> None:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")

    def integrity_problems(self, connection: Connection) -> list[str]:
        problems = []
        for (line,) in connection.exec_driver_sql("PRAGMA integrity_check").fetchall():
            if line != "ok":
                problems.append(_("Integrity check: {detail}").format(detail=line))
        for row in connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
            problems.append(
                _("Row {rowid} of table {table} points to a missing row of {parent}.").format(
                    rowid=row[1], table=row[0], parent=row[2]
                )
            )
        return problems

    def has_database(self) -> bool:
        return self.path.exists()

    def backup(self, folder: Path, label: str = "backup") -> Path:
        if not self.path.exists():
            raise BackupError(
                _("There is no database file at {path} to back up.").format(path=self.path)
            )
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"familydesk-{label}-{_timestamp()}.sqlite3"
        partial = target.with_suffix(".partial")
        try:
            source = encryption.connect(self.path, self.key, SQLITE_BUSY_TIMEOUT_MS / 1000)
            try:
                copy = encryption.connect(partial, self.key)
                try:
                    source.backup(copy)
                    tables = _sqlite_tables(source)
                finally:
                    copy.close()
            finally:
                source.close()
            _verify_sqlite_copy(partial, tables, self.key)
            with partial.open("rb") as fh:
                os.fsync(fh.fileno())
            if self.key is not None:  # the wrapped keys travel with the copy
                encryption_keys.copy_sidecar(self.path, target)
            partial.replace(target)
        except (*encryption.db_errors(), OSError) as exc:
            partial.unlink(missing_ok=True)
            raise BackupError(
                _("The backup could not be written to {folder}: {detail}").format(
                    folder=folder, detail=exc
                )
            ) from exc
        log.info("SQLite backup written and verified: %s", target.name)
        return target

    def restore(self, backup: Path, aside_folder: Path) -> Path:
        aside = _restore_sqlite(self.path, backup, aside_folder, self.key)
        log.info("Database restored from %s; the replaced one is %s", backup.name, aside.name)
        return aside


def _restore_sqlite(target: Path, backup: Path, aside_folder: Path, key: bytes | None) -> Path:
    """Copy ``backup`` over ``target`` through SQLite's backup API, keeping the old file aside.

    An encrypted backup needs its key (the database's, or one unlocked from
    the backup's own key file); a plain backup restored over an encrypted
    database is encrypted on the way in, so no readable copy lands in the
    data folder.
    """
    backup_key = (encryption.known_key(backup) or key) if encryption.is_encrypted(backup) else None
    if encryption.is_encrypted(backup) and backup_key is None:
        raise BackupError(
            _(
                "{path} is encrypted or is not a database file: unlock it with its "
                "passphrase first."
            ).format(path=backup)
        )
    verify_sqlite_file(backup, backup_key)
    aside_folder.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    aside = aside_folder / f"familydesk-replaced-{_timestamp()}.sqlite3"
    incoming = target.with_name(target.name + ".restoring")
    errors = (*encryption.db_errors(), OSError, encryption.EncryptionError)
    try:
        if key is not None and backup_key is None:
            encryption_convert.export_encrypted(backup, incoming, key)
        else:
            _copy_sqlite(backup, incoming, backup_key)
        verify_sqlite_file(incoming, backup_key or key)
        if target.exists():
            current_key = key if encryption.is_encrypted(target) else None
            _copy_sqlite(target, aside, current_key)  # a consistent copy, WAL included
            if current_key is not None:
                encryption_keys.copy_sidecar(target, aside)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        if backup_key is not None and backup_key != key:
            encryption.sidecar(target).write_bytes(encryption.sidecar(backup).read_bytes())
            encryption.remember_key(target, backup_key)
        incoming.replace(target)
    except errors as exc:
        incoming.unlink(missing_ok=True)
        raise BackupError(
            _("The database could not be restored: {detail}").format(detail=exc)
        ) from exc
    return aside


def _copy_sqlite(source_path: Path, target_path: Path, key: bytes | None) -> None:
    source = encryption.connect(source_path, key)
    try:
        copy = encryption.connect(target_path, key)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def _sqlite_tables(connection: Any) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    return {name for (name,) in rows}


def verify_sqlite_file(path: Path, key: bytes | None = None) -> None:
    """Raise ``BackupError`` unless ``path`` is a sound SQLite file (integrity, foreign keys).

    An encrypted file is opened with ``key``.
    """
    try:
        _verify_sqlite_copy(path, set(), key)
    except encryption.db_errors() as exc:
        raise BackupError(
            _("{path} is not a readable database file ({detail}).").format(path=path, detail=exc)
        ) from exc


def _verify_sqlite_copy(path: Path, expected_tables: set[str], key: bytes | None = None) -> None:
    copy = encryption.connect(path, key)
    try:
        result = copy.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise BackupError(_("The backup copy failed its integrity check."))
        if copy.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise BackupError(_("The backup copy has rows pointing to missing rows."))
        if expected_tables and _sqlite_tables(copy) != expected_tables:
            raise BackupError(_("The backup copy does not hold the same tables as the database."))
        for table in expected_tables:
            copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    finally:
        copy.close()


class PostgresBackend(Backend):
    """A shared server. Schema changes are transactional on PostgreSQL."""

    name = "postgresql"

    def engine_options(self) -> dict[str, Any]:
        return {"pool_pre_ping": True}

    def _libpq_url(self) -> str:
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)

    def backup(self, folder: Path, label: str = "backup") -> Path:
        pg_dump = shutil.which("pg_dump")
        pg_restore = shutil.which("pg_restore")
        if not pg_dump or not pg_restore:
            raise BackupError(
                _(
                    "pg_dump was not found: install the PostgreSQL client tools to back up a "
                    "server database."
                )
            )
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"familydesk-{label}-{_timestamp()}.pgdump"
        partial = target.with_suffix(".partial")
        dump = subprocess.run(
            [pg_dump, "--format=custom", "--file", str(partial), "--dbname", self._libpq_url()],
            capture_output=True,
            text=True,
        )
        if dump.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError(
                _("pg_dump failed: {detail}").format(
                    detail=(dump.stderr.strip().splitlines() or ["?"])[-1]
                )
            )
        listing = subprocess.run(
            [pg_restore, "--list", str(partial)], capture_output=True, text=True
        )
        if listing.returncode != 0 or "TABLE DATA" not in listing.stdout:
            partial.unlink(missing_ok=True)
            raise BackupError(_("The backup copy could not be read back by pg_restore."))
        partial.replace(target)
        log.info("PostgreSQL backup written and verified: %s", target.name)
        return target

    def restore(self, backup: Path, aside_folder: Path) -> Path:
        pg_restore = shutil.which("pg_restore")
        if not pg_restore:
            raise BackupError(
                _(
                    "pg_restore was not found: install the PostgreSQL client tools to restore a "
                    "server database."
                )
            )
        listing = subprocess.run(
            [pg_restore, "--list", str(backup)], capture_output=True, text=True
        )
        if listing.returncode != 0:
            raise BackupError(
                _("{path} is not a PostgreSQL backup made by FamilyDesk.").format(path=backup)
            )
        aside = self.backup(aside_folder, label="replaced")
        result = subprocess.run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                self._libpq_url(),
                str(backup),
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(
                _("pg_restore failed: {detail}").format(
                    detail=(result.stderr.strip().splitlines() or ["?"])[-1]
                )
            )
        return aside


def for_url(url: URL, key: bytes | None = None) -> Backend:
    if url.get_backend_name() == "sqlite":
        return SQLiteBackend(url, key)
    return PostgresBackend(url)


def write_options() -> dict[str, Any]:
    """Execution options for a connection that will write."""
    return {WRITE_OPTION: True}

"""Encrypting a plain SQLite file in place, verified before the plain data is wiped."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from familydesk.db.encryption import (
    KEY_BYTES,
    EncryptionError,
    connect,
    dbapi,
    is_encrypted,
    remember_key,
    sidecar,
)
from familydesk.db.encryption_keys import (
    check_passphrase,
    new_recovery_key,
    unlock,
    write_key_file,
)
from familydesk.i18n import _

log = logging.getLogger(__name__)


def _tables(connection: Any) -> dict[str, int]:
    names = [
        n
        for (n,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def export_encrypted(plain: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the plain SQLite file ``plain`` to ``target`` and verify it."""
    module = dbapi()
    target.unlink(missing_ok=True)
    source = module.connect(str(plain))
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        expected = _tables(source)
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), f"x'{key.hex()}'"))
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
    copy = connect(target, key)
    try:
        if copy.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise EncryptionError(_("The encrypted copy failed its integrity check."))
        if _tables(copy) != expected:
            raise EncryptionError(_("The encrypted copy does not hold the same rows."))
        copy.execute("PRAGMA journal_mode=WAL")
    finally:
        copy.close()
    if not is_encrypted(target):
        raise EncryptionError(_("The encrypted copy is not encrypted."))


def _wipe(path: Path) -> None:
    """Overwrite a file with zeros, then delete it (best effort: SSDs may keep old blocks)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as fh:
            for _offset in range(0, size, 1 << 20):
                fh.write(b"\0" * min(1 << 20, size - _offset))
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        log.warning("Could not overwrite %s before deleting it: %s", path.name, exc)
    path.unlink(missing_ok=True)


def encrypt_database(path: str | Path, passphrase: str) -> str:
    """Encrypt the plain SQLite file ``path`` in place; return the recovery key (show it once).

    Nobody may have the file open. The encrypted copy is written next to it
    and verified (integrity, same tables, same row counts) while the plain
    file is still untouched; then the key file is written, the copy takes the
    file's name, and the plain file is overwritten with zeros and deleted, so
    no readable copy stays in the data folder (backups taken before are not
    touched: the caller tells the data controller about them).
    """
    path = Path(path)
    check_passphrase(passphrase)
    if not path.is_file():
        raise EncryptionError(_("There is no database file at {path}.").format(path=path))
    if is_encrypted(path):
        raise EncryptionError(_("The database {path} is already encrypted.").format(path=path))
    key = secrets.token_bytes(KEY_BYTES)
    recovery = new_recovery_key()
    work = path.with_name(path.name + ".encrypting")
    try:
        export_encrypted(path, work, key)
    except BaseException:
        work.unlink(missing_ok=True)
        raise
    write_key_file(work, key, passphrase, recovery)
    if unlock(work, passphrase) != key or unlock(work, recovery) != key:
        raise EncryptionError(_("The key file could not be read back."))
    with work.open("rb") as fh:
        os.fsync(fh.fileno())
    # The key file first (a plain database ignores it), then the encrypted copy takes the
    # name in one atomic step: a kill at any moment leaves a database that opens.
    os.replace(sidecar(work), sidecar(path))
    plain = path.with_name(path.name + ".plain-removing")
    try:
        os.link(path, plain)  # a second name keeps the plain data reachable for wiping
        linked = True
    except OSError:  # file systems without hard links (FAT)
        linked = False
    for suffix in ("-wal", "-shm"):  # the plain file's (checkpointed) journal
        extra = Path(str(path) + suffix)
        if extra.exists():
            _wipe(extra)
    if not linked:
        os.replace(path, plain)
    os.replace(work, path)
    _wipe(plain)
    remember_key(path, key)
    log.info("Database encrypted with SQLCipher")
    return recovery

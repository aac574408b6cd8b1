"""Encryption at rest for SQLite files (SQLCipher through the ``sqlcipher3`` module).

The key that SQLCipher uses is a random 32-byte *data key*, given raw
(``PRAGMA key = "x'<64 hex>'"``), so no passphrase ever reaches SQLCipher's
own key derivation. The data key is kept wrapped in a key file next to the
database, ``<db>.keys.json`` (:mod:`familydesk.db.encryption_keys`); a plain
file is encrypted in place by :mod:`familydesk.db.encryption_convert`.

This module says whether SQLCipher is here, tells an encrypted file from a
plain one, remembers unlocked data keys and connects with them.

Backups are copies made through SQLite's backup API between two connections
keyed with the same data key, so they stay encrypted; the key file is copied
next to each of them (``<backup>.keys.json``), so a backup opens with the
passphrase valid when it was taken, or always with the recovery key (the
data key never changes; changing the passphrase only rewraps it).

Unlocked data keys are remembered for the life of the process, per file
(:func:`remember_key`, :func:`known_key`), so that every engine, backup and
restore of that file finds it. Nothing here imports Qt; it may run on any
thread.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
SIDECAR_SUFFIX = ".keys.json"
KEY_BYTES = 32


class EncryptionError(FamilyDeskError):
    """Encryption is unavailable, the passphrase is wrong, or the key file is unusable."""


class LockedDatabaseError(EncryptionError):
    """The database is encrypted and no key was given for it."""


# -- availability -------------------------------------------------------------
def available() -> tuple[bool, str]:
    """Whether SQLCipher can be used here; when not, the reason as a sentence."""
    problem = _probe()
    if problem is None:
        return True, ""
    if not problem:
        return False, _("The sqlcipher3 module here was built without SQLCipher.")
    return False, _(
        "Encryption at rest needs the sqlcipher3 module, which is not installed here "
        "(pip install 'familydesk[encryption]'): {detail}"
    ).format(detail=problem)


@cache
def _probe() -> str | None:
    """None when SQLCipher works; else why not ("" for a build without SQLCipher). Cached."""
    try:
        module = _import_module()
        connection = module.connect(":memory:")
        try:
            version = connection.execute("PRAGMA cipher_version").fetchone()
        finally:
            connection.close()
    except Exception as exc:  # ImportError, a broken build, a missing shared library
        log.info("SQLCipher is not available: %s", exc)
        return str(exc) or type(exc).__name__
    return None if version and version[0] else ""


def _import_module() -> Any:
    import sqlcipher3.dbapi2  # type: ignore[import-not-found]

    return sqlcipher3.dbapi2


def dbapi() -> Any:
    """The ``sqlcipher3.dbapi2`` module; ``EncryptionError`` with the reason if unavailable."""
    ok, reason = available()
    if not ok:
        raise EncryptionError(reason)
    return _import_module()


# -- files ---------------------------------------------------------------------
def sidecar(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_encrypted(path: str | Path) -> bool:
    """True when ``path`` exists, is not empty and does not start with SQLite's header."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(head) and head != SQLITE_HEADER


def needs_key(path: str | Path) -> bool:
    """An encrypted FamilyDesk database (its key file next to it) with no known key yet."""
    return is_encrypted(path) and sidecar(path).exists() and known_key(path) is None


_KEYS: dict[str, bytes] = {}


def _key_id(path: str | Path) -> str:
    return os.path.normcase(str(Path(path).expanduser().resolve(strict=False)))


def remember_key(path: str | Path, key: bytes) -> None:
    _KEYS[_key_id(path)] = key


def known_key(path: str | Path) -> bytes | None:
    return _KEYS.get(_key_id(path))


def forget_keys() -> None:
    _KEYS.clear()


def key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: str | Path, key: bytes | None, timeout: float = 10.0) -> Any:
    """A DB-API connection to ``path``: plain sqlite3 without a key, keyed SQLCipher with one."""
    if key is None:
        return sqlite3.connect(path, timeout=timeout)
    connection = dbapi().connect(str(path), timeout=timeout)
    connection.execute(key_pragma(key))
    return connection


def db_errors() -> tuple[type[BaseException], ...]:
    """The DB-API error classes of both modules (for ``except``)."""
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    if available()[0]:
        errors += (_import_module().Error,)
    return errors

"""Encryption at rest for SQLite files (SQLCipher through the ``sqlcipher3`` module).

The key that SQLCipher uses is a random 32-byte *data key*, given raw
(``PRAGMA key = "x'<64 hex>'"``), so no passphrase ever reaches SQLCipher's
own key derivation. The data key is kept wrapped in a sidecar file next to
the database, ``<db>.keys.json``, twice: once under a key derived from the
passphrase and once under the *recovery key* (shown once to the data
controller). Each wrap is the XOR of the data key with an Argon2id output of
its own random salt; a keyed BLAKE2b check value tells a wrong passphrase
from a right one without trying the database. The sidecar holds nothing
secret: without the passphrase or the recovery key it is useless.

Backups are copies made through SQLite's backup API between two connections
keyed with the same data key, so they stay encrypted; the sidecar is copied
next to each of them (``<backup>.keys.json``), so a backup opens with the
passphrase valid when it was taken, or always with the recovery key (the
data key never changes; changing the passphrase only rewraps it).

Unlocked data keys are remembered for the life of the process, per file
(:func:`remember_key`, :func:`known_key`), so that every engine, backup and
restore of that file finds it. Nothing here imports Qt; it may run on any
thread.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
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
RECOVERY_BYTES = 20  # 32 base32 characters, shown as 8 groups of 4
#: Argon2id parameters for new wraps (each wrap stores the ones it used).
KDF_PARAMS = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
_CHECK_CONSTANT = b"familydesk data key check"
FORMAT = "familydesk-keys"


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


# -- keys ----------------------------------------------------------------------
def _kdf(secret: str, salt: bytes, params: dict[str, int]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(secret.encode("utf-8"), salt, hash_len=KEY_BYTES, type=Type.ID,
                           **params)  # fmt: skip


def _check(key: bytes) -> str:
    return hashlib.blake2b(_CHECK_CONSTANT, key=key, digest_size=32).hexdigest()


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def _wrap(key: bytes, secret: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    params = dict(KDF_PARAMS)
    return {"kdf": "argon2id", "salt": base64.b64encode(salt).decode("ascii"), **params,
            "wrapped": _xor(key, _kdf(secret, salt, params)).hex()}  # fmt: skip


def _unwrap(wrap: dict[str, Any], secret: str) -> bytes:
    params = {name: int(wrap[name]) for name in ("time_cost", "memory_cost", "parallelism")}
    return _xor(
        bytes.fromhex(wrap["wrapped"]), _kdf(secret, base64.b64decode(wrap["salt"]), params)
    )


def new_recovery_key() -> str:
    raw = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _normal_recovery(text: str) -> str | None:
    """The recovery key in canonical form, or None if ``text`` cannot be one."""
    letters = "".join(ch for ch in text.upper() if ch not in "- \t")
    if len(letters) != RECOVERY_BYTES * 8 // 5:
        return None
    try:
        base64.b32decode(letters)
    except ValueError:
        return None
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _read_sidecar(path: str | Path) -> dict[str, Any]:
    file = sidecar(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or not {"passphrase", "recovery"} <= set(data["wraps"]):
            raise ValueError(file.name)
        return data
    except FileNotFoundError:
        raise EncryptionError(_(
            "The key file {file} is missing: without it the encrypted database cannot be "
            "opened. Put back the copy kept with the backups.").format(file=file)) from None  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EncryptionError(_("The key file {file} is damaged ({detail}).").format(
            file=file, detail=exc)) from exc  # fmt: skip


def _write_sidecar(path: str | Path, data: dict[str, Any]) -> None:
    file = sidecar(path)
    partial = file.with_name(file.name + ".partial")
    with partial.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    partial.replace(file)


def _new_sidecar(key: bytes, passphrase: str, recovery: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": 1, "cipher": "sqlcipher4", "check": _check(key),
            "wraps": {"passphrase": _wrap(key, passphrase), "recovery": _wrap(key, recovery)}}  # fmt: skip


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < 10:
        raise EncryptionError(_("The passphrase must be at least 10 characters long."))


def unlock(path: str | Path, secret: str) -> bytes:
    """The data key of the encrypted file ``path``, from its passphrase or its recovery key.

    The key is remembered for this process (see :func:`known_key`). A wrong
    secret raises ``EncryptionError`` and changes nothing.
    """
    data = _read_sidecar(path)
    attempts = [("passphrase", secret)]
    recovery = _normal_recovery(secret)
    if recovery:
        attempts.insert(0, ("recovery", recovery))
    for slot, value in attempts:
        key = _unwrap(data["wraps"][slot], value)
        if hmac.compare_digest(_check(key), data["check"]):
            remember_key(path, key)
            return key
    raise EncryptionError(
        _("The passphrase (or recovery key) is not right for {file}: nothing was opened.").format(
            file=Path(path).name
        )
    )


def change_passphrase(path: str | Path, old: str, new: str) -> None:
    """Rewrap the data key under ``new``; ``old`` may be the passphrase or the recovery key."""
    check_passphrase(new)
    key = unlock(path, old)
    data = _read_sidecar(path)
    data["wraps"]["passphrase"] = _wrap(key, new)
    _write_sidecar(path, data)
    log.info("Passphrase of the encrypted database changed")


def copy_sidecar(database: str | Path, copy: str | Path) -> None:
    """Put the database's key file next to ``copy`` (a backup of it)."""
    target = sidecar(copy)
    target.write_bytes(sidecar(database).read_bytes())


# -- converting a plain file ---------------------------------------------------
def _tables(connection: Any) -> dict[str, int]:
    names = [n for (n,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]  # fmt: skip
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
    data = _new_sidecar(key, passphrase, recovery)
    _write_sidecar(work, data)
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

"""The key file next to an encrypted database (``<db>.keys.json``): the data key, wrapped.

The data key is kept there twice: once under a key derived from the
passphrase and once under the *recovery key* (shown once to the data
controller). Each wrap is the XOR of the data key with an Argon2id output of
its own random salt; a keyed BLAKE2b check value tells a wrong passphrase
from a right one without trying the database. The key file holds nothing
secret: without the passphrase or the recovery key it is useless.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from familydesk.db.encryption import KEY_BYTES, EncryptionError, remember_key, sidecar
from familydesk.i18n import _

log = logging.getLogger(__name__)

RECOVERY_BYTES = 20  # 32 base32 characters, shown as 8 groups of 4
#: Argon2id parameters for new wraps (each wrap stores the ones it used).
KDF_PARAMS = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}
_CHECK_CONSTANT = b"familydesk data key check"
FORMAT = "familydesk-keys"


def _kdf(secret: str, salt: bytes, params: dict[str, int]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(secret.encode("utf-8"), salt, hash_len=KEY_BYTES, type=Type.ID, **params)


def _check(key: bytes) -> str:
    return hashlib.blake2b(_CHECK_CONSTANT, key=key, digest_size=32).hexdigest()


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def _wrap(key: bytes, secret: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    params = dict(KDF_PARAMS)
    return {
        "kdf": "argon2id",
        "salt": base64.b64encode(salt).decode("ascii"),
        **params,
        "wrapped": _xor(key, _kdf(secret, salt, params)).hex(),
    }


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
        raise EncryptionError(
            _(
                "The key file {file} is missing: without it the encrypted database cannot be "
                "opened. Put back the copy kept with the backups."
            ).format(file=file)
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EncryptionError(
            _("The key file {file} is damaged ({detail}).").format(file=file, detail=exc)
        ) from exc


def _write_sidecar(path: str | Path, data: dict[str, Any]) -> None:
    file = sidecar(path)
    partial = file.with_name(file.name + ".partial")
    with partial.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    partial.replace(file)


def _new_sidecar(key: bytes, passphrase: str, recovery: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": 1,
        "cipher": "sqlcipher4",
        "check": _check(key),
        "wraps": {"passphrase": _wrap(key, passphrase), "recovery": _wrap(key, recovery)},
    }


def write_key_file(path: str | Path, key: bytes, passphrase: str, recovery: str) -> None:
    """Write the key file of ``path``: ``key`` wrapped under ``passphrase`` and ``recovery``."""
    _write_sidecar(path, _new_sidecar(key, passphrase, recovery))


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

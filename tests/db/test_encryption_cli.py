"""``familydesk encrypt`` end to end: recovery key printed once, unlocking, backups, refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from familydesk import cli
from familydesk.db import encryption, encryption_keys
from familydesk.db.database import Database
from familydesk.trust.operators import add_operator
from tests.conftest import CLI_PASSWORD
from tests.db.test_encryption import SURNAME, add_family, raw_bytes, surnames
from tests.helpers import open_signed

pytestmark = pytest.mark.usefixtures("quick_kdf")
requires_sqlcipher = pytest.mark.skipif(
    not encryption.available()[0], reason="the sqlcipher3 module is not installed here"
)
PASSPHRASE = "frase di prova lunga"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    encryption.forget_keys()  # every command is a new process
    code = cli.main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@requires_sqlcipher
@pytest.mark.sqlite_only
def test_encrypt_end_to_end(
    cli_operator: str,
    db_location: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    database = open_signed(db_location)
    add_family(database)
    database.dispose()
    monkeypatch.setenv("FAMILYDESK_NEW_PASSPHRASE", PASSPHRASE)
    code, out, err = run(capsys, "encrypt", "--db", db_location)
    assert code == 0, err
    recovery = re.search(r"Recovery key: (\S+)", out)[1]  # type: ignore[index]
    assert "data controller" in out and "shown only this once" in out
    path = Path(db_location)
    assert encryption.is_encrypted(path) and SURNAME.encode() not in raw_bytes(path)

    code, _out, err = run(capsys, "check", "--db", db_location)
    assert code == 1 and "FAMILYDESK_DB_PASSPHRASE" in err
    monkeypatch.setenv("FAMILYDESK_DB_PASSPHRASE", "wrong passphrase")
    code, _out, err = run(capsys, "check", "--db", db_location)
    assert code == 1 and "not right" in err
    monkeypatch.setenv("FAMILYDESK_DB_PASSPHRASE", recovery)
    assert run(capsys, "check", "--db", db_location)[0] == 0

    monkeypatch.setenv("FAMILYDESK_NEW_PASSPHRASE", "un'altra frase lunga")
    code, out, err = run(capsys, "encrypt", "--change-passphrase", "--db", db_location)
    assert code == 0 and "changed" in out, err
    monkeypatch.setenv("FAMILYDESK_DB_PASSPHRASE", "un'altra frase lunga")
    code, out, err = run(capsys, "backup", "--to", str(tmp_path / "c"), "--db", db_location)
    assert code == 0, err
    (copy,) = (tmp_path / "c").glob("*.sqlite3")
    assert encryption.is_encrypted(copy) and SURNAME.encode() not in copy.read_bytes()

    # The copy restores onto a new location, opened by its own key file and the recovery key.
    elsewhere = tmp_path / "new-pc" / "familydesk.sqlite3"
    monkeypatch.setenv("FAMILYDESK_DB_PASSPHRASE", recovery)
    code, out, err = run(capsys, "restore", str(copy), "--db", str(elsewhere))
    assert code == 0, err
    assert encryption.is_encrypted(elsewhere) and encryption.sidecar(elsewhere).exists()
    encryption_keys.unlock(elsewhere, "un'altra frase lunga")
    restored = Database.open(str(elsewhere))
    try:
        assert surnames(restored) == [SURNAME]
    finally:
        restored.dispose()


@requires_sqlcipher
@pytest.mark.sqlite_only
def test_encrypt_is_for_administrators(
    cli_operator: str,
    db_location: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = open_signed(db_location)
    database.write(add_operator, "coordinatrice", "coordinator", "password-coordinatrice")
    database.dispose()
    monkeypatch.setenv("FAMILYDESK_OPERATOR", "coordinatrice")
    monkeypatch.setenv("FAMILYDESK_PASSWORD", "password-coordinatrice")
    monkeypatch.setenv("FAMILYDESK_NEW_PASSPHRASE", PASSPHRASE)
    code, _out, err = run(capsys, "encrypt", "--db", db_location)
    assert code == 1 and "Only an administrator" in err
    assert not encryption.is_encrypted(db_location)
    monkeypatch.setenv("FAMILYDESK_OPERATOR", cli_operator)
    monkeypatch.setenv("FAMILYDESK_PASSWORD", CLI_PASSWORD)
    monkeypatch.setenv("FAMILYDESK_NEW_PASSPHRASE", "short")
    code, _out, err = run(capsys, "encrypt", "--db", db_location)
    assert code == 1 and "at least 10" in err
    assert not encryption.is_encrypted(db_location)


def test_postgresql_is_refused_with_a_pointer_to_disk_encryption(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = run(capsys, "encrypt", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 1 and "disk encryption" in err


@pytest.mark.sqlite_only
def test_without_the_module_the_command_says_why(
    cli_operator: str,
    db_location: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(encryption, "available", lambda: (False, "no sqlcipher3 here"))
    monkeypatch.setenv("FAMILYDESK_NEW_PASSPHRASE", PASSPHRASE)
    code, _out, err = run(capsys, "encrypt", "--db", db_location)
    assert code == 1 and "no sqlcipher3 here" in err
    assert not encryption.is_encrypted(db_location)

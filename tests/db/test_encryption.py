"""Encryption at rest (SQLCipher): keys, wrong passphrases, no plaintext, backups, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from familydesk.admin import backups
from familydesk.db import encryption, encryption_convert, encryption_keys
from familydesk.db.database import Database
from familydesk.db.models.registry import Family, Person
from familydesk.kernel.errors import BackupError
from tests.helpers import open_signed

pytestmark = [pytest.mark.sqlite_only, pytest.mark.usefixtures("quick_kdf")]
requires_sqlcipher = pytest.mark.skipif(
    not encryption.available()[0], reason="the sqlcipher3 module is not installed here"
)

SURNAME = "Quaglierini"
PASSPHRASE = "lunga frase segreta"


def add_family(database: Database, surname: str = SURNAME) -> None:
    def add(session):  # type: ignore[no-untyped-def]
        family = Family(name=f"Famiglia {surname}", site_id=database.site_id)
        family.members.append(Person(first_name="Ada", last_name=surname, sex="F"))
        session.add(family)

    database.write(add)


def surnames(database: Database) -> list[str]:
    return database.read(lambda s: list(s.scalars(select(Person.last_name))))


def raw_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        extra = Path(str(path) + suffix)
        data += extra.read_bytes() if extra.exists() else b""
    return data


@pytest.fixture
def encrypted(db_location: str) -> tuple[Path, str]:
    """An encrypted database holding one family; returns its path and recovery key."""
    database = open_signed(db_location)
    add_family(database)
    database.dispose()
    assert SURNAME.encode() in raw_bytes(Path(db_location))
    recovery = encryption_convert.encrypt_database(db_location, PASSPHRASE)
    encryption.forget_keys()
    return Path(db_location), recovery


@requires_sqlcipher
def test_encrypted_file_has_no_plaintext_and_opens_with_the_passphrase(
    encrypted: tuple[Path, str],
) -> None:
    path, recovery = encrypted
    assert encryption.is_encrypted(path)
    assert not path.read_bytes().startswith(encryption.SQLITE_HEADER)
    assert SURNAME.encode() not in raw_bytes(path)
    assert not list(path.parent.glob("*.plain-removing")) and not list(
        path.parent.glob("*.encrypting")
    )
    assert len(recovery.split("-")) == 8 and all(len(g) == 4 for g in recovery.split("-"))
    with pytest.raises(encryption.LockedDatabaseError, match="encrypted"):
        Database.open(str(path))
    encryption_keys.unlock(path, PASSPHRASE)
    database = open_signed(str(path))
    try:
        assert database.encrypted
        assert surnames(database) == [SURNAME]
        add_family(database, "Bertolazzi")  # writes go through the keyed engine
    finally:
        database.dispose()
    assert b"Bertolazzi" not in raw_bytes(path)


@requires_sqlcipher
def test_wrong_passphrase_is_refused_and_the_file_untouched(encrypted: tuple[Path, str]) -> None:
    path, _recovery = encrypted
    before = path.read_bytes(), encryption.sidecar(path).read_bytes()
    with pytest.raises(encryption.EncryptionError, match="not right"):
        encryption_keys.unlock(path, "not the passphrase")
    with pytest.raises(encryption.EncryptionError, match="not right"):
        encryption_keys.change_passphrase(path, "not the passphrase", "a brand new phrase")
    assert encryption.known_key(path) is None
    assert (path.read_bytes(), encryption.sidecar(path).read_bytes()) == before


@requires_sqlcipher
def test_recovery_key_opens_and_resets_the_passphrase(encrypted: tuple[Path, str]) -> None:
    path, recovery = encrypted
    key = encryption_keys.unlock(path, recovery.lower().replace("-", " "))
    assert key == encryption_keys.unlock(path, PASSPHRASE)
    encryption_keys.change_passphrase(path, recovery, "la nuova frase segreta")
    with pytest.raises(encryption.EncryptionError):
        encryption_keys.unlock(path, PASSPHRASE)
    assert encryption_keys.unlock(path, "la nuova frase segreta") == key
    encryption_keys.change_passphrase(path, "la nuova frase segreta", "una terza frase")
    assert encryption_keys.unlock(path, "una terza frase") == key
    with pytest.raises(encryption.EncryptionError, match="at least 10"):
        encryption_keys.change_passphrase(path, "una terza frase", "short")


@requires_sqlcipher
def test_backups_stay_encrypted_and_restore(encrypted: tuple[Path, str], tmp_path: Path) -> None:
    path, recovery = encrypted
    encryption_keys.unlock(path, PASSPHRASE)
    database = open_signed(str(path))
    copy = backups.make_backup(database, "backup", tmp_path / "copies")
    assert encryption.is_encrypted(copy) and SURNAME.encode() not in copy.read_bytes()
    assert encryption.sidecar(copy).exists()
    add_family(database, "Bertolazzi")
    assert sorted(surnames(database)) == ["Bertolazzi", SURNAME]
    done = backups.restore(database, copy)
    for kept in (done.aside, done.before):  # no readable copy of what was replaced
        assert kept is not None and encryption.is_encrypted(kept)
        assert encryption.sidecar(kept).exists()
    restored = open_signed(str(path))
    try:
        assert surnames(restored) == [SURNAME]
    finally:
        restored.dispose()
    # The copy opens on its own, from its key file, with the recovery key.
    encryption.forget_keys()
    with pytest.raises(BackupError):
        from familydesk.db.dialect import verify_sqlite_file

        verify_sqlite_file(copy, b"\0" * 32)
    key = encryption_keys.unlock(copy, recovery)
    verify_sqlite_file(copy, key)
    backups.rotate(tmp_path / "copies")


@requires_sqlcipher
def test_migrations_run_on_an_encrypted_file(empty_location: str, tmp_path: Path) -> None:
    from alembic import command

    from familydesk.db import migrate
    from familydesk.db.location import resolve_database_url

    old = Database(resolve_database_url(empty_location))
    old.backend.prepare()
    with old.engine.connect() as conn, conn.begin():
        command.upgrade(migrate.alembic_config(conn), "0001")
    old.dispose()
    encryption_convert.encrypt_database(empty_location, PASSPHRASE)
    upgraded = open_signed(empty_location, backup_folder=tmp_path / "b")
    try:
        with upgraded.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        upgraded.dispose()
    (before,) = (tmp_path / "b").glob("familydesk-before-*.sqlite3")
    assert encryption.is_encrypted(before) and encryption.sidecar(before).exists()
    assert encryption.is_encrypted(empty_location)


@requires_sqlcipher
def test_plain_backup_restored_over_an_encrypted_database_is_encrypted(
    db_location: str, tmp_path: Path
) -> None:
    database = open_signed(db_location)
    add_family(database)
    plain_copy = backups.make_backup(database, "backup", tmp_path / "copies")
    database.dispose()
    encryption_convert.encrypt_database(db_location, PASSPHRASE)
    database = open_signed(db_location)
    backups.restore(database, plain_copy)
    path = Path(db_location)
    assert encryption.is_encrypted(path) and SURNAME.encode() not in raw_bytes(path)
    reopened = open_signed(db_location)
    try:
        assert surnames(reopened) == [SURNAME]
    finally:
        reopened.dispose()


def test_without_the_module_encryption_is_disabled_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def missing() -> object:
        raise ImportError("No module named 'sqlcipher3'")

    encryption._probe.cache_clear()
    monkeypatch.setattr(encryption, "_import_module", missing)
    try:
        ok, reason = encryption.available()
        assert not ok and "sqlcipher3" in reason and "pip install" in reason
        plain = tmp_path / "plain.sqlite3"
        Database.open(str(plain)).dispose()
        with pytest.raises(encryption.EncryptionError, match="sqlcipher3"):
            encryption_convert.encrypt_database(plain, PASSPHRASE)
        assert not encryption.is_encrypted(plain)
    finally:
        encryption._probe.cache_clear()

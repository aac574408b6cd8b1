"""Migrations: from empty to head, agreement with the models, backups, refusals."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from familydesk.db import migrate, schema_revision
from familydesk.db.base import Base
from familydesk.db.database import Database
from familydesk.db.migrate import include_name, render_item
from familydesk.db.models.registry import Family, Person
from familydesk.kernel.errors import DatabaseLocationError, DatabaseTooNewError, FamilyDeskError
from tests.helpers import open_signed

EXTRA_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9999test"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade():
    # batch mode on SQLite rebuilds "family", which "person" references with
    # ON DELETE CASCADE: with foreign keys on, its members would vanish.
    with op.batch_alter_table("family") as batch:
        batch.add_column(sa.Column("extra", sa.String(20), nullable=True))
    {fail}


def downgrade():
    pass
"""


def test_upgrade_from_empty_reaches_head(empty_location: str) -> None:
    database = open_signed(empty_location)
    try:
        with database.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            tables = set(inspect(conn).get_table_names())
        assert {"site", "family", "person", "member_comune", "alembic_version"} <= tables
    finally:
        database.dispose()


def test_models_and_migrations_agree(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={"compare_type": True, "render_item": render_item, "include_name": include_name},
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def _fingerprint(database: Database) -> str:
    if database.backend.name == "sqlite":
        return hashlib.sha256(Path(str(database.url.database)).read_bytes()).hexdigest()
    with database.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema='public' ORDER BY 1, 2"
            )
        ).all()
        revision = migrate.current_revision(conn)
    return f"{rows}{revision}"


def test_database_from_a_newer_version_is_refused_untouched(
    db_location: str, tmp_path: Path
) -> None:
    database = open_signed(db_location)
    database.write(lambda s: s.execute(text("UPDATE alembic_version SET version_num = 'f0f0f0f0'")))
    database.dispose()  # on SQLite, checkpoints the WAL into the file
    before = _fingerprint(Database(database.url))
    with pytest.raises(DatabaseTooNewError) as error:
        Database.open(db_location, backup_folder=tmp_path / "backups")
    assert "newer version of FamilyDesk" in error.value.message
    check = Database.open(db_location, migrate=False)
    try:
        assert _fingerprint(check) == before
    finally:
        check.dispose()
    assert not (tmp_path / "backups").exists()


def test_foreign_tables_are_refused(empty_location: str) -> None:
    opened = Database.open(empty_location)
    opened.write(lambda s: s.execute(text("DROP TABLE alembic_version")))
    opened.dispose()
    with pytest.raises(DatabaseLocationError, match="do not belong to FamilyDesk"):
        Database.open(empty_location)


def _extra_migrations(tmp_path: Path, fail: bool) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    script = EXTRA_REVISION.format(
        down=migrate.head_revision(), fail='raise RuntimeError("broken migration")' if fail else ""
    )
    (folder / "versions" / "9999_extra.py").write_text(script, encoding="utf-8")
    return folder


def _family_with_members(database: Database) -> int:
    def add(session):  # type: ignore[no-untyped-def]
        family = Family(name="Benatti")
        family.members = [Person(first_name="Anna", last_name="Benatti", sex="F")]
        session.add(family)
        session.flush()
        return family.id

    return database.write(add)


def test_upgrade_backs_up_first_and_keeps_related_rows(
    db_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_signed(db_location)
    family_id = _family_with_members(database)
    database.dispose()

    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", _extra_migrations(tmp_path, fail=False))
    monkeypatch.setattr(schema_revision, "HEAD_REVISION", "9999test")  # as a new release would
    upgraded = open_signed(db_location, backup_folder=tmp_path / "backups")
    try:
        with upgraded.engine.connect() as conn:
            assert migrate.current_revision(conn) == "9999test"
            columns = {c["name"] for c in inspect(conn).get_columns("family")}
            members = conn.execute(select(Person.id).where(Person.family_id == family_id)).all()
        assert "extra" in columns
        assert len(members) == 1, "rebuilding the family table must not cascade to members"
    finally:
        upgraded.dispose()
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("familydesk-before-9999test")


def test_failed_upgrade_changes_nothing(
    db_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_signed(db_location)
    _family_with_members(database)
    database.dispose()
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", _extra_migrations(tmp_path, fail=True))
    monkeypatch.setattr(schema_revision, "HEAD_REVISION", "9999test")  # as a new release would
    with pytest.raises((RuntimeError, FamilyDeskError)):
        Database.open(db_location, backup_folder=tmp_path / "backups")
    monkeypatch.undo()
    check = Database.open(db_location, migrate=False)
    try:
        with check.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert "extra" not in {c["name"] for c in inspect(conn).get_columns("family")}
            assert conn.execute(select(Person.id)).all() != []
    finally:
        check.dispose()


def test_search_index_is_in_place_at_head(database: Database) -> None:
    from familydesk.db import search_index

    with database.engine.connect() as conn:
        if database.backend.name == "sqlite":
            triggers = {
                row[0]
                for row in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type='trigger'"
                )
            }
            assert set(search_index.TRIGGERS) <= triggers
        else:
            columns = {c["name"] for c in inspect(conn).get_columns("person")}
            assert search_index.PG_COLUMN in columns


def test_people_registered_before_the_registry_revision_are_found(empty_location: str) -> None:
    from alembic import command

    from familydesk.db.location import resolve_database_url
    from familydesk.registry import search_people

    db = Database(resolve_database_url(empty_location))
    db.backend.prepare()
    with db.engine.connect() as conn, conn.begin():
        command.upgrade(migrate.alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO site (code, name, address, postcode, town, phone, email, logo_mime, uid,"
            " created_at, updated_at, version) VALUES ('CPF', 'Centro', '', '', '', '', '', '',"
            " '00000000000000000000000000000001', '2026-01-01', '2026-01-01', 1)"
            if db.backend.name == "sqlite"
            else "INSERT INTO site (code, name, address, postcode, town, phone, email, logo_mime,"
            " uid, created_at, updated_at, version) VALUES ('CPF', 'Centro', '', '', '', '', '',"
            " '', gen_random_uuid(), now(), now(), 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO family (name, address, comune_name, comune_code, phone, email, notes,"
            " site_id, uid, created_at, updated_at, version) VALUES ('Benatti', '', '', '', '', '',"
            " '', 1, '00000000000000000000000000000002', '2026-01-01', '2026-01-01', 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO person (family_id, first_name, last_name, sex, birth_place, relation,"
            " site_id, uid, created_at, updated_at, version) VALUES (1, 'Nicolò', 'Benatti', 'M',"
            " '', 'parent', 1, '00000000000000000000000000000003', '2026-01-01', '2026-01-01', 1)"
        )
    db.dispose()
    upgraded = open_signed(empty_location)
    try:
        hits = upgraded.read(search_people, "nicolo benat")
        assert [h.given_name for h in hits] == ["Nicolò"]
    finally:
        upgraded.dispose()

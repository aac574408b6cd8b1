"""Migrations from a database with data in it, at every earlier revision.

For each revision R before the head: a database upgraded to exactly R is filled with
the rows of ``tests.db.revision_data`` (plain SQL on the tables as they are at R), then
opened the way the app opens it (``Database.open``: backup first, then upgrade). Every
row must still be there with its values, new columns must hold their defaults, the
app's services must read the old data and write new data, and the integrity checks of
``familydesk check`` must pass. Then down to R and up again: the rows survive that too.
"""

from __future__ import annotations

import sqlite3
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command

from familydesk.db import migrate
from familydesk.db.database import Database
from familydesk.db.dialect import write_options
from familydesk.db.location import resolve_database_url
from familydesk.kernel.text import name_key, search_document
from tests.conftest import PgServer
from tests.db import revision_data as data
from tests.helpers import open_signed

REVISIONS = [
    script.revision for script in reversed(list(migrate.script_directory().walk_revisions()))
]
HEAD = REVISIONS[-1]


def _search_text(row: dict[str, Any]) -> str:
    return search_document(row["last_name"], row["first_name"], row["tax_code"])


def _name_key(row: dict[str, Any]) -> str:
    return name_key(row["last_name"], row["first_name"])


#: What a column added by a later revision holds in the rows that were there before it:
#: a value, or a function of the row. A revision that adds a column to an existing table
#: adds it here (the test fails until it does).
ADDED: dict[tuple[str, str], Any] = {
    ("family", "isee_value"): None,
    ("family", "isee_expiry"): None,
    ("family", "external_key"): "",
    ("family", "anonymised_on"): None,
    ("family", "resident_since"): None,
    ("family", "postal_code"): "",
    **{
        ("person", name): ""
        for name in ("no_code_reason", "citizenship", "languages", "phone", "email", "notes")
    },
    ("person", "disability"): False,
    ("person", "search_text"): _search_text,  # filled in by 0002 for the people already there
    ("person", "name_key"): _name_key,
    ("person", "birth_year"): None,
    ("person", "anonymised_on"): None,
    ("member_comune", "patron_day"): "",
    ("member_comune", "patron_saint"): "",
    ("contact", "served_by"): "",
    # 0015: each partner became an organisation of the directory (NOT NULL, checked in
    # tests/directory/test_directory_migration.py); referrals carry a service and outcome.
    ("partner", "organisation_id"): lambda row: row["organisation_id"] or "no organisation",
    ("contact_request", "service_id"): None,
    ("contact_request", "referral_outcome"): "",
    ("card_type", "siuss_code"): "",
    ("contact_request", "referral_outcome_on"): None,
}


def _at_revision(location: str, revision: str) -> dict[tuple[str, str], int]:
    """Bring the database at ``location`` to exactly ``revision`` and fill it."""
    database = Database(resolve_database_url(location))
    database.backend.prepare()
    try:
        with database.engine.connect() as conn, conn.begin():
            command.upgrade(migrate.alembic_config(conn), revision)
            return data.fill(conn)
    finally:
        database.dispose()


def _downgrade(database: Database, revision: str) -> None:
    """Down to ``revision`` the way ``migrate`` goes up (foreign keys off, one transaction)."""
    with database.engine.connect() as connection:
        connection = connection.execution_options(**write_options())
        database.backend.disable_foreign_keys(connection)
        try:
            with connection.begin():
                command.downgrade(migrate.alembic_config(connection), revision)
                assert database.backend.integrity_problems(connection) == []
        finally:
            database.backend.enable_foreign_keys(connection)


def _state(location: str) -> tuple[str | None, data.Snapshot]:
    database = Database(resolve_database_url(location))
    try:
        with database.engine.connect() as conn:
            return migrate.current_revision(conn), data.snapshot(conn)
    finally:
        database.dispose()


def _compare(before: data.Snapshot, after: data.Snapshot) -> list[str]:
    """What changed between the rows at R and the same rows at the head (empty if nothing)."""
    problems = []
    for table, rows in before.items():
        if table not in after:
            problems.append(f"table {table} is gone")
            continue
        if set(after[table]) != set(rows):
            problems.append(f"{table}: ids {sorted(rows)} became {sorted(after[table])}")
            continue
        for row_id, row in rows.items():
            now = after[table][row_id]
            for column, value in row.items():
                if column in now and now[column] != value:
                    problems.append(f"{table} {row_id}.{column}: {value!r} became {now[column]!r}")
            for column in now.keys() - row.keys():
                if (table, column) not in ADDED:
                    problems.append(f"{table}.{column} is new: add its default to ADDED")
                    continue
                expected = ADDED[(table, column)]
                expected = expected(now) if callable(expected) else expected
                if now[column] != expected:
                    problems.append(
                        f"{table} {row_id}.{column} (new): {now[column]!r}, expected {expected!r}"
                    )
    return problems


def _check_backup(
    backup: Path | None,
    revision: str,
    before: data.Snapshot,
    restore_into: Callable[[Path], str] | None,
) -> None:
    """The copy taken before the upgrade exists, opens, and holds revision R with its rows."""
    assert backup is not None and backup.exists()
    assert backup.name.startswith(f"familydesk-before-{HEAD}-")
    if restore_into is None:
        copy = sqlite3.connect(backup)
        try:
            assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [
                (revision,)
            ]
            for table, rows in before.items():
                assert copy.execute(f'SELECT count(*) FROM "{table}"').fetchone() == (len(rows),)
        finally:
            copy.close()
        return
    restored = restore_into(backup)
    found, rows = _state(restored)
    assert found == revision
    assert rows == before


def _read_and_write(database: Database, ids: dict[tuple[str, str], int], revision: str) -> None:
    """The app's services read the migrated rows, and a write goes through."""
    from familydesk import registry
    from familydesk.admin.maintenance import check_database
    from familydesk.cards.lookup import check_card
    from familydesk.frontdesk.queue import today_queue
    from familydesk.trust import audit

    rossi = database.read(registry.get_family, ids[("family", "rossi")])
    assert rossi.name == "Rossi Ferrari" and rossi.uid == data.ROSSI_UID
    assert sorted(m.tax_code for m in rossi.members) == sorted([data.MARIO, data.GIULIA, data.LUCA])
    assert rossi.comune_code == "A794"
    if revision >= "0002":
        assert str(rossi.isee_value) == "9874.55" and rossi.external_key == "ANAG-0042"
    hits = database.read(registry.search_people, "nicolo el idr")
    assert [(h.given_name, h.surname) for h in hits] == [("Nicolò", "El Idrissi")]
    assert [h.given_name for h in database.read(registry.search_people, data.MARIO)] == ["Mario"]
    assert database.read(audit.verify) == []

    new_card, old_card = (
        database.read(check_card, n, data.TODAY) for n in (data.CARD_NEW, data.CARD_OLD)
    )
    if revision >= "0011":
        assert new_card.valid, new_card.message
        assert sorted(new_card.card.members) == ["Ferrari Giulia", "Rossi Luca", "Rossi Mario"]
        assert old_card.reason == "replaced" and data.CARD_NEW[4:10] in old_card.message
    else:
        assert new_card.reason == "unknown"
    queue = database.read(today_queue, data.TODAY)
    assert [q.id for q in queue] == (
        [ids[("contact", "rossi_today")]] if revision >= "0006" else []
    )

    changed = database.write(
        registry.update_family,
        registry.FamilyInput(
            name=rossi.name,
            address=rossi.address,
            comune_name=rossi.comune_name,
            comune_code=rossi.comune_code,
            phone=rossi.phone,
            email=rossi.email,
            isee_value=rossi.isee_value,
            isee_expiry=rossi.isee_expiry,
            notes=rossi.notes,
            external_key=rossi.external_key,
            resident_since=rossi.resident_since,
            postal_code="24121",
            id=rossi.id,
            version=rossi.version,
        ),
    )
    assert changed.postal_code == "24121" and changed.version == rossi.version + 1
    added = database.write(
        registry.add_member,
        rossi.id,
        registry.MemberInput(
            first_name="Sofia",
            last_name="Rossi",
            sex="F",
            relation="child",
            tax_code=data.tax_code("RSSSFO24T55A794"),
        ),
    )
    assert len(added.members) == 4
    assert [h.given_name for h in database.read(registry.search_people, "sofia ross")] == ["Sofia"]
    assert database.read(audit.verify) == []
    report = check_database(database)
    assert report.ok, report.problems


@pytest.fixture
def restore_into(pg_server: PgServer | None) -> Any:
    """On PostgreSQL, a function that restores a dump into a new database (its URL)."""
    if pg_server is None:
        yield None
        return
    made: list[str] = []

    def restore(dump: Path) -> str:
        name = f"fd_restored_{uuid.uuid4().hex[:10]}"
        made.append(name)
        url = pg_server.create(name)
        libpq = url.replace("postgresql+psycopg://", "postgresql://")
        subprocess.run(
            ["pg_restore", "--no-owner", "--dbname", libpq, str(dump)],
            check=True,
            capture_output=True,
        )
        return url

    yield restore
    for name in made:
        pg_server.drop(name)


def test_the_rows_cover_every_table_and_column_at_head(empty_location: str) -> None:
    """The builder writes every table of the head, and names no column that does not exist
    (a typo there would leave a column untested)."""
    ids = _at_revision(empty_location, HEAD)
    _, rows = _state(empty_location)
    columns = {table: set(next(iter(found.values()))) for table, found in rows.items()}
    assert {table for table, _label in ids} == set(rows)
    for table, labelled in data.ROWS.items():
        for _label, values in labelled:
            named = set(values) - data.DROPPED.get(table, set())
            assert named <= columns[table], (table, named - columns[table])
    for table, dropped in data.DROPPED.items():
        assert not dropped & columns[table], (table, "a dropped column is still there")
    assert [(t, c) for t, c in ADDED if c not in columns[t]] == []


@pytest.mark.parametrize("revision", REVISIONS[:-1])
def test_upgrade_from_a_revision_with_data_keeps_every_row(
    revision: str, empty_location: str, tmp_path: Path, restore_into: Any
) -> None:
    ids = _at_revision(empty_location, revision)
    found, before = _state(empty_location)
    assert found == revision
    assert {table for table, _label in ids} | data.SEEDED >= set(before)

    database = open_signed(empty_location, backup_folder=tmp_path / "backups")
    try:
        found, after = _state(empty_location)
        assert found == HEAD
        assert _compare(before, after) == []
        backups = sorted((tmp_path / "backups").glob("familydesk-*"))
        assert len(backups) == 1
        _check_backup(backups[0], revision, before, restore_into)

        _downgrade(database, revision)
        assert _state(empty_location) == (revision, before)
    finally:
        database.dispose()

    database = open_signed(empty_location, backup_folder=tmp_path / "again")
    try:
        found, again = _state(empty_location)
        assert found == HEAD
        assert {table: again[table] for table in before} == {
            table: after[table] for table in before
        }
        _read_and_write(database, ids, revision)
    finally:
        database.dispose()

"""Sessions, records and optimistic locking, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from familydesk.db.database import Database, load_for_update
from familydesk.db.models.registry import Family, Person, Site
from familydesk.kernel import clock
from familydesk.kernel.errors import ConflictError, NotFoundError
from tests.helpers import open_signed


def _add_family(session, name: str = "Rossi") -> int:  # type: ignore[no-untyped-def]
    family = Family(name=name)
    session.add(family)
    session.flush()
    return family.id


def test_new_records_carry_uid_timestamps_site_and_version(database: Database) -> None:
    family_id = database.write(_add_family)
    family = database.read(lambda s: s.get(Family, family_id))
    assert isinstance(family.uid, uuid.UUID)
    assert family.site_id == database.site_id
    assert family.version == 1
    assert family.created_at.tzinfo is not None
    assert abs((clock.utcnow() - family.created_at).total_seconds()) < 60


def test_version_and_updated_at_advance_on_each_save(database: Database) -> None:
    family_id = database.write(_add_family)
    before = database.read(lambda s: s.get(Family, family_id))

    def rename(session) -> None:  # type: ignore[no-untyped-def]
        load_for_update(session, Family, family_id, 1).name = "Rossi Bianchi"

    database.write(rename)
    after = database.read(lambda s: s.get(Family, family_id))
    assert after.version == 2
    assert after.updated_at >= before.updated_at
    assert after.uid == before.uid


def test_second_save_of_the_same_version_is_refused(database: Database) -> None:
    """Two windows opened the record at version 1; the second save must not overwrite."""
    family_id = database.write(_add_family)

    def save(session, name: str, version: int) -> None:  # type: ignore[no-untyped-def]
        load_for_update(session, Family, family_id, version).name = name

    database.write(save, "Verdi", 1)
    with pytest.raises(ConflictError) as error:
        database.write(save, "Neri", 1)
    assert "changed by someone else" in error.value.message
    assert database.read(lambda s: s.get(Family, family_id).name) == "Verdi"


def test_update_checks_the_version_in_sql(db_location: str) -> None:
    """Another process commits between our read and our save: the UPDATE matches no row."""
    first, second = open_signed(db_location), open_signed(db_location)
    try:
        family_id = first.write(_add_family)
        with first.session(write=True) as mine:
            record = mine.get(Family, family_id)
            mine.commit()  # the edit form stays open; nothing is locked meanwhile
            second.write(lambda s: setattr(load_for_update(s, Family, family_id, 1), "name", "C"))
            record.name = "B"
            with pytest.raises(StaleDataError):
                mine.commit()
        assert first.read(lambda s: s.get(Family, family_id).name) == "C"
    finally:
        first.dispose()
        second.dispose()


def test_stale_data_becomes_a_conflict_message(database: Database) -> None:
    def racing(session) -> None:  # type: ignore[no-untyped-def]
        raise StaleDataError("UPDATE matched 0 rows")

    with pytest.raises(ConflictError, match="changed by someone else"):
        database.write(racing)


def test_missing_record_is_reported(database: Database) -> None:
    with pytest.raises(NotFoundError):
        database.write(lambda s: load_for_update(s, Family, 999_999, 1))


def test_failed_write_leaves_nothing_behind(database: Database) -> None:
    def half(session) -> None:  # type: ignore[no-untyped-def]
        _add_family(session, "Half")
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        database.write(half)
    assert (
        database.read(lambda s: s.scalars(select(Family).where(Family.name == "Half")).all()) == []
    )


def test_foreign_keys_are_enforced(database: Database) -> None:
    def orphan(session) -> None:  # type: ignore[no-untyped-def]
        session.add(Person(family_id=424242, first_name="A", last_name="B", sex="F"))
        session.flush()

    with pytest.raises(IntegrityError):
        database.write(orphan)


def test_check_constraints_are_enforced(database: Database) -> None:
    family_id = database.write(_add_family)

    def bad_sex(session) -> None:  # type: ignore[no-untyped-def]
        session.add(Person(family_id=family_id, first_name="A", last_name="B", sex="X"))
        session.flush()

    with pytest.raises(IntegrityError):
        database.write(bad_sex)


def test_a_default_centre_exists_and_can_be_chosen_by_code(db_location: str) -> None:
    db = open_signed(db_location)
    try:
        site = db.read(lambda s: s.get(Site, db.site_id))
        assert site.code == "CPF"
        db.write(lambda s: s.add(Site(code="GONZ", name="Gonzaga")))
    finally:
        db.dispose()
    db = open_signed(db_location, site_code="GONZ")
    try:
        assert db.read(lambda s: s.get(Site, db.site_id).name) == "Gonzaga"
        db.write(_add_family)
        assert db.read(lambda s: s.scalars(select(Family.site_id)).one()) == db.site_id
    finally:
        db.dispose()
    with pytest.raises(NotFoundError):
        Database.open(db_location, site_code="NOPE")


@pytest.mark.sqlite_only
def test_sqlite_connections_are_configured_for_safety(database: Database) -> None:
    with database.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


@pytest.mark.sqlite_only
def test_sqlite_writes_take_the_lock_at_begin(database: Database) -> None:
    """BEGIN IMMEDIATE: a second writer waits at BEGIN instead of failing mid-transaction."""
    statements: list[str] = []
    from sqlalchemy import event

    event.listen(database.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    database.write(_add_family)
    database.read(lambda s: s.scalar(select(Family.id)))
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]

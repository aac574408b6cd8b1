"""Opening a database at the head revision reads it with one plain query and leaves Alembic
unimported; any other revision goes through the migration (tests/db/test_migrations.py)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from familydesk.db import migrate, schema_revision
from familydesk.db.database import Database
from tests.helpers import open_signed
from tests.startup import imported_by


def test_the_head_known_without_alembic_is_alembics_head() -> None:
    """A new migration must update HEAD_REVISION too, or databases would not be upgraded."""
    assert migrate.head_revision() == schema_revision.HEAD_REVISION


def test_opening_an_up_to_date_database_does_not_import_alembic(
    db_location: str, tmp_path: Path
) -> None:
    code = (
        "from familydesk.db.database import Database\n"
        f"database = Database.open({db_location!r})\n"
        "database.dispose()"
    )
    modules = imported_by(code, tmp_path / "home")
    assert "familydesk.db.database" in modules
    assert [name for name in modules if name.startswith("alembic")] == []


def test_an_older_revision_is_not_taken_for_the_head(db_location: str) -> None:
    database = open_signed(db_location)
    assert schema_revision.at_head(database)
    database.write(lambda s: s.execute(text("UPDATE alembic_version SET version_num = '0012'")))
    try:
        assert schema_revision.stored_revisions(database) == ["0012"]
        assert not schema_revision.at_head(database)
    finally:
        database.dispose()


def test_a_database_without_a_revision_is_not_at_the_head(tmp_path: Path) -> None:
    from familydesk.db.location import resolve_database_url

    database = Database(resolve_database_url(str(tmp_path / "new.sqlite3")))
    try:
        assert schema_revision.stored_revisions(database) is None
        assert not schema_revision.at_head(database)
    finally:
        database.dispose()

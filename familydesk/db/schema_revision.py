"""The schema revision this FamilyDesk expects, known without importing Alembic.

Opening a database reads its stored revision with one plain query: at the head, Alembic is
not imported at all (it costs a good part of a start); any other answer — an older or newer
revision, no ``alembic_version`` table, a query that fails — goes through
:func:`familydesk.db.migrate.upgrade_database`, which backs up before it upgrades and
refuses what it does not know. Adding a migration means updating :data:`HEAD_REVISION`:
``tests/db/test_schema_revision.py`` compares it with Alembic's own head.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError

if TYPE_CHECKING:
    from familydesk.db.database import Database

#: The revision of the newest script in ``migrations/versions``.
HEAD_REVISION = "0016"


def stored_revisions(database: Database) -> list[str] | None:
    """The revisions in ``alembic_version`` (one, normally); None when it cannot be read."""
    try:
        with database.engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
            connection.rollback()
    except DatabaseError:  # no such table (a new database), a locked or foreign file
        return None
    return [row[0] for row in rows]


def at_head(database: Database) -> bool:
    """Whether ``database`` is at :data:`HEAD_REVISION`, so that nothing needs upgrading."""
    return stored_revisions(database) == [HEAD_REVISION]

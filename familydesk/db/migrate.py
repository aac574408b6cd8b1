"""Schema migrations with Alembic, applied when the database is opened.

The dance (after mealie's ``init_db``): read the current revision; refuse a
revision this version does not know (a newer FamilyDesk made it) without
touching anything; if the schema is behind, write a verified backup first,
then upgrade on our own connection inside one transaction, with foreign keys
off on SQLite (batch mode rebuilds tables) and checked again before commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from familydesk.db import search_index
from familydesk.db.base import UTCDateTime
from familydesk.db.dialect import write_options
from familydesk.db.encryption import SIDECAR_SUFFIX, sidecar
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import DatabaseLocationError, DatabaseTooNewError, FamilyDeskError
from familydesk.kernel.paths import backup_dir

if TYPE_CHECKING:
    from familydesk.db.database import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: How many automatic pre-migration backups to keep.
KEEP_MIGRATION_BACKUPS = 10
#: ... and each of them for at least this many days.
MIGRATION_BACKUP_DAYS = 7


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write our column types as plain SQLAlchemy types in migration scripts."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Leave out of model comparison what only the database has (the search index)."""
    return not search_index.is_index_object(name)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    config.attributes["configure_logger"] = False
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def is_known_revision(revision: str) -> bool:
    try:
        return script_directory().get_revision(revision) is not None
    except CommandError:
        return False


def upgrade_database(database: Database, backup_folder: Path | None = None) -> UpgradeResult:
    """Bring ``database`` to the head revision (see module docstring)."""
    head = head_revision()
    with database.engine.connect() as connection:
        current = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
        connection.rollback()
    if current == head:
        return UpgradeResult(current, head, None)
    if current is not None and not is_known_revision(current):
        raise DatabaseTooNewError(
            _(
                "This database was created by a newer version of FamilyDesk (schema {revision}). "
                "It has not been changed: install the newer FamilyDesk to open it."
            ).format(revision=current)
        )
    if current is None and tables - {"alembic_version"}:
        raise DatabaseLocationError(
            _(
                "This database holds tables that do not belong to FamilyDesk; it has not been "
                "changed."
            )
        )
    backup = None
    if current is not None:
        folder = backup_folder or backup_dir()
        backup = database.backend.backup(folder, label=f"before-{head}")
        _prune_backups(folder)
    log.info("Migrating schema from %s to %s", current or "empty", head)
    _run_upgrade(database, head)
    return UpgradeResult(current, head, backup)


def _run_upgrade(database: Database, head: str) -> None:
    backend = database.backend
    with database.engine.connect() as connection:
        connection = connection.execution_options(**write_options())
        backend.disable_foreign_keys(connection)
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), head)
                problems = backend.integrity_problems(connection)
                if problems:
                    raise FamilyDeskError(
                        _(
                            "The schema upgrade was undone because it broke the data: {detail}"
                        ).format(detail=problems[0])
                    )
        finally:
            backend.enable_foreign_keys(connection)


def _prune_backups(folder: Path) -> None:
    copies = [p for p in folder.glob("familydesk-before-*") if not p.name.endswith(SIDECAR_SUFFIX)]
    copies = [
        p
        for p in copies
        if not p.name.startswith(("familydesk-before-import-", "familydesk-before-restore-"))
    ]
    for path in sorted(copies)[:-KEEP_MIGRATION_BACKUPS]:
        if _younger_than(path, MIGRATION_BACKUP_DAYS):
            continue  # a migration's copy stays at least a week, however many there are
        path.unlink(missing_ok=True)
        sidecar(path).unlink(missing_ok=True)


def _younger_than(path: Path, days: int) -> bool:
    """Whether the copy's time stamp (``...-YYYYMMDD-HHMMSS...``) is less than ``days`` old."""
    import re
    from datetime import datetime, timedelta

    found = re.search(r"-(\d{8}-\d{6})", path.name)
    if found is None:
        return False
    taken = datetime.strptime(found[1], "%Y%m%d-%H%M%S")
    return clock.local_now() - taken < timedelta(days=days)

"""Engine, sessions and the unit of work.

A :class:`Database` is opened once per process. Each user action runs in its
own short session through :meth:`Database.read` or :meth:`Database.write`:
the service function receives the session, never commits, and returns plain
data; ``write`` commits when it returns and rolls everything back when it
raises, so nothing is ever half-written.

Thread safety: ``read`` and ``write`` may be called from any thread; each
call has its own session and connection. The GUI calls them only through its
runner (``familydesk.ui.shell.runner``), never on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from familydesk.db import dialect, encryption, extras, schema_revision
from familydesk.db.base import RecordMixin
from familydesk.db.location import describe, resolve_database_url
from familydesk.db.models.registry import Site
from familydesk.i18n import _
from familydesk.kernel.errors import ConflictError, DatabaseLocationError, NotFoundError
from familydesk.trust import changes, hooks

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
M = TypeVar("M", bound=RecordMixin)

DEFAULT_SITE_CODE = "CPF"


def conflict_message() -> str:
    return _(
        "This record was changed by someone else while you were working on it. "
        "Your changes were not saved: reopen the record to see the new version."
    )


class Database:
    """An open FamilyDesk database (SQLite file or PostgreSQL)."""

    def __init__(self, url: URL, key: bytes | None = None) -> None:
        self.url = url
        if key is None and url.get_backend_name() == "sqlite" and url.database:
            key = (
                encryption.known_key(url.database)
                if encryption.is_encrypted(url.database)
                else None
            )
        self.backend = dialect.for_url(url, key)
        try:
            self.engine = create_engine(url, **self.backend.engine_options())
        except ImportError as exc:  # the driver of an optional extra (psycopg)
            log.warning("Cannot load the driver for %s: %s", url.get_backend_name(), exc)
            if url.get_backend_name() == "postgresql":
                raise extras.driver_error(exc, "psycopg") from exc
            found = extras.missing_extra(exc)
            if found is None:
                raise
            raise found from exc
        self.backend.configure(self.engine)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**dialect.write_options()), expire_on_commit=False
        )
        for factory in (self._reader, self._writer):
            event.listen(factory, "before_flush", hooks.before_flush)
            event.listen(factory, "after_transaction_end", hooks.after_transaction_end)
        changes.watch(self._writer)  # which tables a write touched (the UI's OpChanges)
        self.site_id: int | None = None
        #: Who works on this database (the signed-in operator): written in the audit trail.
        self.operator = ""
        #: The signed-in operator's role (familydesk.trust.operators.ROLES); None before sign-in.
        self.role: str | None = None

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(
        cls,
        location: str | None = None,
        *,
        site_code: str | None = None,
        migrate: bool = True,
        backup_folder: Path | None = None,
        key: bytes | None = None,
    ) -> Database:
        """Open the database at ``location`` (path or URL; see ``resolve_database_url``).

        With ``migrate`` (the default) the schema is brought to the current
        version, after a verified backup when existing data is touched. A
        database made by a newer FamilyDesk raises ``DatabaseTooNewError``
        and is left untouched. An encrypted SQLite file opens with ``key`` or
        the key unlocked earlier in this process (``encryption_keys.unlock``);
        without one it raises ``LockedDatabaseError``.
        """
        url = resolve_database_url(location)
        if key is None and url.get_backend_name() == "sqlite":
            _refuse_locked(str(url.database))
        database = cls(url, key)
        url = database.url
        database.backend.prepare()
        try:
            if migrate and not schema_revision.at_head(database):  # Alembic only when needed
                from familydesk.db.migrate import upgrade_database

                upgrade_database(database, backup_folder=backup_folder)
            database.select_site(site_code)
        except DatabaseError as exc:
            database.dispose()
            log.error("Cannot open database %s: %s", describe(url), exc.orig)
            raise DatabaseLocationError(
                _("The database {location} cannot be opened: {detail}").format(
                    location=describe(url), detail=exc.orig
                )
            ) from exc
        except BaseException:
            database.dispose()
            raise
        log.info("Opened database %s (%s)", describe(url), database.backend.name)
        return database

    def describe(self) -> str:
        return describe(self.url)

    @property
    def encrypted(self) -> bool:
        """Whether this is a SQLCipher-encrypted SQLite file."""
        return getattr(self.backend, "key", None) is not None

    def select_site(self, code: str | None = None) -> int:
        """Make ``code`` (default: the first centre, created if none) the current site."""
        with self.session(write=True) as session:
            query = select(Site).order_by(Site.id)
            if code:
                query = query.where(Site.code == code)
            site = session.scalars(query.limit(1)).first()
            if site is None:
                if code and session.scalar(select(func.count(Site.id))):
                    raise NotFoundError(_("There is no centre with code {code}.").format(code=code))
                site = Site(code=code or DEFAULT_SITE_CODE, name=_("Family centre"))
                session.add(site)
                session.flush()
            self.site_id = site.id
            session.commit()
        return self.site_id

    def dispose(self) -> None:
        self.engine.dispose()

    # -- units of work -----------------------------------------------------
    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session for one operation; the caller commits (``write``) or not."""
        session = (self._writer if write else self._reader)()
        session.info["site_id"] = self.site_id
        session.info["operator"] = self.operator
        session.info["role"] = self.role
        try:
            yield session
        finally:
            session.close()

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(session, *args, **kwargs)`` in a read-only unit of work."""
        with self.session() as session:
            return fn(session, *args, **kwargs)

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(session, ...)`` and commit; roll back everything if it raises.

        A concurrent change to a versioned record becomes ``ConflictError``.
        """
        with self.session(write=True) as session:
            try:
                result = fn(session, *args, **kwargs)
                session.commit()
                return result
            except StaleDataError as exc:
                session.rollback()
                raise ConflictError(conflict_message()) from exc
            except BaseException:
                session.rollback()
                raise


def _refuse_locked(path: str) -> None:
    if encryption.needs_key(path):
        raise encryption.LockedDatabaseError(
            _(
                "The database {path} is encrypted: give its passphrase or recovery key "
                "(FAMILYDESK_DB_PASSPHRASE, or when asked)."
            ).format(path=path)
        )


def load_for_update(session: Session, model: type[M], record_id: int, version: int) -> M:
    """Load a record to change it, refusing if it changed since ``version`` was read.

    Raises ``NotFoundError`` when the record is gone and ``ConflictError``
    when its version differs. The version is checked again by the UPDATE
    itself, so a change slipping in after this call is caught at commit.
    """
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(_("This record no longer exists: someone else may have deleted it."))
    if record.version != version:
        raise ConflictError(conflict_message())
    return record

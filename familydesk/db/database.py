"""Engine, sessions and the unit of work.

A :class:`Database` is opened once per process. Each user action runs in its
own short session through :meth:`Database.read` or :meth:`Database.write`:
the service function receives the session, never commits, and returns plain
data; ``write`` commits when it returns and rolls everything back when it
raises, so nothing is ever half-written.

Thread safety: ``read`` and ``write`` may be called from any thread; each
call has its own session and connection. The GUI calls them only through its
runner (``familydesk.ui.shell.runner``), never on the GUI thread.

Policy is not this layer's: whoever opens a database attaches the session
listeners that check permissions and keep the audit trail (:meth:`Database.listen`;
``familydesk.trust.opening.open_database`` does it for the application). Who acts is
the database's :class:`~familydesk.db.actor.Actor`, or the one set with
``familydesk.db.actor.acting`` for the current thread.

A read unit of work writes nothing: a flush with changes in it raises
:class:`ReadOnlySessionError` (a programming error), instead of being rolled back
silently when the session closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from familydesk.db import dialect, encryption, extras, schema_revision
from familydesk.db.actor import Actor, acting_now
from familydesk.db.base import RecordMixin
from familydesk.db.location import describe, resolve_database_url
from familydesk.db.models.registry import Site
from familydesk.i18n import _
from familydesk.kernel.errors import ConflictError, DatabaseLocationError, NotFoundError

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
M = TypeVar("M", bound=RecordMixin)

DEFAULT_SITE_CODE = "CPF"


class ReadOnlySessionError(RuntimeError):
    """Something tried to write in a read unit of work: a bug, not the operator's doing."""


def writable(session: Session) -> bool:
    """Whether ``session`` belongs to a write unit of work (``Database.write``).

    A session not opened by a :class:`Database` counts as writable: its owner decides.
    """
    return bool(session.info.get("writable", True))


def refuse_read_only(session: Session, what: str) -> None:
    """Raise :class:`ReadOnlySessionError` if ``session`` is a read one; ``what`` is
    written into the message (for the log: the operator sees the bug dialog)."""
    if not writable(session):
        raise ReadOnlySessionError(
            f"{what} in a read session would be lost: run it with Database.write "
            "(runner.write in the GUI)"
        )


def _refuse_read_flush(session: Session, _context: Any, _instances: Any) -> None:
    changed = bool(session.new or session.deleted) or any(
        session.is_modified(obj) for obj in session.dirty
    )
    if changed:
        names = sorted(
            {type(obj).__name__ for obj in (*session.new, *session.dirty, *session.deleted)}
        )
        refuse_read_only(session, "Writing " + ", ".join(names))


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
        event.listen(self._reader, "before_flush", _refuse_read_flush)
        self.site_id: int | None = None
        #: Who works on this database (the signed-in operator): replaced as a whole at
        #: sign-in, read once by each session (``familydesk.db.actor``).
        self.actor = Actor()

    @property
    def operator(self) -> str:
        """The actor's name, written in the audit trail."""
        return self.actor.name

    @operator.setter
    def operator(self, name: str) -> None:
        self.actor = replace(self.actor, name=name)

    @property
    def role(self) -> str | None:
        """The actor's role (familydesk.trust.permissions.ROLES); None before sign-in."""
        return self.actor.role

    @role.setter
    def role(self, role: str | None) -> None:
        self.actor = replace(self.actor, role=role)

    def listen(self, event_name: str, fn: Callable[..., Any], *, writes_only: bool = False) -> None:
        """Attach a session event listener (``before_flush``...) to every session of this
        database, read and write alike (or only the write sessions); attach them before the
        first session."""
        for factory in (self._writer,) if writes_only else (self._reader, self._writer):
            event.listen(factory, event_name, fn)

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
        setup: Callable[[Database], None] | None = None,
    ) -> Database:
        """Open the database at ``location`` (path or URL; see ``resolve_database_url``).

        With ``migrate`` (the default) the schema is brought to the current
        version, after a verified backup when existing data is touched. A
        database made by a newer FamilyDesk raises ``DatabaseTooNewError``
        and is left untouched. An encrypted SQLite file opens with ``key`` or
        the key unlocked earlier in this process (``encryption_keys.unlock``);
        without one it raises ``LockedDatabaseError``. ``setup`` is called with the
        new object before its first session (to attach listeners: :meth:`listen`).
        """
        url = resolve_database_url(location)
        if key is None and url.get_backend_name() == "sqlite":
            _refuse_locked(str(url.database))
        database = cls(url, key)
        url = database.url
        if setup is not None:
            setup(database)
        database.backend.prepare()
        try:
            if migrate and not schema_revision.at_head(database):  # Alembic only when needed
                from familydesk.db.migrate import upgrade_database  # heavy: alembic

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
        """A session for one operation; the caller commits (``write``) or not.

        It acts as the actor set with ``acting`` on this thread, else as the database's.
        """
        actor = acting_now() or self.actor
        session = (self._writer if write else self._reader)()
        session.info["site_id"] = self.site_id
        session.info["writable"] = write
        session.info["operator"] = actor.name
        session.info["role"] = actor.role
        if actor.reason:
            session.info["system_reason"] = actor.reason
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

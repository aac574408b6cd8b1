"""The one road from the UI to the database.

Pages never open sessions: they hand a service function to the runner,
which calls ``Database.read`` / ``Database.write`` on a worker thread and
delivers the result (or the error) on the GUI thread, like Anki's
``QueryOp``/``CollectionOp``. Writes go through a single worker thread, so
SQLite sees one writer at a time; reads share a small pool.

After a write has committed, the runner announces what it changed through its
``changed`` signal (an :class:`OpChanges`, like Anki's): the tables the commit touched
and who caused it. Pages that show one of them reload (``familydesk.ui.widgets.page``).
A write that fails announces nothing.

A job acts as the operator who asked for it: the database's actor is read
when the job is queued, not when a worker gets to it, so a job queued before
someone else signs in at the locked screen still runs (and is audited) as the
one who queued it.

Tests use :class:`SyncRunner`, which runs the same calls immediately.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from sqlalchemy.orm import Session

from familydesk.db.actor import acting, acting_now
from familydesk.db.database import Database
from familydesk.trust import changes

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass(frozen=True)
class OpChanges:
    """What one committed write changed: announced by ``Runner.changed`` on the GUI thread."""

    #: The tables the write's commit touched (``familydesk.trust.changes``).
    tables: frozenset[str]
    #: The operator signed in when the write was asked for.
    operator: str
    #: The widget that asked for the write (its ``owner``), None when it gave none.
    source: QObject | None = None

    def touches(self, tables: frozenset[str]) -> bool:
        """Whether the write touched one of ``tables``."""
        return not self.tables.isdisjoint(tables)

    def caused_by(self, widget: QObject) -> bool:
        """Whether ``widget`` or one of its children (a tab, a dialog) asked for the write."""
        source = self.source
        while source is not None and shiboken6.isValid(source):
            if source is widget:
                return True
            source = source.parent()
        return False


@dataclass(frozen=True)
class _Written:
    """A write's result with the tables its commit touched (worker thread to GUI thread)."""

    result: Any
    tables: frozenset[str]
    operator: str


def write_noting_tables(
    database: Database, fn: Callable[..., Any], *args: Any, **kwargs: Any
) -> tuple[Any, frozenset[str]]:
    """``database.write(fn, ...)``, and the tables its commit touched (any thread)."""
    sessions: list[Session] = []

    def run(session: Session, *args: Any, **kwargs: Any) -> Any:
        sessions.append(session)
        return fn(session, *args, **kwargs)

    result = database.write(run, *args, **kwargs)
    return result, changes.committed_tables(sessions[0])


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry results back there."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.call = call
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread: no widgets here
        try:
            result = self.call()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


class Runner(QObject):
    """Runs service functions against the database off the GUI thread.

    ``on_error`` receives the exception on the GUI thread; without it the
    runner's ``error`` signal is emitted (the main window shows it). A
    callback whose ``owner`` widget has been destroyed is skipped.
    """

    error = Signal(object)
    busy_changed = Signal(bool)
    #: An :class:`OpChanges` after each committed write (never after a failed one).
    changed = Signal(object)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._pending: set[_Relay] = set()
        self._closed = False

    def may(self, permission: str) -> bool:
        """Whether the signed-in operator may do ``permission`` (forms hide what is refused)."""
        from familydesk.trust.permissions import role_allows

        return role_allows(self.database.role, permission)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def read(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> None:
        """Run ``fn(session, *args, **kwargs)`` in a read-only unit of work."""
        self._start(
            self._readers, lambda: self.database.read(fn, *args, **kwargs), on_done, on_error, owner
        )

    def write(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> None:
        """Run ``fn(session, ...)`` and commit, on the single writer thread; then announce
        what it changed (``changed``), after ``on_done``."""
        database = self.database
        operator = database.operator

        def call() -> _Written:
            result, tables = write_noting_tables(database, fn, *args, **kwargs)
            return _Written(result, tables, operator)

        self._start(self._writer, call, on_done, on_error, owner)

    def call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> None:
        """Run ``fn(*args, **kwargs)`` without a session (backups), on the writer thread."""
        self._start(self._writer, lambda: fn(*args, **kwargs), on_done, on_error, owner)

    def announce(self, tables: frozenset[str], owner: QObject | None = None) -> None:
        """Announce a write made outside ``write`` (an import run by ``call``, which commits
        on its own): GUI thread, after it committed; nothing when no table was touched."""
        if tables:
            self.changed.emit(OpChanges(tables, self.database.operator, owner))

    def shutdown(self) -> None:
        """Refuse new work (the database is closing); queued jobs still finish."""
        self._closed = True

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued jobs have run (shutdown and tests)."""
        return self._readers.waitForDone(msecs) and self._writer.waitForDone(msecs)

    def _start(
        self,
        pool: QThreadPool,
        call: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
        owner: QObject | None,
    ) -> None:
        if self._closed:
            log.info("Database work after shutdown ignored")
            return
        call = self._as_asker(call)
        relay = _Relay()
        self._pending.add(relay)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)

        def finish() -> None:
            self._pending.discard(relay)
            relay.deleteLater()
            if not self._pending:
                self.busy_changed.emit(False)

        def succeeded(result: Any) -> None:
            finish()
            self._deliver(result, on_done, owner)

        def failed(exc: BaseException) -> None:
            finish()
            self._deliver_error(exc, on_error, owner)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        pool.start(_Job(call, relay))

    def _deliver(self, result: Any, on_done: Done | None, owner: QObject | None) -> None:
        written = result if isinstance(result, _Written) else None
        if written is not None:
            result = written.result
        if on_done is not None and _alive(owner):
            on_done(result)
        if written is not None and written.tables:
            source = owner if _alive(owner) else None
            self.changed.emit(OpChanges(written.tables, written.operator, source))

    def _as_asker(self, call: Callable[[], Any]) -> Callable[[], Any]:
        """``call``, run as whoever acts now, when it is queued: the database's actor (or
        the one set with ``acting`` on this thread), not the one when a worker runs it."""
        actor = acting_now() or self.database.actor

        def run() -> Any:
            with acting(actor):
                return call()

        return run

    def _deliver_error(
        self, exc: BaseException, on_error: Failed | None, owner: QObject | None
    ) -> None:
        if not _alive(owner):
            log.info("Result of a closed page dropped: %s", type(exc).__name__)
        elif on_error is not None:
            on_error(exc)
        else:
            self.error.emit(exc)


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


class SyncRunner(Runner):
    """Runs each call at once on the calling thread (tests)."""

    def _start(
        self,
        pool: QThreadPool,
        call: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
        owner: QObject | None,
    ) -> None:
        if self._closed:
            return
        try:
            result = self._as_asker(call)()
        except Exception as exc:
            self._deliver_error(exc, on_error, owner)
        else:
            self._deliver(result, on_done, owner)

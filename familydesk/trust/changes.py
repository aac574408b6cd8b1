"""Which tables a write touched, so the UI can tell its pages what changed.

Like Anki's ``OpChanges``: a page reloads only when a write touched a table it shows.
:func:`watch` registers the listeners on a session factory (the write sessions);
every flush adds the tables of the new, changed and deleted records, and every
``UPDATE``/``DELETE``/``INSERT`` statement run through the session adds its table.
What a rolled-back transaction flushed is forgotten; :func:`committed_tables` is what
the session's commits wrote.

Over-reporting is harmless (a page reads again); under-reporting leaves a page stale,
so a savepoint rolled back inside a committed write still counts its tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from familydesk.db.database import Database

_PENDING = "changes.pending"
_COMMITTED = "changes.committed"


def committed_tables(session: Session) -> frozenset[str]:
    """The tables written by the commits of ``session`` so far (also after it is closed)."""
    return frozenset(session.info.get(_COMMITTED, ()))


def _pending(session: Session) -> set[str]:
    pending: set[str] = session.info.setdefault(_PENDING, set())
    return pending


def _flushed(session: Session, _context: Any) -> None:
    pending = _pending(session)
    for obj in session.new | session.deleted:
        pending.update(_tables(obj))
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            pending.update(_tables(obj))


def _tables(obj: object) -> list[str]:
    return [table.name for table in inspect(obj).mapper.tables]


def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if isinstance(name, str):
            _pending(state.session).add(name)


def _committed(session: Session) -> None:
    committed: set[str] = session.info.setdefault(_COMMITTED, set())
    committed.update(session.info.pop(_PENDING, ()))


def _rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


_LISTENERS = (
    ("after_flush", _flushed),
    ("do_orm_execute", _executed),
    ("after_commit", _committed),
    ("after_rollback", _rolled_back),
)


def watch(factory: sessionmaker[Session]) -> None:
    """Collect the touched tables of every session ``factory`` makes."""
    for name, fn in _LISTENERS:
        event.listen(factory, name, fn)


def install(database: Database) -> None:
    """Collect the touched tables of ``database``'s write sessions (reads write nothing)."""
    for name, fn in _LISTENERS:
        database.listen(name, fn, writes_only=True)

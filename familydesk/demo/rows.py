"""Rows for Core inserts: the columns every record carries, ids, PostgreSQL sequences.

The demo writes with Core inserts (the ORM would take ten times longer), so
whatever the ORM and the session hooks would fill is filled here.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session


def new_uid(rng: random.Random) -> uuid.UUID:
    """A version-4 uid drawn from ``rng``: the same seed gives the same uids."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def record(rng: random.Random, table_id: int, site_id: int | None,
           stamp: datetime) -> dict[str, Any]:  # fmt: skip
    """The columns of RecordMixin (and SiteOwnedMixin when ``site_id`` is given)."""
    row = {"id": table_id, "uid": new_uid(rng), "created_at": stamp, "updated_at": stamp,
           "version": 1}  # fmt: skip
    if site_id is not None:
        row["site_id"] = site_id
    return row


def next_id(session: Session, model: Any) -> int:
    """The first free id of ``model``'s table (rows get explicit ids to refer to each other)."""
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``model``'s table and empty the list."""
    if rows:
        session.execute(insert(model.__table__), rows)
        rows.clear()


def advance_sequences(session: Session, tables: Iterable[str]) -> None:
    """Explicit ids leave PostgreSQL's sequences behind: move them past the new rows."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        ))  # fmt: skip

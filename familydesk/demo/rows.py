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


def record(
    rng: random.Random, table_id: int, site_id: int | None, stamp: datetime
) -> dict[str, Any]:
    """The columns of RecordMixin (and SiteOwnedMixin when ``site_id`` is given)."""
    row = {
        "id": table_id,
        "uid": new_uid(rng),
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
    }
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
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        )


class RowWriter:
    """Rows of some tables, given their ids as they are added, written in bulk at the end.

    ``stamp`` is the creation time of every row unless ``add`` is given one.
    """

    def __init__(
        self,
        session: Session,
        rng: random.Random,
        models: Iterable[Any],
        stamp: datetime | None = None,
    ) -> None:
        self.session, self.rng, self.stamp = session, rng, stamp
        self.site_id = session.info["site_id"]
        self.ids = {m: next_id(session, m) for m in models}
        self.rows: dict[Any, list[dict[str, Any]]] = {m: [] for m in self.ids}

    def add(self, model: Any, stamp: datetime | None = None, **values: Any) -> int:
        row_id = self.ids[model]
        self.ids[model] += 1
        row = record(self.rng, row_id, self.site_id, stamp or self.stamp)  # type: ignore[arg-type]
        row.update(values)
        self.rows[model].append(row)
        return row_id

    def write(self) -> None:
        for model, rows in self.rows.items():
            insert_rows(self.session, model, rows)

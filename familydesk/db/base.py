"""Declarative base, naming convention and the columns every table carries.

Every record has an integer key, a globally unique ``uid`` (so records can be
merged across desks and exported without clashes), ``created_at`` and
``updated_at`` in UTC, the centre (``site_id``) that created it, and a
``version`` that SQLAlchemy checks on every UPDATE: a save based on an old
version fails instead of silently overwriting someone else's change.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, MetaData, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from familydesk.kernel import clock

#: Named constraints from the first migration on: Alembic's batch mode on
#: SQLite can only drop or alter constraints that have names.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now in UTC, from the one clock (:mod:`familydesk.kernel.clock`)."""
    return clock.utcnow()


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite has no time zones and would hand back naive values; PostgreSQL
    stores ``timestamptz``. Naive input is refused: it is a bug to guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordMixin:
    """Key, uid, timestamps and optimistic-locking version."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy directive
        return {"version_id_col": cls.__table__.c.version}


class SiteOwnedMixin(RecordMixin):
    """A record created at a centre (``site_id`` is filled from the session)."""

    @declared_attr
    def site_id(cls) -> Mapped[int]:  # noqa: N805 - SQLAlchemy declared attribute
        return mapped_column(ForeignKey("site.id", ondelete="RESTRICT"), index=True)

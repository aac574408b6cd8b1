"""Alembic environment.

FamilyDesk runs migrations on its own connection (``config.attributes
['connection']``, see ``familydesk.db.migrate``). Developers can also run
``alembic -c familydesk/db/migrations/alembic.ini revision --autogenerate``;
then the database comes from ``-x db=PATH_OR_URL`` or ``FAMILYDESK_DB``.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from familydesk.db import models  # noqa: F401 - registers the tables
from familydesk.db.base import Base
from familydesk.db.migrate import include_name, render_item

config = context.config
target_metadata = Base.metadata


def _configure(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
        include_name=include_name,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from familydesk.db.database import Database
    from familydesk.db.location import resolve_database_url

    url = resolve_database_url(context.get_x_argument(as_dictionary=True).get("db"))
    engine = create_engine(url)
    Database(url).backend.configure(engine)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("FamilyDesk migrations run online only.")
run_migrations_online()

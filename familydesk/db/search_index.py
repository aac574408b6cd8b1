"""The person search index, which SQLAlchemy's models do not describe.

SQLite: an FTS5 table over ``person.search_text`` (external content, kept in
step by triggers; ``prefix`` indexes make "as you type" queries cheap).
PostgreSQL: a generated ``tsvector`` column with a GIN index.

Migrations call :func:`create` (and :func:`drop`); a batch migration that
rebuilds the ``person`` table on SQLite drops its triggers, so it must call
:func:`create_triggers` again (a test checks they exist at head).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

#: Schema objects that exist only in the database: model comparison skips them.
SQLITE_TABLE = "person_fts"
PG_COLUMN = "search_vector"
PG_INDEX = "ix_person_search_vector"
TRIGGERS = ("person_fts_insert", "person_fts_delete", "person_fts_update")


def is_index_object(name: str | None) -> bool:
    return bool(name) and (str(name).startswith(SQLITE_TABLE) or name in (PG_COLUMN, PG_INDEX))


def create_triggers(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    for statement in (
        f"""CREATE TRIGGER IF NOT EXISTS person_fts_insert AFTER INSERT ON person BEGIN
            INSERT INTO {SQLITE_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS person_fts_delete AFTER DELETE ON person BEGIN
            INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS person_fts_update AFTER UPDATE OF search_text ON person
        BEGIN
            INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO {SQLITE_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    ):
        connection.exec_driver_sql(statement)


def create(connection: Connection) -> None:
    """Create the index and fill it from the rows already there."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
            "search_text, content='person', content_rowid='id', "
            "tokenize=\"unicode61 remove_diacritics 2\", prefix='1 2 3')"
        )
        create_triggers(connection)
        connection.exec_driver_sql(f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')")
    else:
        connection.exec_driver_sql(
            f"ALTER TABLE person ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED"
        )
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON person USING gin ({PG_COLUMN})"
        )


def drop(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for trigger in TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {SQLITE_TABLE}")
    else:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")
        connection.exec_driver_sql(f"ALTER TABLE person DROP COLUMN IF EXISTS {PG_COLUMN}")


def _sqlite_match(terms: list[str]) -> str:
    return " ".join('"' + term.replace('"', "") + '"*' for term in terms)


def _pg_query(terms: list[str]) -> str:
    return " & ".join(term.replace("'", "").replace("\\", "") + ":*" for term in terms)


def match_subquery(dialect_name: str, candidates: int):  # type: ignore[no-untyped-def]
    """A subquery of person ids (column ``pid``) whose words start with every term.

    Its parameter ``q`` takes :func:`match_expression`; at most ``candidates``
    ids come back: enough to sort by name, and cheap even for one letter.
    """
    from sqlalchemy import Integer, String, bindparam, text

    if dialect_name == "sqlite":
        sql = text(
            f"SELECT rowid AS pid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH :q "
            f"LIMIT {int(candidates)}"
        )
    else:
        sql = text(
            f"SELECT id AS pid FROM person WHERE {PG_COLUMN} @@ to_tsquery('simple', :q) "
            f"LIMIT {int(candidates)}"
        )
    return sql.bindparams(bindparam("q", type_=String)).columns(pid=Integer).subquery("matches")


def match_expression(dialect_name: str, terms: list[str]) -> str:
    """The full-text query for ``terms`` (every term as a prefix)."""
    return _sqlite_match(terms) if dialect_name == "sqlite" else _pg_query(terms)

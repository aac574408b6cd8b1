"""Building blocks for migrations that create tables (used from 0007 on).

Migrations are history: change nothing here that an existing migration uses;
add new helpers instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


def create_table(
    name: str,
    *columns: sa.Column,
    site: bool = True,
    fks: Sequence[tuple[str, str, str]] = (),
    checks: Sequence[tuple[str, str]] = (),
    unique: Sequence[str] = (),
    indexes: Sequence[str] = (),
    composite: Sequence[tuple[str, list[str]]] = (),
    unique_sets: Sequence[list[str]] = (),
) -> None:
    """Create a table with the columns every record carries (see familydesk.db.base)."""
    common = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]
    if site:
        common.insert(0, sa.Column("site_id", sa.Integer(), nullable=False))
        fks = [*fks, ("site_id", "site", "RESTRICT")]
        indexes = [*indexes, "site_id"]
    op.create_table(
        name,
        *columns,
        *common,
        *(sa.CheckConstraint(sql, name=op.f(f"ck_{name}_{key}")) for key, sql in checks),
        *(
            sa.ForeignKeyConstraint(
                [col], [f"{ref}.id"], name=op.f(f"fk_{name}_{col}_{ref}"), ondelete=ondelete
            )
            for col, ref, ondelete in fks
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        *(sa.UniqueConstraint(col, name=op.f(f"uq_{name}_{col}")) for col in (*unique, "uid")),
        *(
            sa.UniqueConstraint(*cols, name=op.f(f"uq_{name}_{'_'.join(cols)}"))
            for cols in unique_sets
        ),
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        for col in indexes:
            batch_op.create_index(batch_op.f(f"ix_{name}_{col}"), [col], unique=False)
        for index, cols in composite:
            batch_op.create_index(index, cols, unique=False)


def text_column(name: str, length: int | None = None) -> sa.Column:
    return sa.Column(name, sa.String(length=length) if length else sa.Text(), nullable=False)


def int_column(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def active_column() -> sa.Column:
    return sa.Column("active", sa.Boolean(), nullable=False)


def date_column(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=nullable)


def bool_column(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False)

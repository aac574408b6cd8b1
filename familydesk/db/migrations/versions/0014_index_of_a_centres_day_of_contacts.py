"""Index of contacts by day and centre: today's queue reads one centre's day from the
index. With an index on each column alone SQLite chose the centre's (every contact of a
one-centre database) and read all 500,000 contacts for a day's thousand (see the README
benchmarks).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 09:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index("ix_contact_day_site", ["contact_date", "site_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_day_site")

"""Indexes of today's queue and of the card register.

Contacts by day and centre: today's queue reads one centre's day from the index. With an
index on each column alone SQLite chose the centre's (every contact of a one-centre
database) and read all 500,000 contacts for a day's thousand.

Cards by issue date and id, the register's order (latest first): a page of the register
reads 200 cards along the index instead of sorting every card for each page.

(See the README benchmarks.)

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
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index("ix_card_issued_on_id", ["issued_on", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index("ix_card_issued_on_id")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_day_site")

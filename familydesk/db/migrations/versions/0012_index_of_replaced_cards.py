"""Index of cards by the card they replaced: checking a replaced number names its
replacement (``cards.lookup``) from the index instead of reading every card.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-22 14:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index("ix_card_previous_id", ["previous_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index("ix_card_previous_id")

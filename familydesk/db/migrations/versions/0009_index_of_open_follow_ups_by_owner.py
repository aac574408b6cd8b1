"""Index of open follow-ups by owner: "my follow-ups" reads one operator's open ones
from the index (open_follow_ups(owner) on 500,000 contacts: see the README benchmarks).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 08:34:17.215731
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["follow_up_owner", "follow_up_done_on", "follow_up_on"]


def upgrade() -> None:
    with op.batch_alter_table("contact_request", schema=None) as batch_op:
        batch_op.create_index("ix_contact_request_follow_up_owner", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("contact_request", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_request_follow_up_owner")

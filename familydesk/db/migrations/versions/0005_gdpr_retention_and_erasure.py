"""GDPR: retention rules, erasure requests (art. 17), anonymised people and families.

Adding columns to ``person`` uses SQLite's ALTER TABLE (no table rebuild), so
the search index triggers stay; the downgrade rebuilds it and puts them back.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 05:28:49.350852
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from familydesk.db import search_index

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "retention_rule",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_rule")),
        sa.UniqueConstraint("kind", name=op.f("uq_retention_rule_kind")),
        sa.UniqueConstraint("uid", name=op.f("uq_retention_rule_uid")),
    )
    op.create_table(
        "erasure_request",
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("person_uid", sa.Uuid(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("refusal_ground", sa.String(length=30), nullable=False),
        sa.Column("refusal_note", sa.Text(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "refusal_ground IN ('', 'legal_obligation', 'public_health', 'archiving', 'legal_claims')",
            name=op.f("ck_erasure_request_refusal_ground"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'carried_out', 'refused')", name=op.f("ck_erasure_request_status")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_erasure_request_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["site.id"],
            name=op.f("fk_erasure_request_site_id_site"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_request")),
        sa.UniqueConstraint("uid", name=op.f("uq_erasure_request_uid")),
    )
    with op.batch_alter_table("erasure_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_erasure_request_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_erasure_request_person_uid"), ["person_uid"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_erasure_request_site_id"), ["site_id"], unique=False)

    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymised_on", sa.Date(), nullable=True))

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birth_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("anonymised_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("anonymised_on")
        batch_op.drop_column("birth_year")
    search_index.create_triggers(op.get_bind())

    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_column("anonymised_on")

    with op.batch_alter_table("erasure_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasure_request_site_id"))
        batch_op.drop_index(batch_op.f("ix_erasure_request_person_uid"))
        batch_op.drop_index(batch_op.f("ix_erasure_request_person_id"))

    op.drop_table("erasure_request")
    op.drop_table("retention_rule")

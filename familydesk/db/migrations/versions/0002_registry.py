"""Family registry: member details, consents, merges, person search index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from familydesk.db import search_index
from familydesk.kernel.text import name_key, search_document

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("isee_value", sa.Numeric(precision=12, scale=2), nullable=True)
        )
        batch_op.add_column(sa.Column("isee_expiry", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("external_key", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_family_external_key"), ["external_key"], unique=False)

    text_columns = [
        ("no_code_reason", sa.String(length=200)),
        ("citizenship", sa.String(length=100)),
        ("languages", sa.String(length=200)),
        ("phone", sa.String(length=50)),
        ("email", sa.String(length=200)),
        ("notes", sa.Text()),
        ("search_text", sa.Text()),
        ("name_key", sa.String(length=200)),
    ]
    with op.batch_alter_table("person", schema=None) as batch_op:
        for name, type_ in text_columns:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("disability", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f("ix_person_name_key"), ["name_key"], unique=False)
        batch_op.drop_constraint(op.f("ck_person_relation"), type_="check")
        batch_op.create_check_constraint(
            "relation", "relation IN ('parent', 'child', 'foster', 'other')"
        )

    op.create_table(
        "consent",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("notice_version", sa.String(length=20), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("signed_by", sa.String(length=200), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        *_record_columns(),
        sa.CheckConstraint(
            "kind IN ('privacy', 'contact_phone', 'contact_sms', 'contact_email', 'photos')",
            name=op.f("ck_consent_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_consent_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_consent_site_id_site"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
        sa.UniqueConstraint("uid", name=op.f("uq_consent_uid")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_site_id"), ["site_id"], unique=False)

    op.create_table(
        "person_merge",
        sa.Column("kept_person_id", sa.Integer(), nullable=False),
        sa.Column("merged_uid", sa.Uuid(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["kept_person_id"],
            ["person.id"],
            name=op.f("fk_person_merge_kept_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_person_merge_site_id_site"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_merge")),
        sa.UniqueConstraint("uid", name=op.f("uq_person_merge_uid")),
    )
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_merge_kept_person_id"), ["kept_person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_person_merge_merged_uid"), ["merged_uid"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_merge_site_id"), ["site_id"], unique=False)

    _backfill_search_words()
    search_index.create(op.get_bind())


def _backfill_search_words() -> None:
    """People registered before this revision get their search words."""
    bind = op.get_bind()
    person = sa.table(
        "person",
        sa.column("id", sa.Integer),
        sa.column("first_name", sa.String),
        sa.column("last_name", sa.String),
        sa.column("tax_code", sa.String),
        sa.column("search_text", sa.Text),
        sa.column("name_key", sa.String),
    )
    rows = bind.execute(
        sa.select(person.c.id, person.c.first_name, person.c.last_name, person.c.tax_code)
    ).all()
    updates = [
        {
            "pid": row.id,
            "words": search_document(row.last_name, row.first_name, row.tax_code),
            "key": name_key(row.last_name, row.first_name),
        }
        for row in rows
    ]
    if updates:
        bind.execute(
            person.update()
            .where(person.c.id == sa.bindparam("pid"))
            .values(search_text=sa.bindparam("words"), name_key=sa.bindparam("key")),
            updates,
        )


def downgrade() -> None:
    search_index.drop(op.get_bind())
    op.drop_table("person_merge")
    op.drop_table("consent")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_person_relation"), type_="check")
        batch_op.create_check_constraint("relation", "relation IN ('parent', 'child', 'other')")
        batch_op.drop_index(batch_op.f("ix_person_name_key"))
        for name in (
            "name_key",
            "search_text",
            "notes",
            "disability",
            "email",
            "phone",
            "languages",
            "citizenship",
            "no_code_reason",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_external_key"))
        batch_op.drop_column("external_key")
        batch_op.drop_column("isee_expiry")
        batch_op.drop_column("isee_value")

"""Family cards: card types with their eligibility rules, cards and the members they
cover, per-comune number sequences, partners, benefits, redemptions; the day a family
became resident.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22 11:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from familydesk.db.migration_tables import active_column as _active
from familydesk.db.migration_tables import bool_column as _bool
from familydesk.db.migration_tables import create_table as _table
from familydesk.db.migration_tables import date_column as _date
from familydesk.db.migration_tables import int_column as _int
from familydesk.db.migration_tables import text_column as _text

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _money(name: str, precision: int = 12) -> sa.Column:
    return sa.Column(name, sa.Numeric(precision=precision, scale=2), nullable=True)


def upgrade() -> None:
    _table(
        "card_sequence", _text("comune_code", 4), _int("last"), site=False, unique=["comune_code"]
    )
    _table(
        "card_type",
        _text("name", 100),
        _text("description"),
        _bool("residence_required"),
        _int("residence_months"),
        _int("min_children"),
        _int("child_age_limit"),
        _bool("count_foster"),
        _int("disability_age_limit", True),
        _money("isee_ceiling"),
        _int("holder_min_age", True),
        _int("holder_max_age", True),
        _int("validity_months"),
        _active(),
        unique=["name"],
    )
    _table(
        "partner",
        _text("name", 200),
        _text("category", 12),
        _int("comune_id", True),
        _text("address", 200),
        _text("contact", 200),
        _text("phone", 50),
        _text("email", 200),
        _date("agreement_start"),
        _date("agreement_end"),
        _active(),
        fks=[("comune_id", "member_comune", "SET NULL")],
        checks=[
            (
                "category",
                "category IN ('social', 'educational', 'commercial', 'cultural', 'sports')",
            )
        ],
        indexes=["comune_id"],
    )
    _table(
        "benefit",
        _int("partner_id"),
        _text("kind", 10),
        _money("value", 10),
        _text("description", 300),
        _text("conditions"),
        _active(),
        fks=[("partner_id", "partner", "CASCADE")],
        checks=[("kind", "kind IN ('percent', 'amount', 'free_entry', 'other')")],
        indexes=["partner_id"],
    )
    _table(
        "card",
        _text("number", 20),
        _int("card_type_id"),
        _int("family_id", True),
        _int("holder_id", True),
        _text("comune_code", 4),
        _date("issued_on", False),
        _date("expires_on", False),
        _text("shortened_reason", 200),
        _text("status", 10),
        _date("revoked_on"),
        _text("revoke_reason", 200),
        _int("previous_id", True),
        _text("issued_by", 100),
        fks=[
            ("card_type_id", "card_type", "RESTRICT"),
            ("family_id", "family", "SET NULL"),
            ("holder_id", "person", "SET NULL"),
            ("previous_id", "card", "SET NULL"),
        ],
        checks=[
            ("status", "status IN ('active', 'revoked', 'replaced')"),
            ("validity", "issued_on <= expires_on"),
        ],
        unique=["number"],
        indexes=["expires_on"],
        composite=[("ix_card_family_status", ["family_id", "status"])],
    )
    _table(
        "benefit_card_type",
        _int("benefit_id"),
        _int("card_type_id"),
        fks=[("benefit_id", "benefit", "CASCADE"), ("card_type_id", "card_type", "CASCADE")],
        indexes=["card_type_id"],
        unique_sets=[["benefit_id", "card_type_id"]],
    )
    _table(
        "card_member",
        _int("card_id"),
        _int("person_id"),
        fks=[("card_id", "card", "CASCADE"), ("person_id", "person", "CASCADE")],
        indexes=["person_id"],
        unique_sets=[["card_id", "person_id"]],
    )
    _table(
        "redemption",
        _int("benefit_id"),
        _int("card_id", True),
        _text("number_typed", 40),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _bool("accepted"),
        _text("reason", 20),
        _text("operator", 100),
        fks=[("benefit_id", "benefit", "CASCADE"), ("card_id", "card", "SET NULL")],
        indexes=["at"],
        composite=[
            ("ix_redemption_benefit_at", ["benefit_id", "at"]),
            ("ix_redemption_card_at", ["card_id", "at"]),
        ],
    )
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resident_since", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_column("resident_since")
    for table in (
        "redemption",
        "card_member",
        "benefit_card_type",
        "card",
        "benefit",
        "partner",
        "card_type",
        "card_sequence",
    ):
        op.drop_table(table)

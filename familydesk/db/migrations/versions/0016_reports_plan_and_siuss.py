"""Reports: the centre's settings, the plan's actions and indicators, SIUSS flows.

New tables only, plus the card type's SIUSS benefit code (empty: not reported); no
existing row changes.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 21:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from familydesk.db.migration_tables import create_table as _table
from familydesk.db.migration_tables import date_column as _date
from familydesk.db.migration_tables import int_column as _int
from familydesk.db.migration_tables import text_column as _text

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MACRO_AREAS = "'', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'"


def _number(name: str) -> sa.Column:
    return sa.Column(name, sa.Numeric(precision=12, scale=2), nullable=True)


def upgrade() -> None:
    _table("centre_setting", _text("key", 60), _text("value"), site=False, unique=["key"])
    _table(
        "plan_action",
        _text("plan", 200),
        _text("code", 20),
        _text("title", 300),
        _text("area", 200),
        _text("macro_area", 1),
        _text("objective"),
        _text("description"),
        _int("position"),
        site=False,
        checks=[("macro_area", f"macro_area IN ({MACRO_AREAS})")],
    )
    _table(
        "plan_indicator",
        _int("action_id"),
        _text("name", 300),
        _number("target"),
        _date("period_from", nullable=False),
        _date("period_to", nullable=False),
        _text("measure", 40),
        _text("filters"),
        _number("manual_value"),
        _text("manual_source", 300),
        _int("position"),
        site=False,
        fks=[("action_id", "plan_action", "CASCADE")],
        indexes=["action_id"],
    )
    _table(
        "plan_action_group",
        _int("action_id"),
        _int("group_id"),
        site=False,
        fks=[("action_id", "plan_action", "CASCADE"), ("group_id", "parent_group", "CASCADE")],
        indexes=["group_id"],
        unique_sets=[["action_id", "group_id"]],
    )
    _table(
        "siuss_flow",
        _date("made_on", nullable=False),
        _date("period_from", nullable=False),
        _date("period_to", nullable=False),
        _text("file_name", 300),
        _text("operator", 100),
        _int("records"),
    )
    _table(
        "siuss_flow_card",
        _int("flow_id"),
        _int("card_id"),
        _text("operation", 1),
        fks=[("flow_id", "siuss_flow", "CASCADE"), ("card_id", "card", "CASCADE")],
        checks=[("operation", "operation IN ('I', 'C')")],
        indexes=["flow_id"],
        unique_sets=[["card_id", "operation"]],
    )
    with op.batch_alter_table("card_type", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("siuss_code", sa.String(length=20), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("card_type", schema=None) as batch_op:
        batch_op.drop_column("siuss_code")
    for name in (
        "siuss_flow_card",
        "siuss_flow",
        "plan_action_group",
        "plan_indicator",
        "plan_action",
        "centre_setting",
    ):
        op.drop_table(name)

"""Parenting groups: groups and their educators, sessions, sign-ups with a waiting
list, attendance marks.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 10:24:10.338601
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from familydesk.db.migration_tables import bool_column as _bool
from familydesk.db.migration_tables import create_table as _table
from familydesk.db.migration_tables import date_column as _date
from familydesk.db.migration_tables import int_column as _int
from familydesk.db.migration_tables import text_column as _text

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _local_time(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(), nullable=False)


def upgrade() -> None:
    _table(
        "parent_group",
        _text("title", 200),
        _text("kind", 20),
        _text("description"),
        _int("place_id"),
        _int("room_id", True),
        _text("target", 10),
        _int("age_from", True),
        _int("age_to", True),
        _text("age_unit", 6),
        _int("capacity", True),
        _text("capacity_per", 6),
        _date("signup_opens"),
        _date("signup_closes"),
        _text("language", 10),
        _int("cost_cents", True),
        _text("cost_note", 200),
        _int("completion_percent"),
        _bool("cancelled"),
        fks=[("place_id", "place", "RESTRICT"), ("room_id", "room", "SET NULL")],
        checks=[
            ("age_unit", "age_unit IN ('months', 'years')"),
            ("capacity_per", "capacity_per IN ('person', 'family')"),
            ("target", "target IN ('parents', 'children', 'both')"),
            ("completion_percent", "completion_percent BETWEEN 1 AND 100"),
        ],
        indexes=["place_id"],
    )
    _table(
        "enrolment",
        _int("group_id"),
        _int("person_id", True),
        _int("family_id", True),
        _text("status", 10),
        sa.Column("signed_up_at", sa.DateTime(timezone=True), nullable=False),
        _date("signed_up_on", False),
        _date("enrolled_on"),
        _date("withdrawn_on"),
        _text("withdraw_reason", 200),
        _bool("to_inform"),
        _date("informed_on"),
        _bool("walk_in"),
        _text("signed_up_by", 100),
        _text("note"),
        fks=[
            ("family_id", "family", "SET NULL"),
            ("group_id", "parent_group", "CASCADE"),
            ("person_id", "person", "SET NULL"),
        ],
        checks=[("status", "status IN ('enrolled', 'waiting', 'withdrawn')")],
        indexes=["family_id", "person_id"],
        composite=[("ix_enrolment_group_status", ["group_id", "status"])],
        unique_sets=[["group_id", "person_id"]],
    )
    _table(
        "group_educator",
        _int("group_id"),
        _int("operator_id"),
        fks=[("group_id", "parent_group", "CASCADE"), ("operator_id", "operator", "CASCADE")],
        indexes=["operator_id"],
        unique_sets=[["group_id", "operator_id"]],
    )
    _table(
        "group_session",
        _int("group_id"),
        _local_time("starts_at"),
        _local_time("ends_at"),
        _int("place_id"),
        _int("room_id", True),
        _text("topic", 200),
        _bool("cancelled"),
        _text("cancel_reason", 200),
        _bool("extra"),
        fks=[
            ("group_id", "parent_group", "CASCADE"),
            ("place_id", "place", "RESTRICT"),
            ("room_id", "room", "SET NULL"),
        ],
        checks=[("interval", "starts_at < ends_at")],
        indexes=["starts_at"],
        composite=[
            ("ix_group_session_group_start", ["group_id", "starts_at"]),
            ("ix_group_session_room_start", ["room_id", "starts_at"]),
        ],
    )
    _table(
        "attendance",
        _int("session_id"),
        _int("enrolment_id"),
        _text("mark", 8),
        fks=[("enrolment_id", "enrolment", "CASCADE"), ("session_id", "group_session", "CASCADE")],
        checks=[("mark", "mark IN ('present', 'absent', 'excused')")],
        indexes=["enrolment_id"],
        unique_sets=[["session_id", "enrolment_id"]],
    )


def downgrade() -> None:
    for table in ("attendance", "group_session", "group_educator", "enrolment", "parent_group"):
        op.drop_table(table)

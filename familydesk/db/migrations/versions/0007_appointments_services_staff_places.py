"""Appointments: services (seeded), staff, places and rooms, opening hours, closures,
absences, series and appointments; the patron saint's day of each member comune.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 07:50:54.072519
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from familydesk.db.migration_tables import active_column as _active
from familydesk.db.migration_tables import create_table as _table
from familydesk.db.migration_tables import int_column as _int
from familydesk.db.migration_tables import text_column as _text
from familydesk.kernel import clock

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _table(
        "service",
        _text("key", 40),
        _text("name", 200),
        _int("duration_minutes"),
        _text("what_to_bring"),
        _text("profession", 100),
        _int("position"),
        _active(),
        site=False,
        unique=["key"],
    )
    _table(
        "appointment_series",
        _int("every_weeks"),
        _int("occurrences", True),
        sa.Column("until", sa.Date(), nullable=True),
        checks=[("every_weeks", "every_weeks IN (1, 2)")],
    )
    _table(
        "place",
        _text("name", 200),
        _int("comune_id"),
        _text("address", 200),
        _active(),
        fks=[("comune_id", "member_comune", "RESTRICT")],
        indexes=["comune_id"],
    )
    _table(
        "staff",
        _text("name", 200),
        _text("kind", 20),
        _text("profession", 100),
        _text("languages", 200),
        _text("phone", 50),
        _int("operator_id", True),
        _active(),
        fks=[("operator_id", "operator", "SET NULL")],
        checks=[("kind", "kind IN ('professional', 'interpreter')")],
    )
    _table(
        "absence",
        _int("staff_id"),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        _text("reason", 200),
        fks=[("staff_id", "staff", "CASCADE")],
        checks=[("days", "first_day <= last_day")],
        indexes=["staff_id"],
    )
    _table(
        "closure",
        _int("place_id", True),
        sa.Column("day", sa.Date(), nullable=False),
        _text("reason", 200),
        fks=[("place_id", "place", "CASCADE")],
        indexes=["day", "place_id"],
    )
    _table(
        "opening_hours",
        _int("place_id"),
        _int("weekday"),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        fks=[("place_id", "place", "CASCADE")],
        indexes=["place_id"],
        checks=[("interval", "opens < closes"), ("weekday", "weekday BETWEEN 0 AND 6")],
    )
    _table(
        "room",
        _int("place_id"),
        _text("name", 100),
        _active(),
        fks=[("place_id", "place", "CASCADE")],
        indexes=["place_id"],
    )
    _table(
        "appointment",
        _int("service_id"),
        _int("staff_id"),
        _int("place_id"),
        _int("room_id", True),
        _int("interpreter_id", True),
        _int("family_id", True),
        _int("person_id", True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        _text("status", 12),
        _text("cancel_reason", 200),
        _text("note"),
        _int("series_id", True),
        _int("series_index", True),
        _int("request_id", True),
        _text("booked_by", 100),
        checks=[
            ("status", "status IN ('booked', 'confirmed', 'done', 'no_show', 'cancelled')"),
            ("interval", "starts_at < ends_at"),
        ],
        fks=[
            ("service_id", "service", "RESTRICT"),
            ("staff_id", "staff", "RESTRICT"),
            ("place_id", "place", "RESTRICT"),
            ("room_id", "room", "RESTRICT"),
            ("interpreter_id", "staff", "RESTRICT"),
            ("family_id", "family", "SET NULL"),
            ("person_id", "person", "SET NULL"),
            ("series_id", "appointment_series", "SET NULL"),
            ("request_id", "contact_request", "SET NULL"),
        ],
        indexes=["series_id", "starts_at"],
        composite=[
            (f"ix_appointment_{key}_start", [column, "starts_at"])
            for key, column in (
                ("family", "family_id"),
                ("interpreter", "interpreter_id"),
                ("place", "place_id"),
                ("room", "room_id"),
                ("staff", "staff_id"),
            )
        ],
    )
    with op.batch_alter_table("member_comune", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("patron_day", sa.String(length=5), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("patron_saint", sa.String(length=100), nullable=False, server_default="")
        )
    _seed_services()


def downgrade() -> None:
    with op.batch_alter_table("member_comune", schema=None) as batch_op:
        batch_op.drop_column("patron_saint")
        batch_op.drop_column("patron_day")
    for table in (
        "appointment",
        "room",
        "opening_hours",
        "closure",
        "absence",
        "staff",
        "place",
        "appointment_series",
        "service",
    ):
        op.drop_table(table)


#: Services of DOMAIN.md (key, minutes, profession). Names and "what to bring" are
#: translated in familydesk.appointments.services; centres may rename, add or retire them.
SERVICES = [
    ("psychological_counselling", 60, "psicologa/o"),
    ("family_mediation", 90, "mediatrice/mediatore familiare"),
    ("social_worker_interview", 45, "assistente sociale"),
    ("pedagogical_counselling", 60, "pedagogista"),
    ("language_mediation", 60, "mediatrice/mediatore linguistico-culturale"),
    ("legal_advice", 45, "avvocata/o"),
    ("breastfeeding_support", 45, "ostetrica"),
]


def _seed_services() -> None:
    now = clock.utcnow()
    table = sa.table(
        "service",
        *(
            sa.column(c)
            for c in (
                "key",
                "name",
                "duration_minutes",
                "what_to_bring",
                "profession",
                "position",
                "active",
                "version",
            )
        ),
        sa.column("uid", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        table,
        [
            {
                "key": key,
                "name": "",
                "duration_minutes": minutes,
                "what_to_bring": "",
                "profession": profession,
                "position": position,
                "active": True,
                "version": 1,
                "uid": uuid.uuid4(),
                "created_at": now,
                "updated_at": now,
            }
            for position, (key, minutes, profession) in enumerate(SERVICES, start=1)
        ],
    )

"""The directory of the territory's services: organisations, their services and the needs
each serves; the card's partners become organisations of it; a referral points at a
service and carries its outcome.

Each partner becomes an organisation with the partner's name, address, phone, e-mail
and comune (partners with the same name in the same comune become one organisation);
the partner keeps its category, contact person, agreement and benefits, so no benefit
or redemption moves. Downgrading writes the organisation's details back on the partner.

Free-text referrals stay as they were (``referral_to``); they are matched to directory
entries when the directory is filled (``familydesk.directory.matching``).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from familydesk.db.migration_tables import active_column as _active
from familydesk.db.migration_tables import bool_column as _bool
from familydesk.db.migration_tables import create_table as _table
from familydesk.db.migration_tables import date_column as _date
from familydesk.db.migration_tables import int_column as _int
from familydesk.db.migration_tables import text_column as _text
from familydesk.kernel import clock

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "'public', 'health', 'school', 'third_sector', 'parish', 'sports', 'library', 'shop', "
KINDS += "'other'"
#: A partner's category -> the kind of organisation it most likely is.
KIND_OF_CATEGORY = {
    "social": "third_sector",
    "educational": "other",
    "commercial": "shop",
    "cultural": "other",
    "sports": "sports",
}
PARTNER_DETAILS = (("name", 200), ("address", 200), ("phone", 50), ("email", 200))


def _create_tables() -> None:
    _table(
        "organisation",
        _text("name", 200),
        _text("kind", 12),
        _text("tax_code", 16),
        _text("comune_name", 100),
        _text("comune_code", 4),
        _text("address", 300),
        _text("postal_code", 5),
        _text("phone", 50),
        _text("email", 200),
        _text("web", 300),
        _text("notes"),
        _active(),
        checks=[("kind", f"kind IN ({KINDS})")],
        indexes=["name", "comune_code"],
    )
    _table(
        "directory_service",
        _int("organisation_id"),
        _text("name", 200),
        _text("description"),
        _text("comune_name", 100),
        _text("comune_code", 4),
        _text("address", 300),
        _text("postal_code", 5),
        _bool("whole_area"),
        _text("phone", 50),
        _text("email", 200),
        _text("web", 300),
        _text("hours"),
        _int("age_min", True),
        _int("age_max", True),
        _text("audience"),
        _text("residence", 300),
        _text("cost", 200),
        _text("languages", 200),
        _text("access", 12),
        _text("bring"),
        _text("contact_person", 200),
        _date("checked_on"),
        _active(),
        fks=[("organisation_id", "organisation", "RESTRICT")],
        checks=[
            ("access", "access IN ('walk_in', 'appointment', 'referral')"),
            ("age_range", "age_min IS NULL OR age_max IS NULL OR age_min <= age_max"),
        ],
        indexes=["organisation_id", "name", "comune_code"],
    )
    _table(
        "directory_service_need",
        _int("service_id"),
        _int("need_id"),
        _int("position"),
        fks=[("service_id", "directory_service", "CASCADE"), ("need_id", "need", "CASCADE")],
        unique_sets=[["service_id", "need_id"]],
        composite=[("ix_directory_service_need_need", ["need_id"])],
    )


def _partners_to_organisations(connection: sa.engine.Connection) -> None:
    partners = connection.execute(
        sa.text(
            "SELECT p.id, p.site_id, p.name, p.category, p.address, p.phone, p.email, "
            "c.name, c.cadastral_code FROM partner p "
            "LEFT JOIN member_comune c ON c.id = p.comune_id ORDER BY p.id"
        )
    ).all()
    typed = {
        "uid": sa.Uuid(),
        "created_at": sa.DateTime(timezone=True),
        "updated_at": sa.DateTime(timezone=True),
        "active": sa.Boolean(),
    }
    organisation = sa.table(
        "organisation",
        *(
            sa.column(name, typed.get(name))
            for name in [
                "site_id",
                "uid",
                "created_at",
                "updated_at",
                "version",
                "name",
                "kind",
                "tax_code",
                "comune_name",
                "comune_code",
                "address",
                "postal_code",
                "phone",
                "email",
                "web",
                "notes",
                "active",
            ]
        ),
        sa.column("id", sa.Integer()),
    )
    made: dict[tuple[str, str], int] = {}
    now = clock.utcnow()
    for pid, site_id, name, category, address, phone, email, comune, code in partners:
        key = (" ".join(name.split()).casefold(), code or "")
        if key not in made:
            row = connection.execute(
                organisation.insert()
                .values(
                    site_id=site_id,
                    uid=uuid.uuid4(),
                    created_at=now,
                    updated_at=now,
                    version=1,
                    name=name,
                    kind=KIND_OF_CATEGORY.get(category, "other"),
                    tax_code="",
                    comune_name=comune or "",
                    comune_code=code or "",
                    address=address,
                    postal_code="",
                    phone=phone,
                    email=email,
                    web="",
                    notes="",
                    active=True,
                )
                .returning(organisation.c.id)
            )
            made[key] = row.scalar_one()
        connection.execute(
            sa.text("UPDATE partner SET organisation_id = :o WHERE id = :p"),
            {"o": made[key], "p": pid},
        )


def upgrade() -> None:
    _create_tables()
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
    _partners_to_organisations(op.get_bind())
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_partner_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
            ondelete="RESTRICT",
        )
        batch_op.create_index(
            batch_op.f("ix_partner_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.drop_index("ix_partner_comune_id")
        batch_op.drop_constraint("fk_partner_comune_id_member_comune", type_="foreignkey")
        for column in ("comune_id", *(name for name, _ in PARTNER_DETAILS)):
            batch_op.drop_column(column)

    with op.batch_alter_table("contact_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("referral_outcome", sa.String(length=12), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("referral_outcome_on", sa.Date(), nullable=True))
    with op.batch_alter_table("contact_request", schema=None) as batch_op:
        batch_op.alter_column(
            "referral_outcome", existing_type=sa.String(length=12), server_default=None
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_contact_request_service_id_directory_service"),
            "directory_service",
            ["service_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            batch_op.f("ix_contact_request_service_id"), ["service_id"], unique=False
        )
        batch_op.create_check_constraint(
            "referral_outcome",
            "referral_outcome IN ('', 'waiting', 'reached', 'not_reached', 'refused')",
        )


def downgrade() -> None:
    with op.batch_alter_table("contact_request", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_contact_request_referral_outcome"), type_="check")
        batch_op.drop_index(batch_op.f("ix_contact_request_service_id"))
        batch_op.drop_constraint(
            "fk_contact_request_service_id_directory_service", type_="foreignkey"
        )
        for column in ("referral_outcome_on", "referral_outcome", "service_id"):
            batch_op.drop_column(column)

    with op.batch_alter_table("partner", schema=None) as batch_op:
        for name, length in PARTNER_DETAILS:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )
        batch_op.add_column(sa.Column("comune_id", sa.Integer(), nullable=True))
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "UPDATE partner SET "
            "name = (SELECT o.name FROM organisation o WHERE o.id = partner.organisation_id), "
            "address = (SELECT o.address FROM organisation o "
            "WHERE o.id = partner.organisation_id), "
            "phone = (SELECT o.phone FROM organisation o WHERE o.id = partner.organisation_id), "
            "email = (SELECT o.email FROM organisation o WHERE o.id = partner.organisation_id), "
            "comune_id = (SELECT c.id FROM organisation o JOIN member_comune c "
            "ON c.cadastral_code = o.comune_code WHERE o.id = partner.organisation_id)"
        )
    )
    with op.batch_alter_table("partner", schema=None) as batch_op:
        for name, length in PARTNER_DETAILS:
            batch_op.alter_column(name, existing_type=sa.String(length=length), server_default=None)
        batch_op.create_foreign_key(
            batch_op.f("fk_partner_comune_id_member_comune"),
            "member_comune",
            ["comune_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_partner_comune_id"), ["comune_id"], unique=False)
        batch_op.drop_index(batch_op.f("ix_partner_organisation_id"))
        batch_op.drop_constraint("fk_partner_organisation_id_organisation", type_="foreignkey")
        batch_op.drop_column("organisation_id")

    for table in ("directory_service_need", "directory_service", "organisation"):
        op.drop_table(table)

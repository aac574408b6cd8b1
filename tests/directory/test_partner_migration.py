"""Migration 0015: the card's partners become organisations of the services directory.

A database at 0014 (plain SQL rows) with three partners, two of them the same shop in
the same comune typed twice: upgraded to the head, each partner's organisation has the
partner's old name, address, phone, e-mail and comune (name and cadastral code), the
pair shares one organisation, and no benefit, card-type link or redemption is lost or
moved. Down to 0014 again, the partners get their columns back.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import command

from familydesk.db import migrate
from familydesk.db.database import Database
from familydesk.db.dialect import write_options
from familydesk.db.location import resolve_database_url

NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _value(column: sa.Column) -> Any:
    """A value for a NOT NULL column the test does not name."""
    kind = column.type
    if isinstance(kind, sa.Uuid) or column.name == "uid":
        # SQLite keeps sa.Uuid as CHAR(32), reflected as CHAR.
        return uuid.uuid4() if isinstance(kind, sa.Uuid) else uuid.uuid4().hex
    if isinstance(kind, sa.DateTime):
        return NOW if getattr(kind, "timezone", False) else NOW.replace(tzinfo=None)
    if isinstance(kind, sa.Date):
        return date(2026, 1, 1)
    if isinstance(kind, sa.Boolean):
        return column.name == "active"
    if isinstance(kind, sa.Integer | sa.Numeric):
        return 1 if column.name == "version" else 0
    return ""


def _insert(connection: sa.Connection, meta: sa.MetaData, table: str, **values: Any) -> int:
    t = meta.tables[table]
    row = {
        c.name: _value(c)
        for c in t.columns
        if not c.nullable and not c.primary_key and c.name not in values
    }
    row.update(values)
    return connection.execute(t.insert().values(**row).returning(t.c.id)).scalar_one()


def _fill(connection: sa.Connection) -> dict[str, Any]:
    meta = sa.MetaData()
    meta.reflect(connection)
    site = connection.execute(sa.text("SELECT MIN(id) FROM site")).scalar()
    if site is None:
        site = _insert(connection, meta, "site", code="FAM", name="Centro")
    own = {"site_id": site}
    suzzara = _insert(
        connection, meta, "member_comune", **own, name="Suzzara", cadastral_code="L020"
    )
    gonzaga = _insert(
        connection, meta, "member_comune", **own, name="Gonzaga", cadastral_code="E089"
    )
    family_card = _insert(connection, meta, "card_type", **own, name="Carta Famiglia")
    details = {
        "pool": ("Piscina Comunale", "sports", gonzaga, "Via Roma 1", "0376 1", "p@x.it"),
        "shop": ("Ottica Rossi", "commercial", suzzara, "Via Po 2", "0376 2", "o@x.it"),
        "shop_again": ("ottica  rossi", "commercial", suzzara, "Via Po 2", "", ""),
    }
    partners, benefits, redemptions = {}, {}, []
    for key, (name, category, comune, address, phone, email) in details.items():
        partners[key] = _insert(
            connection,
            meta,
            "partner",
            **own,
            name=name,
            category=category,
            comune_id=comune,
            address=address,
            phone=phone,
            email=email,
            contact=f"Contact of {key}",
        )
        benefits[key] = _insert(
            connection,
            meta,
            "benefit",
            **own,
            partner_id=partners[key],
            kind="percent",
            value=10,
            description=f"benefit of {key}",
        )
        _insert(
            connection,
            meta,
            "benefit_card_type",
            **own,
            benefit_id=benefits[key],
            card_type_id=family_card,
        )
        redemptions.append(
            _insert(
                connection,
                meta,
                "redemption",
                **own,
                benefit_id=benefits[key],
                number_typed="E089000001X",
                at=_value(meta.tables["redemption"].c.at),
                accepted=False,
                reason="unknown",
            )
        )
    return {
        "partners": partners,
        "benefits": benefits,
        "redemptions": redemptions,
        "details": details,
        "comuni": {suzzara: ("Suzzara", "L020"), gonzaga: ("Gonzaga", "E089")},
    }


def _migrate(database: Database, revision: str, down: bool = False) -> None:
    with database.engine.connect() as connection:
        connection = connection.execution_options(**write_options())
        database.backend.disable_foreign_keys(connection)
        try:
            with connection.begin():
                step = command.downgrade if down else command.upgrade
                step(migrate.alembic_config(connection), revision)
                assert database.backend.integrity_problems(connection) == []
        finally:
            database.backend.enable_foreign_keys(connection)


def _rows(database: Database, sql: str) -> list[tuple]:
    with database.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(sa.text(sql))]


def test_partners_become_organisations_and_come_back(empty_location: str) -> None:
    database = Database(resolve_database_url(empty_location))
    database.backend.prepare()
    try:
        with database.engine.connect() as connection, connection.begin():
            command.upgrade(migrate.alembic_config(connection), "0014")
            made = _fill(connection)
        links_before = _rows(
            database, "SELECT benefit_id, card_type_id FROM benefit_card_type ORDER BY benefit_id"
        )
        benefits_before = _rows(database, "SELECT id, partner_id FROM benefit ORDER BY id")
        uses_before = _rows(database, "SELECT id, benefit_id, reason FROM redemption ORDER BY id")
        _migrate(database, "heads")

        found = {
            pid: rest
            for pid, *rest in _rows(
                database,
                "SELECT p.id, o.id, o.name, o.address, o.phone, o.email, o.comune_name, "
                "o.comune_code, o.kind, p.contact FROM partner p "
                "JOIN organisation o ON o.id = p.organisation_id",
            )
        }
        partners, details = made["partners"], made["details"]
        assert set(found) == set(partners.values())
        for key in ("pool", "shop"):
            name, _category, comune, address, phone, email = details[key]
            _org, *values, _kind, contact = found[partners[key]]
            assert values == [name, address, phone, email, *made["comuni"][comune]]
            assert contact == f"Contact of {key}"
        assert found[partners["pool"]][-2] == "sports" and found[partners["shop"]][-2] == "shop"
        assert found[partners["shop"]][0] == found[partners["shop_again"]][0]  # one organisation
        assert found[partners["pool"]][0] != found[partners["shop"]][0]
        assert _rows(database, "SELECT COUNT(*) FROM organisation") == [(2,)]
        assert _rows(database, "SELECT id, partner_id FROM benefit ORDER BY id") == benefits_before
        assert (
            _rows(
                database,
                "SELECT benefit_id, card_type_id FROM benefit_card_type ORDER BY benefit_id",
            )
            == links_before
        )
        assert (
            _rows(database, "SELECT id, benefit_id, reason FROM redemption ORDER BY id")
            == uses_before
        )

        _migrate(database, "0014", down=True)
        back = {
            pid: rest
            for pid, *rest in _rows(
                database, "SELECT id, name, address, phone, email, comune_id FROM partner"
            )
        }
        for key in ("pool", "shop"):
            name, _category, comune, address, phone, email = details[key]
            assert back[partners[key]] == [name, address, phone, email, comune]
        # The pair shares the first one's organisation: it comes back with its details.
        assert back[partners["shop_again"]][0] == "Ottica Rossi"
        assert _rows(database, "SELECT id, partner_id FROM benefit ORDER BY id") == benefits_before
        assert (
            _rows(database, "SELECT id, benefit_id, reason FROM redemption ORDER BY id")
            == uses_before
        )
    finally:
        database.dispose()

"""The write path knows which tables a write touched (``familydesk.trust.changes``)."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from familydesk.db.database import Database
from familydesk.db.models.registry import Family
from familydesk.registry.families import create_family, update_family
from familydesk.registry.records import FamilyInput, MemberInput
from familydesk.trust import changes

ANNA = MemberInput(first_name="Anna", last_name="Rossi", no_code_reason="in attesa", sex="F")


def _written(database: Database, fn, *args) -> frozenset[str]:  # type: ignore[no-untyped-def]
    seen: list[Session] = []

    def run(session: Session):  # type: ignore[no-untyped-def]
        seen.append(session)
        return fn(session, *args)

    database.write(run)
    return changes.committed_tables(seen[0])


def _family(database: Database):  # type: ignore[no-untyped-def]
    return database.write(create_family, FamilyInput(name="Rossi"), [ANNA])


def test_new_records_name_their_tables_and_the_audit_trail(database: Database) -> None:
    tables = _written(
        database,
        create_family,
        FamilyInput(name="Rossi"),
        [ANNA],
    )
    assert {"family", "person", "audit_log"} <= tables
    assert "appointment" not in tables


def test_a_changed_family_names_only_what_changed(database: Database) -> None:
    detail = _family(database)
    family = FamilyInput(name="Rossi Bianchi", id=detail.id, version=detail.version)
    tables = _written(database, update_family, family)
    assert "family" in tables
    assert "contact" not in tables


def test_a_bulk_update_names_its_table(database: Database) -> None:
    detail = _family(database)
    tables = _written(
        database,
        lambda s: s.execute(update(Family).where(Family.id == detail.id).values(notes="x")),
    )
    assert "family" in tables


def test_a_read_names_nothing(database: Database) -> None:
    _family(database)
    assert _written(database, lambda s: s.get(Family, 1)) == frozenset()


def test_a_rolled_back_write_names_nothing(database: Database) -> None:
    seen: list[Session] = []

    def failing(session: Session) -> None:
        seen.append(session)
        session.add(Family(name="Verdi"))
        session.flush()
        raise ValueError("refused")

    with pytest.raises(ValueError):
        database.write(failing)
    assert changes.committed_tables(seen[0]) == frozenset()

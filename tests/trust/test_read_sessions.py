"""A write in a read unit of work is a programming error, not a silent no-op."""

from __future__ import annotations

import pytest

from familydesk.db.database import Database, ReadOnlySessionError
from familydesk.db.models.registry import Family
from familydesk.kernel.errors import FamilyDeskError
from familydesk.trust import audit


def test_an_audit_entry_in_a_read_session_raises(database: Database) -> None:
    before = database.read(audit.count)
    with pytest.raises(ReadOnlySessionError, match="read session") as error:
        database.read(audit.record, "open", None, note="x", table_name="family")
    assert not isinstance(error.value, FamilyDeskError)  # the bug dialog, not a message
    with pytest.raises(ReadOnlySessionError):
        database.read(audit.append_bulk, "print", "family", ["a", "b"])
    assert database.read(audit.count) == before
    database.write(audit.record, "open", None, note="x", table_name="family")
    assert database.read(audit.count) == before + 1  # the same in a write session is kept


def test_a_flush_with_changes_in_a_read_session_raises(database: Database) -> None:
    def add_family(session) -> None:  # type: ignore[no-untyped-def]
        session.add(Family(name="Benatti"))
        session.flush()

    with pytest.raises(ReadOnlySessionError, match="Family"):
        database.read(add_family)
    assert database.read(lambda s: s.query(Family).count()) == 0
    database.write(add_family)
    assert database.read(lambda s: s.query(Family).count()) == 1


def test_reading_objects_in_a_read_session_is_fine(database: Database) -> None:
    database.write(lambda s: s.add(Family(name="Benatti")))

    def look(session) -> str:  # type: ignore[no-untyped-def]
        family = session.query(Family).one()
        session.flush()  # nothing changed: nothing refused
        return family.name

    assert database.read(look) == "Benatti"

"""The audit trail: every change, open, print and export; tampering is detected."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from familydesk import registry
from familydesk.db.database import Database
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust import audit
from tests.helpers import open_signed

BORN = date(1985, 4, 2)


def _family(database: Database, name: str = "Benatti"):  # type: ignore[no-untyped-def]
    member = MemberInput(
        first_name="Anna",
        last_name=name,
        sex="F",
        birth_date=BORN,
        no_code_reason="documenti in arrivo",
    )
    return database.write(registry.create_family, FamilyInput(name=name), [member])


def _actions(database: Database) -> list[tuple[str, str, str]]:
    rows = database.read(audit.entries)
    return [(r.action, r.table_name, r.fields) for r in reversed(rows)]


def test_changes_are_written_with_field_names_not_values(database: Database) -> None:
    database.operator = "laura"
    detail = _family(database)
    detail = database.write(registry.update_family, replace(detail.as_input(), phone="0376 111222"))
    member = detail.members[0]
    database.write(registry.remove_member, member.id, member.version)
    actions = _actions(database)[-4:]
    assert actions == [
        ("create", "family", ""),
        ("create", "person", ""),
        ("update", "family", "phone"),
        ("delete", "person", ""),
    ]
    rows = database.read(audit.entries)
    assert rows[0].operator == "laura" and rows[0].record_uid == str(member.uid)
    assert all("0376" not in (r.fields + r.note) for r in rows)
    assert database.read(audit.verify) == []


def test_opening_printing_and_exporting_are_audited(database: Database) -> None:
    from familydesk.registry import printouts as forms
    from familydesk.transfer import export_families

    detail = _family(database)
    database.write(registry.open_family, detail.id)
    database.write(forms.render_intake, detail.id, "it")
    database.write(export_families, "json", None, __import__("io").StringIO())
    actions = [(a, t) for a, t, _f in _actions(database)[-3:]]
    assert actions == [("open", "family"), ("print", "family"), ("export", "")]
    about = database.read(audit.entries, [str(detail.uid)])
    assert {r.action for r in about} == {"create", "open", "print"}


@pytest.mark.parametrize(
    ("tamper", "words"),
    [
        ("UPDATE audit_log SET fields = 'notes' WHERE id = {middle}", "was edited"),
        ("DELETE FROM audit_log WHERE id = {middle}", "chain is broken"),
        ("UPDATE audit_log SET operator = 'mallory' WHERE id = {last}", "was edited"),
    ],
)
def test_tampering_is_found(database: Database, tamper: str, words: str) -> None:
    for name in ("Rossi", "Bianchi", "Verdi"):
        _family(database, name)
    ids = [r.id for r in database.read(audit.entries)]
    middle, last = sorted(ids)[len(ids) // 2], max(ids)
    database.write(lambda s: s.execute(text(tamper.format(middle=middle, last=last))))
    problems = database.read(audit.verify)
    assert problems and words in problems[0].message
    assert problems[0].entry_id == (
        last if "{last}" in tamper else (middle if "edited" in words else middle + 1)
    )


def test_an_inserted_entry_is_found(database: Database) -> None:
    _family(database, "Rossi")
    first = min(r.id for r in database.read(audit.entries))
    database.write(
        lambda s: s.execute(
            text(
                "INSERT INTO audit_log (id, at, site_code, operator, action, table_name, "
                "record_uid, fields, note, prev_hash, hash) SELECT 999999, at, site_code, "
                "operator, 'delete', table_name, record_uid, '', '', prev_hash, hash FROM "
                "audit_log WHERE id = :id"
            ),
            {"id": first},
        )
    )
    assert database.read(audit.verify)


def test_concurrent_writers_keep_one_chain(db_location: str) -> None:
    """Two desks write at the same time: appends are serialised, the chain stays whole."""
    desks = [open_signed(db_location) for _ in range(2)]
    errors: list[BaseException] = []

    def work(database: Database, prefix: str) -> None:
        try:
            for i in range(8):
                _family(database, f"{prefix}{i}")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(d, p)) for d, p in zip(desks, "AB", strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert desks[0].read(audit.verify) == []
        assert len([r for r in desks[0].read(audit.entries) if r.table_name == "family"]) == 16
    finally:
        for database in desks:
            database.dispose()


def test_cli_verify(demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str) -> None:
    from familydesk import cli

    assert cli.main(["--lang", "en", "demo", "--families", "3", "--db", db_location]) == 0
    assert cli.main(["--lang", "en", "audit", "verify", "--db", db_location]) == 0
    assert "Audit trail intact" in capsys.readouterr().out
    database = open_signed(db_location)
    database.write(lambda s: s.execute(text("UPDATE audit_log SET note = 'x' WHERE id = 1")))
    database.dispose()
    assert cli.main(["--lang", "en", "audit", "verify", "--db", db_location]) == 1
    assert "Audit entry 1 was edited" in capsys.readouterr().err

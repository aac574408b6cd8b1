"""Reading the audit trail with filters: operator, action, period, record; kept 24+ months."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from codicefiscale import codicefiscale as cf

from familydesk import cli, registry
from familydesk.db.database import Database
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust import audit
from familydesk.trust.audit.query import audit_operators, audit_page
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import open_signed, signed_in

BORN = date(1985, 4, 2)
CODE = cf.encode("Benatti", "Anna", "F", datetime(1985, 4, 2), "Suzzara")


def _family(database: Database, name: str = "Benatti", code: str = ""):  # type: ignore[no-untyped-def]
    member = MemberInput(
        first_name="Anna",
        last_name=name,
        sex="F",
        birth_date=BORN,
        tax_code=code,
        no_code_reason="" if code else "documenti in arrivo",
    )
    return database.write(registry.create_family, FamilyInput(name=name), [member])


def test_filters_by_operator_action_and_total(database: Database) -> None:
    database.operator = "laura"
    _family(database, "Rossi")
    database.operator = "marco"
    detail = _family(database, "Verdi")
    database.write(registry.open_family, detail.id)
    page = database.read(audit_page, operator="laura")
    assert page.total == 2 and {r.table_name for r in page.rows} == {"family", "person"}
    assert all(r.operator == "laura" for r in page.rows)
    opened = database.read(audit_page, action="open")
    assert [(r.operator, r.record_uid) for r in opened.rows] == [("marco", str(detail.uid))]
    # The database's first centre was made by the system (trust.acting.as_system).
    assert database.read(audit_operators) == ["laura", "marco", "system"]
    first = database.read(audit_page, 0, 2)
    rest = database.read(audit_page, 2, 2)
    assert (
        first.total == rest.total == database.read(audit.count)
        and len(first.rows) == 2
        and len(rest.rows) == 2
    )
    assert first.rows[0].id > first.rows[1].id > rest.rows[0].id  # newest first, no overlap


def test_period_takes_whole_local_days(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def at(day: date) -> datetime:  # noon, Rome time, as the desk saw it
        return datetime(day.year, day.month, day.day, 12, tzinfo=clock.ROME).astimezone(UTC)

    for day in (date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)):
        monkeypatch.setattr(audit, "utcnow", lambda day=day: at(day))
        database.write(audit.record, "print", note=day.isoformat())
    page = database.read(audit_page, since=date(2025, 3, 2), until=date(2025, 3, 2))
    assert [r.note for r in page.rows] == ["2025-03-02"]
    page = database.read(audit_page, since=date(2025, 3, 2), action="print")
    assert [r.note for r in page.rows] == ["2025-03-03", "2025-03-02"]
    with pytest.raises(ValidationError, match="end date comes before"):
        database.read(audit_page, since=date(2025, 3, 3), until=date(2025, 3, 1))


def test_record_filter_covers_person_family_consents_and_is_audited(database: Database) -> None:
    detail = _family(database, code=CODE)
    person = detail.members[0]
    database.write(registry.record_consent, person.id, "privacy", date(2026, 1, 5))
    _family(database, "Rossi")  # someone else: not shown
    by_code = database.write(audit_page, record=CODE.lower())
    uids = {r.record_uid for r in by_code.rows}
    consents = database.read(audit_page, action="create").rows
    consent_uid = next(r.record_uid for r in consents if r.table_name == "consent")
    assert uids == {str(detail.uid), str(person.uid), consent_uid}
    top = by_code.rows[0]
    assert (top.action, top.table_name, top.record_uid, top.note) == (
        "audit-read",
        "person",
        str(person.uid),
        "filter",
    )
    assert CODE not in top.note and "Benatti" not in top.note
    # Scrolling on (offset > 0) is the same reading: no second entry.
    database.write(audit_page, 1, 10, record=str(person.uid))
    assert database.read(audit_page, action="audit-read").total == 1
    # Any other uid (even of a record deleted since) stands for itself.
    family_only = database.write(audit_page, record=str(detail.uid), action="create")
    assert [r.record_uid for r in family_only.rows] == [str(detail.uid)]
    assert database.read(audit_page, action="audit-read").total == 2  # one per new search
    assert database.read(audit.verify) == []


def test_record_filter_refuses_bad_keys_and_read_only_units(database: Database) -> None:
    with pytest.raises(ValidationError, match="uid or a tax code"):
        database.write(audit_page, record="Benatti")
    with pytest.raises(ValidationError, match="no person has the tax code"):
        database.write(audit_page, record=CODE)
    with pytest.raises(RuntimeError, match="Database.write"):
        database.read(audit_page, record=CODE)


def test_reception_may_not_read_the_trail(database: Database) -> None:
    signed_in(database, "reception")
    with pytest.raises(PermissionDenied):
        database.read(audit_page)
    with pytest.raises(PermissionDenied):
        database.read(audit_operators)


def test_entries_are_kept_beyond_24_months(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FamilyDesk never deletes the trail: an entry of 25 months ago is still there, chained."""
    old = clock.utcnow() - timedelta(days=25 * 31)
    monkeypatch.setattr(audit, "utcnow", lambda: old)
    database.write(audit.record, "export", note="old")
    monkeypatch.undo()
    _family(database)  # and life goes on
    day = old.astimezone(clock.ROME).date()
    page = database.read(audit_page, since=day - timedelta(days=1), until=day + timedelta(days=1))
    assert [(r.action, r.note) for r in page.rows] == [("export", "old")]
    assert page.rows[0].at <= clock.utcnow() - timedelta(days=24 * 30)
    assert database.read(audit.verify) == []


def test_cli_list_with_filters(
    cli_operator: str, db_location: str, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_signed(db_location)
    database.operator = "laura"
    detail = _family(database, code=CODE)
    database.operator = "marco"
    _family(database, "Rossi")
    database.dispose()
    base = ["--lang", "en", "audit", "list", "--db", db_location]
    assert cli.main([*base, "--by", "laura"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and all("\tlaura\t" in line for line in lines)
    assert cli.main([*base, "--record", CODE, "--limit", "1"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and "\taudit-read\tperson\t" in lines[0]
    assert str(detail.members[0].uid) in lines[0]
    today = clock.today().strftime("%d/%m/%Y")
    assert cli.main([*base, "--since", today, "--until", today, "--by", "marco"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2
    assert cli.main([*base, "--until", "01/01/2000"]) == 0
    assert capsys.readouterr().out.strip() == ""
    with pytest.raises(SystemExit) as usage:
        cli.main([*base, "--since", "2024-13-45"])
    assert usage.value.code == 2 and "is not a date" in capsys.readouterr().err
    assert cli.main([*base, "--record", "nobody"]) == 1
    assert "uid or a tax code" in capsys.readouterr().err

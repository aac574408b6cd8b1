"""``familydesk privacy purge|retention|erasure``: the GDPR commands."""

from __future__ import annotations

from datetime import date

import pytest

from familydesk import cli
from familydesk.db.database import Database
from familydesk.db.models.registry import Family
from familydesk.privacy import erasure
from familydesk.privacy.retention import kinds as retention
from tests.helpers import open_signed
from tests.privacy.privacy_data import age, family, member


def _run(capsys: pytest.CaptureFixture[str], location: str, *argv: str) -> tuple[int, str]:
    code = cli.main(["--lang", "en", "privacy", *argv, "--db", location])
    out = capsys.readouterr()
    return code, out.out + out.err


def _seed(location: str):  # type: ignore[no-untyped-def]
    database = open_signed(location)
    try:
        old = family(database, "Bianchi", [member("Anna", "Bianchi", date(1980, 5, 6))])
        age(database, old.id, date(2019, 6, 1))
        return old
    finally:
        database.dispose()


def test_purge_dry_run_then_for_real(
    cli_operator: str, db_location: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _seed(db_location)
    code, out = _run(capsys, db_location, "purge", "--dry-run")
    assert code == 0
    assert "Families with no activity (anonymised): 1" in out
    assert "Dry run: 1 record would be anonymised" in out
    assert len(out.strip().splitlines()) == len(retention.kinds()) + 1  # each kind and the total
    code, out = _run(capsys, db_location, "purge")
    assert code == 0 and "1 record anonymised or deleted." in out
    database = open_signed(db_location)
    try:
        assert database.read(lambda s: s.get(Family, old.id).anonymised_on) is not None
    finally:
        database.dispose()
    assert "No record anonymised or deleted." in _run(capsys, db_location, "purge")[1]


def test_retention_rules_listed_and_changed(
    cli_operator: str, db_location: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(capsys, db_location, "retention")
    assert code == 0 and "Social notes (notes): 24 months" in out
    code, out = _run(capsys, db_location, "retention", "set", "notes", "36")
    assert code == 0 and "Social notes (notes): 36 months" in out
    code, out = _run(capsys, db_location, "retention", "set", "notes", "700")
    assert code == 1 and "from 6 to 600" in out


def test_erasure_request_list_refuse_carry_out(
    cli_operator: str, db_location: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fam = _seed(db_location)
    anna = fam.members[0]
    code, out = _run(
        capsys,
        db_location,
        "erasure",
        "request",
        "--person",
        anna.tax_code or "",
        "--by",
        "by e-mail",
    )
    assert code == 0 and "Erasure request 1 recorded." in out
    code, out = _run(capsys, db_location, "erasure", "list")
    assert code == 0 and out.startswith("1\tOpen\t") and str(anna.uid) in out
    assert "Bianchi" not in out
    with pytest.raises(SystemExit) as usage:
        _run(capsys, db_location, "erasure", "refuse", "1", "--ground", "bogus")
    assert usage.value.code == 2
    code, out = _run(capsys, db_location, "erasure", "carry-out", "1")
    assert code == 0 and "carried out" in out
    code, out = _run(capsys, db_location, "erasure", "refuse", "1", "--ground", "legal_claims")
    assert code == 1 and "already decided" in out
    code, out = _run(capsys, db_location, "erasure", "carry-out", "99")
    assert code == 1 and "No erasure request" in out
    database: Database = open_signed(db_location)
    try:
        assert database.read(erasure.list_erasure_requests)[0].status == "carried_out"
    finally:
        database.dispose()


def test_reception_may_record_but_not_purge(
    cli_operator: str,
    db_location: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from familydesk.trust.operators import add_operator

    fam = _seed(db_location)
    database = open_signed(db_location)
    try:
        database.write(add_operator, "desk", "reception", "password-sportello")
    finally:
        database.dispose()
    monkeypatch.setenv("FAMILYDESK_OPERATOR", "desk")
    monkeypatch.setenv("FAMILYDESK_PASSWORD", "password-sportello")
    code, out = _run(capsys, db_location, "purge", "--dry-run")
    assert code == 1 and "does not allow" in out
    code, out = _run(capsys, db_location, "erasure", "request", "--person", str(fam.members[0].uid))
    assert code == 0

"""``familydesk print signatures|certificate|certificates|enrolment|attendance`` and
``familydesk export attendance|groups``: files written, exit codes, one-line refusals."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.db.models.registry import Person
from tests.forms.conftest import pages_text
from tests.groups.group_data import GroupWorld
from tests.groups.print_data import FIRST_DAY, MetGroup, build_met_group
from tests.helpers import run_cli as run


@pytest.fixture
def met(database: Database, world: GroupWorld) -> MetGroup:
    return build_met_group(database, world)


def _uid(database: Database, person_id: int) -> str:
    return database.read(lambda s: str(s.get(Person, person_id).uid))


@pytest.mark.usefixtures("cli_operator")
def test_print_commands(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    database: Database,
    met: MetGroup,
    tmp_path: Path,
) -> None:
    base = ("--lang", "it", "--db", db_location, "print")
    person = _uid(database, met.people[0, "parent"])
    cases = [
        (["signatures", "--session", "2"], "Registro firme scritto in", "2 di 8"),
        (
            ["certificate", "--person", person],
            "Attestato di frequenza scritto in",
            "7 incontri su 7",
        ),
        (["certificates"], "Attestati di frequenza scritti in", "Attestato di frequenza"),
        (["enrolment", "--person", person], "Modulo di iscrizione scritto in", "Iscritto/a il"),
        (["attendance"], "Riepilogo presenze scritto in", "Riepilogo presenze"),
    ]
    for argv, said, printed in cases:
        out = tmp_path / f"{argv[0]}.pdf"
        code, stdout, err = run(
            capsys, *base, argv[0], "--group", met.group_uid, *argv[1:], "--out", str(out)
        )
        assert (code, err, stdout) == (0, "", f"{said} {out}\n")
        assert printed in " ".join(" ".join(pages_text(out.read_bytes())).split())


@pytest.mark.usefixtures("cli_operator")
@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (
            ["signatures", "--group", "00000000-0000-0000-0000-000000000000", "--session", "1"],
            1,
            "familydesk: There is no group with code 00000000-0000-0000-0000-000000000000.",
        ),
        (["signatures", "--group", "{group}", "--session", "9"], 1, "familydesk: "),
        (
            ["signatures", "--group", "{group}", "--session", "4"],
            1,
            "familydesk: Session 4 was cancelled (Allerta meteo): there is no signature sheet",
        ),
        (["signatures", "--group", "{group}", "--session", "due"], 2, "invalid int value"),
        (["signatures", "--group", "{group}"], 2, "--session"),
        (
            ["certificate", "--group", "{group}", "--person", "{lagging}"],
            1,
            "familydesk: No certificate: this person attended 5 of 7 sessions",
        ),
        (
            ["certificate", "--group", "{group}", "--person", "XXXXXX00X00X000X"],
            1,
            "familydesk: No person matches",
        ),
        (["enrolment", "--group", "{group}"], 2, "--person"),
    ],
)
def test_print_refusals(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    database: Database,
    met: MetGroup,
    tmp_path: Path,
    argv: list[str],
    code: int,
    expected: str,
) -> None:
    out = tmp_path / "x.pdf"
    lagging = _uid(database, met.people[2, "parent"])
    argv = [a.format(group=met.group_uid, lagging=lagging) for a in argv]
    result, stdout, err = run(
        capsys, "--lang", "en", "--db", db_location, "print", *argv, "--out", str(out)
    )
    assert (result, stdout) == (code, "") and expected in err
    assert len(err.strip().splitlines()) == 1 or code == 2
    assert "Traceback" not in err and not out.exists()


@pytest.mark.usefixtures("cli_operator")
def test_export_commands(
    capsys: pytest.CaptureFixture[str], db_location: str, met: MetGroup, tmp_path: Path
) -> None:
    base = ("--lang", "en", "--db", db_location, "export")
    out = tmp_path / "presenze.csv"
    code, stdout, err = run(
        capsys, *base, "attendance", "--group", met.group_uid, "--out", str(out)
    )
    assert (code, err) == (0, "") and stdout == f"35 attendance rows exported. File: {out}\n"
    assert out.read_bytes().decode("utf-8-sig").startswith("gruppo_uid;persona_uid")
    code, stdout, err = run(
        capsys, *base, "attendance", "--group", met.group_uid, "--format", "json"
    )
    assert code == 0 and len(json.loads(stdout)) == 35 and err == "35 attendance rows exported.\n"
    first, last = FIRST_DAY.isoformat(), (FIRST_DAY + timedelta(weeks=10)).isoformat()
    code, stdout, err = run(
        capsys, *base, "groups", "--from", first, "--to", last, "--format", "json"
    )
    assert code == 0 and err == "1 group exported.\n"
    assert json.loads(stdout)[0]["group_uid"] == met.group_uid
    code, stdout, err = run(capsys, *base, "groups", "--from", last, "--to", first)
    assert code == 2 and "--to must be the same day as --from" in err
    code, stdout, err = run(capsys, *base, "attendance", "--group", "nope")
    assert code == 1 and err.startswith("familydesk: Group: give the group's code")
    code, stdout, err = run(capsys, *base, "attendance")
    assert code == 2 and "--group" in err

"""The command line: one translated line per command, non-zero on bad input, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from familydesk import __version__
from familydesk.admin import backups
from familydesk.registry import count_families
from tests.helpers import open_signed
from tests.helpers import run_cli as run

ROOT = Path(__file__).resolve().parents[2]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--version")
    assert code == 0 and out.strip() == f"FamilyDesk {__version__}"


def test_demo_check_and_backup(
    demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path
) -> None:
    code, out, _err = run(
        capsys, "--lang", "en", "demo", "--families", "25", "--seed", "7", "--db", db_location
    )
    assert code == 0
    assert out.startswith("Demo data written to") and "25 families" in out
    assert "walk-in contacts" in out and "appointments," in out and "sign-ups," in out
    assert "2 card types," in out and "partners," in out and "benefit uses," in out
    assert "organisations," in out and "services," in out and "referrals followed up." in out
    assert len(out.strip().splitlines()) == 1

    code, out, _err = run(capsys, "check", "--db", db_location, "--lang", "it")
    assert code == 0 and "è integro" in out

    code, out, _err = run(capsys, "backup", "--to", str(tmp_path / "copies"), "--db", db_location)
    assert code == 0
    copies = [c.path for c in backups.copies(tmp_path / "copies")]
    assert len(copies) == 1 and str(copies[0]) in out
    assert (tmp_path / "copies" / "audit-seals.tsv").is_file()


def test_demo_families_only(
    demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str
) -> None:
    code, out, _err = run(
        capsys, "--lang", "it", "demo", "--families", "4", "--families-only", "--db", db_location
    )
    assert code == 0 and "4 famiglie" in out and "accessi" not in out


def test_demo_refuses_a_database_with_families(
    demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str
) -> None:
    run(capsys, "demo", "--families", "3", "--db", db_location)
    code, _out, err = run(capsys, "demo", "--families", "3", "--db", db_location, "--lang", "en")
    assert code == 1
    assert err.strip() == (
        "familydesk: This database already holds 3 families: demo data goes only into an empty "
        "database. Choose another file with --db."
    )
    database = open_signed(db_location)
    try:
        assert database.read(count_families) == 3
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["demo", "--families", "many"], "argomento --families: «many» non è un numero intero"),
        (["demo", "--families", "-4"], "atteso un numero da 0 a 1000000"),
        (["--lang", "it", "frobnicate"], "scelta non valida"),
        (["check", "--bogus"], "argomenti non riconosciuti: --bogus"),
    ],
)
def test_bad_command_lines_get_one_italian_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, _out, err = run(capsys, "--lang", "it", *argv)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_network_share_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--lang", "en", "check", "--db", r"\\nas\ufficio\fd.sqlite3")
    assert code == 1
    assert "network share" in err and "Traceback" not in err


def test_unexpected_errors_go_to_the_log_not_the_screen(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise KeyError("internal")

    monkeypatch.setattr("familydesk.admin.maintenance.check_database", explode)
    code, _out, err = run(capsys, "--lang", "en", "check", "--db", db_location)
    assert code == 70
    assert "unexpected error" in err and "Traceback" not in err
    log = (home / "logs" / "familydesk.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "KeyError" in log


def test_help_is_translated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--lang", "it", "--help")
    assert code == 0
    assert out.startswith("uso: familydesk")
    assert "riempie un database vuoto" in out
    assert "mostra la versione del programma ed esce" in out


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, FAMILYDESK_HOME=str(home), FAMILYDESK_LANG="en")
    env.pop("QT_QPA_PLATFORM", None)  # --smoke must manage without a screen on its own
    env.pop("DISPLAY", None)
    return env


def test_smoke_opens_the_window_and_prints_the_time(tmp_path: Path, db_location: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "familydesk", "--smoke", "--db", db_location],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=dict(
            _env(tmp_path / "home"), FAMILYDESK_OPERATOR="anna", FAMILYDESK_PASSWORD="prima-volta"
        ),
    )
    assert result.returncode == 0, result.stderr  # the first start made anna its administrator
    assert result.stdout.startswith("Smoke test passed: first page loaded in ")
    assert int(result.stdout.split()[-2]) > 0


def test_demo_mode_fills_the_demo_database_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = dict(_env(home), FAMILYDESK_OPERATOR="reception", FAMILYDESK_PASSWORD="demo")
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "familydesk", "--demo", "--smoke"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        assert "Smoke test passed" in result.stdout
    without = subprocess.run(
        [sys.executable, "-m", "familydesk", "--demo", "--smoke"],
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=120,
        cwd=ROOT,
    )
    assert without.returncode == 1 and "FAMILYDESK_OPERATOR" in without.stderr
    database = open_signed(str(home / "data" / "demo.sqlite3"))
    try:
        assert database.read(count_families) == 300
    finally:
        database.dispose()


def test_gui_without_a_screen_says_so(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "familydesk", "--db", str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        env=_env(tmp_path / "home"),
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "no screen is available" in result.stderr


def test_search_prints_people_as_json(
    demo_admin: None, capsys: pytest.CaptureFixture[str], db_location: str
) -> None:
    import json

    run(capsys, "demo", "--families", "30", "--seed", "3", "--db", db_location)
    database = open_signed(db_location)
    try:
        from sqlalchemy import select

        from familydesk.db.models.registry import Person

        surname, given = database.read(
            lambda s: s.execute(select(Person.last_name, Person.first_name).limit(1)).one()
        )
    finally:
        database.dispose()
    code, out, _err = run(
        capsys, "search", given.lower(), surname[:3], "--json", "--db", db_location
    )
    assert code == 0, _err
    people = json.loads(out)
    assert people and all(p["given_name"] == given for p in people)
    assert {"uid", "family_uid", "surname", "given_name", "tax_code", "birth_date"} <= set(
        people[0]
    )
    assert len(people[0]["birth_date"]) == 10 and people[0]["birth_date"][4] == "-"
    code, out, _err = run(capsys, "--lang", "en", "search", "zzzzqqq", "--db", db_location)
    assert code == 0 and out.strip() == "Nobody found."

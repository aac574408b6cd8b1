"""``familydesk import families`` and ``familydesk export families``: exit codes and lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from familydesk import cli
from familydesk.db.database import Database
from tests.helpers import signed_in
from tests.transfer import BIANCHI_ANNA, ROSSI_MARIO, family_count, write_csv

pytestmark = pytest.mark.usefixtures("cli_operator")

GOOD = f"1;Rossi;Mario;{ROSSI_MARIO}"
BAD = f"2;Bianchi;Anna;{BIANCHI_ANNA[:-1]}X"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv) if "--lang" in argv else ["--lang", "en", *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def csv_file(tmp_path: Path, *rows: str) -> Path:
    return write_csv(tmp_path / "famiglie.csv", ["famiglia;cognome;nome;codice_fiscale", *rows])


def test_everything_imported_exits_0(capsys, db_location: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys, "import", "families", str(csv_file(tmp_path, GOOD)), "--db", db_location
    )
    assert (code, err) == (0, "")
    assert (
        out == "Families imported: 1 (people: 1); already in the registry: 0; rows rejected: 0.\n"
    )
    code, out, _err = run(
        capsys, "import", "families", str(csv_file(tmp_path, GOOD)), "--db", db_location
    )
    assert code == 0 and "already in the registry: 1;" in out


def test_rejected_rows_exit_3_with_the_report(capsys, db_location: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run(
        capsys, "import", "families", str(csv_file(tmp_path, GOOD, BAD)), "--db", db_location
    )
    assert code == 3
    assert out.splitlines() == [
        "Families imported: 1 (people: 1); already in the registry: 0; rows rejected: 1.",
        f"Rejected rows and their reasons: {tmp_path / 'famiglie_errori.csv'}",
    ]
    assert (tmp_path / "famiglie_errori.csv").exists()


def test_dry_run_writes_nothing(capsys, db_location: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run(
        capsys,
        "import",
        "families",
        "--dry-run",
        str(csv_file(tmp_path, GOOD, BAD)),
        "--db",
        db_location,
    )
    assert code == 3 and out.startswith(
        "Check only, nothing written. Families to import: 1 (people: 1)"
    )
    database = signed_in(Database.open(db_location))
    try:
        assert family_count(database) == 0
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "familydesk: The file {path} does not exist.\n"),
        (
            "Cognome;Nome\nRossi;Mario\n",
            "familydesk: famiglie.csv has no column for: famiglia (the header row must name "
            "them).\n",
        ),
    ],
)
def test_unusable_file_exits_2(
    capsys,
    db_location: str,
    tmp_path: Path,
    content: str | None,  # type: ignore[no-untyped-def]
    expected: str,
) -> None:
    path = tmp_path / "famiglie.csv"
    if content is not None:
        path.write_text(content)
    code, out, err = run(capsys, "import", "families", str(path), "--db", db_location)
    assert (code, out) == (2, "")
    assert err == expected.format(path=path)


def test_summary_in_italian(capsys, db_location: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run(
        capsys,
        "import",
        "families",
        str(csv_file(tmp_path, GOOD, BAD)),
        "--db",
        db_location,
        "--lang",
        "it",
    )
    assert code == 3
    assert out.splitlines()[0] == (
        "Famiglie importate: 1 (persone: 1); già presenti in anagrafe: 0; righe scartate: 1."
    )


@pytest.mark.parametrize("name", ["modello.csv", "modello.xlsx"])
def test_template(capsys, db_location: str, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run(capsys, "import", "families", "--template", str(tmp_path / name))
    assert code == 0 and out == f"Template written: {tmp_path / name}\n"
    code, out, _err = run(capsys, "import", "families", str(tmp_path / name), "--db", db_location)
    assert code == 0 and out.startswith("Families imported: 1 (people: 3);")


def test_import_needs_a_file(capsys) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = run(capsys, "import", "families")
    assert code == 2 and "say which file to import, or use --template FILE" in err


def test_export_to_the_terminal_and_to_files(capsys, db_location: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run(capsys, "import", "families", str(csv_file(tmp_path, GOOD)), "--db", db_location)
    code, out, err = run(capsys, "export", "families", "--db", db_location)
    assert code == 0 and err == "1 person exported.\n"
    assert out.splitlines()[0].startswith("famiglia;nome_famiglia;cognome;nome;codice_fiscale")
    assert out.splitlines()[1].startswith(f"1;Rossi;Rossi;Mario;{ROSSI_MARIO};;04/03/1980;")
    code, out, err = run(capsys, "export", "families", "--format", "json", "--db", db_location)
    data = json.loads(out)
    assert code == 0 and err == "1 family exported.\n"
    assert data[0]["key"] == "1" and data[0]["members"][0]["birth_date"] == "1980-03-04"
    code, out, _err = run(
        capsys, "export", "families", "--out", str(tmp_path / "x.xlsx"), "--db", db_location
    )
    assert code == 0 and out == f"1 person exported. File: {tmp_path / 'x.xlsx'}\n"
    assert (tmp_path / "x.xlsx").read_bytes()[:2] == b"PK"


def test_xlsx_export_needs_a_file(capsys, db_location: str) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = run(capsys, "export", "families", "--format", "xlsx", "--db", db_location)
    assert code == 2 and "an XLSX export needs --out FILE" in err


def test_an_import_first_makes_a_copy_kept_a_week(capsys, db_location: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from familydesk.admin import backups

    run(
        capsys,
        "import",
        "families",
        "--dry-run",
        str(csv_file(tmp_path, GOOD)),
        "--db",
        db_location,
    )
    assert not [b for b in backups.copies() if b.label == backups.BEFORE_IMPORT]
    code, _out, _err = run(
        capsys, "import", "families", str(csv_file(tmp_path, GOOD)), "--db", db_location
    )
    [copy] = [b for b in backups.copies() if b.label == backups.BEFORE_IMPORT]
    assert code == 0 and copy.protected

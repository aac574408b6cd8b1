"""``familydesk print intake|privacy``: one translated line, a complete PDF, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.registry import FamilyDetail
from familydesk.registry.centre import CentreDetails
from tests.forms.conftest import CENTRE_NAME, pages_text
from tests.helpers import run_cli as run

pytestmark = pytest.mark.usefixtures("cli_operator")


@pytest.fixture
def recorded(family: FamilyDetail, letterhead: CentreDetails) -> FamilyDetail:
    return family


def test_intake_by_family_uid_in_the_interface_language(
    capsys: pytest.CaptureFixture[str], db_location: str, recorded: FamilyDetail, tmp_path: Path
) -> None:
    out_file = tmp_path / "scheda.pdf"
    code, out, err = run(
        capsys,
        "--lang",
        "it",
        "print",
        "intake",
        "--family",
        str(recorded.uid),
        "--out",
        str(out_file),
        "--db",
        db_location,
    )
    assert (code, err) == (0, "")
    assert out == f"Scheda di accoglienza scritta in {out_file}\n"
    [page] = pages_text(out_file.read_bytes())
    assert "Scheda di accoglienza del nucleo familiare" in page and CENTRE_NAME in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scheda.pdf", "home"] or sorted(
        p.name for p in tmp_path.iterdir() if p.suffix in {".pdf", ".part"}
    ) == ["scheda.pdf"]


def test_intake_by_a_members_tax_code_in_another_language(
    capsys: pytest.CaptureFixture[str], db_location: str, recorded: FamilyDetail, tmp_path: Path
) -> None:
    out_file = tmp_path / "intake.pdf"
    out_file.write_bytes(b"old")
    code, out, _err = run(
        capsys,
        "print",
        "intake",
        "--family",
        recorded.members[0].tax_code.lower(),
        "--form-lang",
        "en",
        "--out",
        str(out_file),
        "--db",
        db_location,
        "--lang",
        "it",
    )
    assert code == 0 and out.startswith("Scheda di accoglienza scritta in")
    assert "Family intake sheet" in pages_text(out_file.read_bytes())[0]


def test_privacy_by_person_uid_and_tax_code(
    capsys: pytest.CaptureFixture[str], db_location: str, recorded: FamilyDetail, tmp_path: Path
) -> None:
    zoe = recorded.members[2]
    for key in (str(zoe.uid), zoe.tax_code):
        out_file = tmp_path / "privacy.pdf"
        code, out, _err = run(
            capsys,
            "--lang",
            "en",
            "print",
            "privacy",
            "--person",
            key,
            "--out",
            str(out_file),
            "--db",
            db_location,
        )
        assert code == 0 and out == f"Privacy notice written to {out_file}\n"
        text = " ".join(" ".join(pages_text(out_file.read_bytes())).split())
        assert "Information notice on the processing of personal data" in text
        assert "as parent or guardian of D'Angelo Zoë" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["print", "intake", "--family", "XXXXXX00X00X000X"], "No family or person matches"),
        (
            ["print", "privacy", "--person", "00000000-0000-0000-0000-000000000000"],
            "No person matches",
        ),
    ],
)
def test_unknown_keys_get_one_line(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    recorded: FamilyDetail,
    tmp_path: Path,
    argv: list[str],
    expected: str,
) -> None:
    out_file = tmp_path / "x.pdf"
    code, out, err = run(capsys, "--lang", "en", *argv, "--out", str(out_file), "--db", db_location)
    assert code == 1 and out == ""
    assert err.startswith(f"familydesk: {expected}") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and not out_file.exists()


def test_unwritable_places_are_named(
    capsys: pytest.CaptureFixture[str], db_location: str, recorded: FamilyDetail, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "x.pdf"
    code, _out, err = run(
        capsys,
        "--lang",
        "it",
        "print",
        "intake",
        "--family",
        str(recorded.uid),
        "--out",
        str(missing),
        "--db",
        db_location,
    )
    assert code == 1 and f"La cartella {missing.parent} non esiste" in err
    code, _out, err = run(
        capsys,
        "--lang",
        "en",
        "print",
        "intake",
        "--family",
        str(recorded.uid),
        "--out",
        str(tmp_path),
        "--db",
        db_location,
    )
    assert code == 1 and "is a folder" in err and "Traceback" not in err


def test_print_needs_a_form_and_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--lang", "it", "print")
    assert code == 2 and "MODULO" in err and len(err.strip().splitlines()) == 1
    code, _out, err = run(capsys, "--lang", "en", "print", "intake", "--out", "x.pdf")
    assert code == 2 and "--family" in err


def test_help_is_translated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--lang", "it", "print", "privacy", "--help")
    assert code == 0 and "lingua del modulo" in out and "codice fiscale della persona" in out

"""The command line on an install as people have it: extras left out, output piped into head."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
from pathlib import Path

import pytest

from familydesk import cli
from familydesk.db import encryption, extras
from tests.helpers import run_cli as run

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = "postgresql://familydesk@127.0.0.1:1/familydesk"


def _without(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """``import module`` fails as on an install without it (its submodules too)."""
    for name in [name for name in sys.modules if name == module or name.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # ModuleNotFoundError(name=module)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "PostgreSQL databases need the psycopg module"),
        ("it", "I database PostgreSQL richiedono il modulo psycopg"),
    ],
)
def test_postgresql_without_psycopg_names_the_extra(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, language: str, words: str
) -> None:
    _without(monkeypatch, "psycopg")
    code, _out, err = run(capsys, "--lang", language, "check", "--db", POSTGRES)
    assert code == cli.EXIT_PROBLEM
    assert words in err and 'pip install "familydesk[postgres]"' in err
    assert "unexpected" not in err and "imprevisto" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_psycopg_that_cannot_load_says_why_and_names_the_extra(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def broken(name: str, *args: object, **kwargs: object) -> object:
        if name == "psycopg" or name.startswith("psycopg."):
            raise ImportError("no pq wrapper available")
        return real_import(name, *args, **kwargs)

    for name in [name for name in sys.modules if name.split(".")[0] == "psycopg"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(builtins, "__import__", broken)
    code, _out, err = run(capsys, "--lang", "en", "check", "--db", POSTGRES)
    assert code == cli.EXIT_PROBLEM
    assert "The psycopg module cannot be loaded here (no pq wrapper available)" in err
    assert 'pip install "familydesk[postgres]"' in err


def test_encrypt_without_sqlcipher3_names_the_extra(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cli_operator: str,
    db_location: str,
) -> None:
    if not db_location.endswith(".sqlite3"):
        pytest.skip("encryption at rest is for SQLite files")
    _without(monkeypatch, "sqlcipher3")
    encryption._probe.cache_clear()
    monkeypatch.setenv("FAMILYDESK_NEW_PASSPHRASE", "una frase lunga di prova")
    try:
        code, _out, err = run(capsys, "--lang", "en", "encrypt", "--db", db_location)
    finally:
        encryption._probe.cache_clear()
    assert code == cli.EXIT_PROBLEM
    assert "needs the sqlcipher3 module" in err and "familydesk[encryption]" in err
    assert "unexpected" not in err


def test_any_command_stopped_by_a_missing_extra_names_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db_location: str,
    home: Path,
) -> None:
    def needs_sqlcipher(*_args: object, **_kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'sqlcipher3'", name="sqlcipher3")

    monkeypatch.setattr("familydesk.admin.maintenance.check_database", needs_sqlcipher)
    code, _out, err = run(capsys, "--lang", "it", "check", "--db", db_location)
    assert code == cli.EXIT_PROBLEM
    assert "La cifratura dei dati richiede il modulo sqlcipher3" in err
    assert 'pip install "familydesk[encryption]"' in err
    assert "No module named 'sqlcipher3'" in (home / "logs" / "familydesk.log").read_text("utf-8")


def test_a_missing_module_that_is_not_an_extra_stays_a_bug() -> None:
    assert (
        extras.missing_extra(ModuleNotFoundError("No module named 'openpyxl'", name="openpyxl"))
        is None
    )
    assert extras.missing_extra(KeyError("psycopg")) is None
    wrapped = RuntimeError("while connecting")
    wrapped.__cause__ = ModuleNotFoundError("No module named 'psycopg'", name="psycopg")
    found = extras.missing_extra(wrapped)
    assert found is not None and found.extra == "postgres"


# -- a reader that goes away --------------------------------------------------------------
@pytest.fixture
def families(demo_admin: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    location = tmp_path / "demo.sqlite3"
    code, _out, err = run(
        capsys, "demo", "--families", "30", "--families-only", "--db", str(location)
    )
    assert code == 0, err
    return location


def _familydesk(location: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "familydesk", *argv, "--db", str(location)]


def test_a_closed_pipe_ends_the_command_quietly_with_sigpipes_status(
    families: Path, home: Path
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    try:
        result = subprocess.run(
            _familydesk(families, "search", "a", "--json", "--limit", "500"),
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == cli.EXIT_PIPE == 141
    assert "Unexpected error" not in (home / "logs" / "familydesk.log").read_text("utf-8")


def test_search_piped_into_head(families: Path) -> None:
    search = subprocess.Popen(
        _familydesk(families, "search", "a", "--json", "--limit", "500"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert search.stdout is not None and search.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=search.stdout, capture_output=True, timeout=120)
    search.stdout.close()  # head is the only reader left, as in a shell pipeline
    errors = search.stderr.read()
    search.stderr.close()
    status = search.wait(timeout=120)
    assert head.stdout.strip() == b"["
    assert errors == b""
    assert status in (0, cli.EXIT_PIPE)  # 0 when the output fitted in the pipe before head left

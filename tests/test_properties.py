"""Bad input never crashes: every parser and validator either answers or refuses with a
sentence (hypothesis generates the input)."""

from __future__ import annotations

import contextlib
import hashlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familydesk import i18n
from familydesk.italy import taxcode
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.kernel.text import fold, query_terms, search_document
from familydesk.registry import FamilyInput, MemberInput
from familydesk.registry.validation import clean_family, clean_member
from familydesk.transfer.values import read_amount, read_date
from familydesk.ui.widgets.fields import parse_money

TEXT = st.text(max_size=40)
QUICK = settings(max_examples=300, deadline=None)


@QUICK
@given(TEXT)
def test_dates(raw: str) -> None:
    try:
        assert isinstance(i18n.parse_date(raw), date)
    except ValueError as exc:
        assert "dd/mm/yyyy" in str(exc)


@QUICK
@given(st.one_of(TEXT, st.integers(), st.floats(allow_nan=False), st.none()))
def test_import_values(raw: object) -> None:
    for read in (read_date, read_amount):
        try:
            read(raw, "Colonna")
        except ValueError as exc:
            assert str(exc).startswith("Colonna")


@QUICK
@given(TEXT)
def test_money_field(raw: str) -> None:
    try:
        parse_money(raw)
    except ValueError as exc:
        assert "12.345,67" in str(exc)


@QUICK
@given(
    st.one_of(
        TEXT,
        st.from_regex(
            r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]",
            fullmatch=True,
        ),
    )
)
def test_tax_codes(raw: str) -> None:
    try:
        info = taxcode.parse(raw)
    except ValidationError as exc:
        assert exc.field == "tax_code" and exc.message.startswith("Tax code")
    else:
        assert len(info.code) in (11, 16)


@QUICK
@given(
    first=TEXT,
    last=TEXT,
    sex=TEXT,
    code=TEXT,
    email=TEXT,
    phone=TEXT,
    relation=st.sampled_from(["parent", "child", "foster", "other", "", "x"]),
    born=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))),
)
def test_members(first, last, sex, code, email, phone, relation, born) -> None:  # type: ignore[no-untyped-def]
    member = MemberInput(
        first_name=first,
        last_name=last,
        sex=sex,
        tax_code=code,
        email=email,
        phone=phone,
        relation=relation,
        birth_date=born,
        no_code_reason="x",
    )
    try:
        clean = clean_member(member, today=date(2026, 11, 22))
    except ValidationError as exc:
        assert exc.field and exc.message
    else:
        assert clean.last_name.strip() and clean.sex in ("F", "M")


@QUICK
@given(
    name=TEXT,
    email=TEXT,
    phone=TEXT,
    isee=st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=2)),
)
def test_families(name, email, phone, isee) -> None:  # type: ignore[no-untyped-def]
    try:
        clean_family(
            FamilyInput(
                name=name, email=email, phone=phone, isee_value=isee, isee_expiry=date(2027, 1, 1)
            )
        )
    except ValidationError as exc:
        assert exc.field in {"name", "email", "phone", "isee_value"}


@QUICK
@given(TEXT, TEXT)
def test_folding_and_search_words(a: str, b: str) -> None:
    assert fold(a) == fold(fold(a))
    document = search_document(a, b, None, (b,), (a,))
    assert all(word.isalnum() and word.isascii() for word in document.split())
    assert all(term.isalnum() and term.isascii() for term in query_terms(a + " " + b))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=30))
def test_search_box_accepts_anything(database, text: str) -> None:  # type: ignore[no-untyped-def]
    from familydesk.registry import search_people

    assert isinstance(database.read(search_people, text), list)


SUBCOMMANDS = st.sampled_from(
    [
        ["check"],
        ["search"],
        ["audit", "verify"],
        ["audit", "list"],
        ["export", "families"],
        ["import", "families"],
        ["print", "intake"],
        ["print", "privacy"],
        ["backup"],
        ["restore"],
    ]
)
ARGS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "--limit",
                "--format",
                "--family",
                "--person",
                "--to",
                "--out",
                "--json",
                "--dry-run",
                "-x",
                "--",
            ]
        ),
        st.text(min_size=0, max_size=12),
    ),
    max_size=4,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(SUBCOMMANDS, ARGS)
def test_command_line_never_shows_a_traceback(
    capsys, db_location: str, tmp_path: Path, command: list[str], extra: list[str]
) -> None:  # type: ignore[no-untyped-def]
    from familydesk import cli

    argv = ["--lang", "it", *command, *extra, "--db", db_location]
    try:
        with contextlib.chdir(tmp_path):  # random relative paths land in the test's folder
            code = cli.main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code in (0, 1, 2, 3), err


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    from familydesk.db.database import Database

    path = tmp_path / "lettera.sqlite3"
    path.write_bytes(b"Gentile famiglia, " * 500)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(FamilyDeskError) as error:
        Database.open(str(path))
    assert "cannot be opened" in error.value.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path(str(path) + "-wal").exists()

"""Reading files and cells: encodings, separators, headers, and values as people type them."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from familydesk import i18n
from familydesk.transfer import UnusableFileError, read_table
from familydesk.transfer.columns import column_for
from familydesk.transfer.values import read_amount, read_date, read_relation, read_yes_no
from tests.transfer import write_csv


def test_windows_1252_with_semicolons_and_blank_lines(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            "Famiglia;Cognome;Nome;Città",
            ";;;",
            "1;D'Angelo;Nicolò;Forlì",
            "",
            "1;Müller;Zoë;Cantù",
        ],
        encoding="cp1252",
        newline="\r\n",
    )
    table = read_table(path)
    assert table.kind == "csv" and table.delimiter == ";"
    assert [row.line for row in table.rows] == [3, 5]
    assert table.rows[0].cells == ("1", "D'Angelo", "Nicolò", "Forlì")
    assert table.rows[1].cells[1:3] == ("Müller", "Zoë")
    assert table.ignored == ["Città"]


def test_utf8_with_bom_and_commas(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        ["famiglia,cognome,nome", '7,"De Luca, detto Gigi",Nicolò'],
        encoding="utf-8-sig",
    )
    table = read_table(path)
    assert table.delimiter == "," and table.headers[0] == "famiglia"
    assert table.rows[0].cells == ("7", "De Luca, detto Gigi", "Nicolò")


def test_xlsx_keeps_typed_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Famiglia", "Cognome", "Nome", "Data di nascita", None, None])
    sheet.append([])
    sheet.append([12, "Rossi", "Mario", datetime(1980, 3, 4)])
    book.save(tmp_path / "f.xlsx")
    table = read_table(tmp_path / "f.xlsx")
    assert table.kind == "xlsx" and table.headers == [
        "Famiglia",
        "Cognome",
        "Nome",
        "Data di nascita",
    ]
    assert table.rows[0].line == 3
    assert table.rows[0].cells[:4] == (12, "Rossi", "Mario", datetime(1980, 3, 4))


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Codice Fiscale", "codice_fiscale"),
        ("CODICE-FISCALE", "codice_fiscale"),
        ("tax code", "codice_fiscale"),
        ("Data di nascita", "data_nascita"),
        ("date of birth", "data_nascita"),
        ("E-mail", "email"),
        ("Disabilità", "disabilita"),
        ("Comune di residenza", "comune_residenza"),
        ("Surname", "cognome"),
        ("first_name", "nome"),
        ("Household", "famiglia"),
        ("ISEE scadenza", "isee_scadenza"),
        ("isee expiry", "isee_scadenza"),
        ("Relationship", "ruolo"),
        ("foo", None),
    ],
)
def test_headers_are_matched_loosely(header: str, column: str | None) -> None:
    assert column_for(header) == column


def test_missing_required_headers_are_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", ["Cognome;Telefono", "Rossi;347 1234567"])
    with pytest.raises(UnusableFileError) as error:
        read_table(path)
    assert error.value.message == (
        "f.csv has no column for: famiglia, nome (the header row must name them)."
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.csv", b"\n\n", "is empty"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old Excel format"),
        ("broken.xlsx", b"not a zip", "cannot be read as an Excel workbook"),
        ("binary.csv", b"PK\x03\x04\x00\x00\x00", "is not a text (CSV) file"),
        ("twice.csv", b"famiglia;cognome;nome;surname\n", "both mean “cognome”"),
    ],
)
def test_unusable_files_say_why(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UnusableFileError, match=re.escape(expected)):
        read_table(tmp_path / name)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnusableFileError, match="does not exist"):
        read_table(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/03/2019", date(2019, 3, 5)),
        ("5/3/2019", date(2019, 3, 5)),
        ("05-03-2019", date(2019, 3, 5)),
        ("05.03.2019", date(2019, 3, 5)),
        ("2019-03-05", date(2019, 3, 5)),
        ("2019-03-05 00:00:00", date(2019, 3, 5)),
        (datetime(2019, 3, 5), date(2019, 3, 5)),
        ("", None),
        (None, None),
    ],
)
def test_dates(value: object, expected: date | None) -> None:
    assert read_date(value, "data") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2019", "data: 31/02/2019 is an impossible date."),
        ("2019-13-01", "data: 2019-13-01 is an impossible date."),
        ("ieri", "data: “ieri” is not a date: write it as dd/mm/yyyy, for example 05/03/2024."),
        ("5/3/19", "is not a date"),
    ],
)
def test_bad_dates(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_date(value, "data")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12.345,67", "12345.67"),
        ("12345.67", "12345.67"),
        ("12345,67", "12345.67"),
        ("€ 12.345", "12345.00"),
        ("1.234.567,8", "1234567.80"),
        ("1,234.50", "1234.50"),
        ("12.34", "12.34"),
        (12345.67, "12345.67"),
        (9000, "9000.00"),
        ("0", "0.00"),
    ],
)
def test_amounts(value: object, expected: str) -> None:
    assert read_amount(value, "isee") == Decimal(expected)


@pytest.mark.parametrize("value", ["dodicimila", "12,345,67", "1e5x", "NaN"])
def test_bad_amounts(value: str) -> None:
    with pytest.raises(ValueError, match="is not an amount"):
        read_amount(value, "isee")


def test_words() -> None:
    assert [read_yes_no(v, "d") for v in ("sì", "SI", "x", "yes", "", "no", "0")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert [read_relation(v, "r") for v in ("Genitore", "figlia", "Affidato", "altro", "")] == [
        "parent",
        "child",
        "foster",
        "other",
        None,
    ]
    with pytest.raises(ValueError, match="not a relationship"):
        read_relation("zio", "r")


def test_cell_errors_speak_italian() -> None:
    i18n.set_language("it")
    with pytest.raises(ValueError, match="non è una data"):
        read_date("ieri", "data_nascita")

"""The activity report as a workbook: a cover with real dates, one sheet per section
with native charts over the table's own cells, Italian number formats, and no
suppressed value anywhere in the file."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from familydesk import i18n
from familydesk.db.database import Database
from familydesk.reports.outputs.xlsx import sheet_title, write_sections, write_xlsx
from tests.reports_paper import factory


@pytest.fixture(autouse=True)
def italian() -> None:
    i18n.set_language("it")


def row_of(sheet: Worksheet, label: str) -> list[object]:
    for row in sheet.iter_rows():
        if row[0].value == label:
            return list(row)
    raise KeyError(label)


def test_the_workbook_has_a_cover_and_a_sheet_per_section(
    database: Database, tmp_path: Path
) -> None:
    out = database.write(write_xlsx, factory.report(), tmp_path / "relazione.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == [
        "Copertina",
        "A. Sportello informativo",
        "B. Sostegno alla genitorialità",
        "Chi abbiamo raggiunto",
    ]
    cover = book["Copertina"]
    assert cover["A1"].value == "Relazione di attività"
    start = row_of(cover, "Periodo dal")[1]
    assert start.value == datetime(2026, 1, 1) and start.number_format == "dd/mm/yyyy"
    assert row_of(cover, "A confronto con, al")[1].value == datetime(2025, 11, 30)
    assert row_of(cover, "Comuni di residenza")[1].value == "Moglia"
    desk = book["A. Sportello informativo"]
    assert desk.freeze_panes == "B2"
    assert desk.column_dimensions["A"].width >= len("Informazioni sui servizi per l'infanzia")


def test_each_chart_covers_its_table_and_formats_are_italian(
    database: Database, tmp_path: Path
) -> None:
    out = database.write(write_xlsx, factory.report(), tmp_path / "relazione.xlsx")
    book = load_workbook(out)
    desk = book["A. Sportello informativo"]
    charts = desk._charts
    assert [type(c).__name__ for c in charts] == ["BarChart", "LineChart", "BarChart"]
    first = row_of(desk, "Informazioni sui servizi per l'infanzia e la famiglia")
    last = row_of(desk, "Scuola")
    refs = [s.val.numRef.f for s in charts[0].series]
    assert refs == [
        f"'A. Sportello informativo'!$B${first[0].row}:$B${last[0].row}",
        f"'A. Sportello informativo'!$C${first[0].row}:$C${last[0].row}",
    ]
    assert first[1].value == 1234 and first[1].number_format == "#,##0"
    november = row_of(desk, "novembre 2026")
    assert charts[1].series[0].val.numRef.f.endswith(f"$B${november[0].row}")
    for name in ("B. Sostegno alla genitorialità", "Chi abbiamo raggiunto"):
        assert book[name]._charts, name
    support = book["B. Sostegno alla genitorialità"]
    rate = row_of(support, "Presenza agli incontri")[1]
    assert rate.value == 0.425 and rate.number_format == "0.0%"
    assert row_of(support, "Corsi")[1].number_format == "#,##0.0"
    assert row_of(support, "Percorsi completati")[1].value == "–"


def test_no_suppressed_value_is_anywhere_in_the_workbook(
    database: Database, tmp_path: Path
) -> None:
    out = database.write(write_xlsx, factory.report(), tmp_path / "relazione.xlsx")
    book = load_workbook(out)
    numbers = {
        cell.value
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, (int, float))
    }
    assert factory.HIDDEN_LARGE not in numbers and 1374 not in numbers  # 2026 and 2025
    desk = book["A. Sportello informativo"]
    for label in ("Consulenza legale", "Casa e abitare", "agosto 2026", "settembre 2026"):
        assert [c.value for c in row_of(desk, label)[1:3]] == ["<5", "<5"], label
    inside = database.write(write_xlsx, factory.report(), tmp_path / "interna.xlsx", False)
    hidden = row_of(load_workbook(inside)["A. Sportello informativo"], "Casa e abitare")
    assert hidden[1].value == factory.HIDDEN_LARGE


def test_sheet_names_are_valid_and_distinct() -> None:
    taken: set[str] = set()
    assert sheet_title("A/B: servizi [2026]?", taken) == "A B  servizi  2026"
    long = "Sostegno alla genitorialità e alle famiglie del territorio"
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) == 31 and len(second) <= 31 and first != second
    assert second.endswith("(2)")


def test_sections_and_twenty_tables_are_written_quickly(database: Database, tmp_path: Path) -> None:
    started = time.perf_counter()
    database.write(write_xlsx, factory.many_tables(20), tmp_path / "lunga.xlsx")
    assert time.perf_counter() - started < 3
    report = factory.report()
    out = database.write(
        write_sections, "Monitoraggio", "Piano", report.sections[2:], tmp_path / "piano.xlsx"
    )
    book = load_workbook(out)
    assert book.sheetnames == ["Copertina", "Chi abbiamo raggiunto"]
    assert book["Copertina"]["A1"].value == "Monitoraggio"

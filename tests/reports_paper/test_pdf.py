"""The activity report on paper: Italian words and formats, last year beside, "<5" for a
suppressed cell whose value is printed nowhere nor drawn, page 1 renders, quick."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from familydesk import i18n
from familydesk.db.database import Database
from familydesk.db.models.registry import AuditEntry
from familydesk.reports.outputs.pdf import write_pdf, write_sections
from familydesk.reports.outputs.pdf_charts import chart
from familydesk.reports.outputs.pdf_words import Paper, paper_for
from tests.cards.print_helpers import embedded
from tests.reports_paper import factory

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")


@pytest.fixture(autouse=True)
def italian() -> None:
    i18n.set_language("it")


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def line_of(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith(label))


def test_the_report_reads_in_italian_and_hides_small_counts(
    database: Database, tmp_path: Path
) -> None:
    out = database.write(write_pdf, factory.report(), tmp_path / "relazione.pdf")
    text = text_of(out)
    for words in (
        "Relazione di attività",
        "dal 01/01/2026 al 30/11/2026",
        "dal 01/01/2025 al 30/11/2025",
        "Moglia",
        "A. Sportello informativo",
        "Definizioni",
        "Stesso periodo",
        "Contatti per mese",
        "42,5%",
        "12,5 h",
        "Pagina 1 di",
        "stampata il 09/12/2026",
    ):
        assert words in text, words
    assert "1.234" in line_of(text, "Informazioni sui servizi")
    assert line_of(text, "Consulenza legale").split()[-2:] == ["<5", "<5"]
    assert line_of(text, "agosto 2026").split()[-2:] == ["<5", "<5"]
    for hidden in ("1.717", "1717", "1.374"):
        assert hidden not in text
    assert embedded(out)
    notes = database.read(lambda s: list(s.scalars(select(AuditEntry.note))))
    assert "activity pdf" in notes


def test_inside_the_centre_every_figure_prints(database: Database, tmp_path: Path) -> None:
    out = database.write(write_pdf, factory.report(), tmp_path / "interna.pdf", False)
    text = text_of(out)
    assert "1.717" in text and "<5" not in text.split("grafico")[0].split("esatto")[1]


def test_a_chart_never_draws_a_suppressed_value(database: Database) -> None:
    report = factory.report()
    paper = database.read(paper_for, True, "it")
    needs = report.table("desk.by_need")
    drawing = chart(needs, report.previous.table("desk.by_need"), paper, 400)
    assert drawing is not None
    plotted = [v for series in drawing.contents[0].data for v in series]
    assert factory.HIDDEN_LARGE not in plotted and factory.HIDDEN_SMALL not in plotted
    assert None in plotted and 1234 in plotted
    inside = Paper(paper.lang, False, 5)
    values = chart(needs, None, inside, 400).contents[0].data[0]
    assert factory.HIDDEN_LARGE in values


def test_page_one_renders(database: Database, tmp_path: Path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm missing")
    out = database.write(write_pdf, factory.report(), tmp_path / "relazione.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
        check=True,
    )
    page = next(tmp_path.glob("p*.png"))
    assert page.stat().st_size > 10_000


def test_twenty_tables_print_quickly(database: Database, tmp_path: Path) -> None:
    report = factory.many_tables(20)
    started = time.perf_counter()
    database.write(write_pdf, report, tmp_path / "lunga.pdf")
    assert time.perf_counter() - started < 3


def test_any_sections_print_under_their_own_title(database: Database, tmp_path: Path) -> None:
    report = factory.report()
    out = database.write(
        write_sections,
        "Monitoraggio del Piano",
        "Piano di Zona",
        report.sections[1:2],
        tmp_path / "piano.pdf",
        report.previous.sections,
    )
    text = text_of(out)
    assert "Monitoraggio del Piano" in text and "Piano di Zona" in text
    assert "B. Sostegno alla genitorialità" in text and "A. Sportello" not in text

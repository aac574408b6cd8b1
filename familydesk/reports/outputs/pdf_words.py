"""The words and figures the paper outputs share (PDF and workbook): how a cell reads,
which cell of last year stands beside it, the period and the scope in words.

No ReportLab, no openpyxl: plain data in, text out. A cell marked ``suppressed`` by the
disclosure control reads "<N" (N = the threshold) in a file for outside use, and its
value is never returned by :func:`shown_value` then — the charts draw what it returns.

Percent tables hold fractions (0.42 = 42%); hours tables hold hours (12.5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel import numbers as babel_numbers
from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import i18n
from familydesk.db.models.registry import MemberComune, Site
from familydesk.forms.base import FormLanguage
from familydesk.i18n import N_
from familydesk.italy.comuni import by_code
from familydesk.reports import settings
from familydesk.reports.model import Cell, Period, Scope, Section, Table

TITLE = N_("Activity report")
LAST_YEAR = N_("Same period last year")
TOTAL = N_("Total")
TOTAL_LAST_YEAR = N_("Total, same period last year")
EMPTY = "–"
NOTHING = N_("Nothing to report for this section.")
DEFINITIONS = N_("Definitions")


@dataclass(frozen=True)
class Paper:
    """What a writer needs besides the report: the language, outside use, the threshold."""

    lang: FormLanguage
    outside: bool
    threshold: int

    def hidden(self, cell: Cell | None) -> bool:
        return cell is not None and self.outside and cell.suppressed

    def shown_value(self, cell: Cell | None) -> int | float | None:
        """The cell's value as it may be drawn or written as a number, else None."""
        if cell is None or cell.value is None or self.hidden(cell):
            return None
        return cell.value

    def suppressed_text(self) -> str:
        return f"<{self.threshold}"

    def text(self, cell: Cell | None, unit: str) -> str:
        """ "1.234", "42,5%", "12,5 h", "<5", or "–" for nothing to count."""
        if cell is None:
            return ""
        if self.hidden(cell):
            return self.suppressed_text()
        if cell.value is None:
            return EMPTY
        return number_text(self.lang, cell.value, unit)


def paper_for(session: Session, outside: bool, language: str | None) -> Paper:
    """The paper of a file: the language (default: the interface's), the threshold."""
    lang = FormLanguage.of(language or i18n.current_language())
    return Paper(lang, outside, settings.threshold(session))


def number_text(lang: FormLanguage, value: float, unit: str) -> str:
    if unit == "percent":
        return babel_numbers.format_percent(value, "#,##0.0%", locale=lang.code)
    if unit == "hours":
        hours = babel_numbers.format_decimal(value, "#,##0.#", locale=lang.code)
        return lang(N_("{n} h")).format(n=hours)
    if isinstance(value, float) and not value.is_integer():
        return babel_numbers.format_decimal(value, "#,##0.#", locale=lang.code)
    return lang.number(int(value))


def previous_table(previous: Sequence[Section] | None, table: Table) -> Table | None:
    """The same table (by key) of the report for the same period last year."""
    for section in previous or ():
        for candidate in section.tables:
            if candidate.key == table.key:
                return candidate
    return None


def beside_last_year(table: Table, before: Table | None) -> bool:
    """A one-column table gets last year's column beside it (more columns: its total)."""
    return before is not None and len(table.columns) == 1


def previous_cells(table: Table, before: Table | None) -> list[Cell | None]:
    """Last year's cell of each row, in the first column: by row key, by position for a
    trend by month (its months are a year earlier)."""
    if before is None:
        return [None] * len(table.rows)
    if table.chart == "line":
        return [
            before.rows[i].cells[0] if i < len(before.rows) and before.rows[i].cells else None
            for i in range(len(table.rows))
        ]
    by_key = {row.key: row.cells[0] for row in before.rows if row.cells}
    return [by_key.get(row.key) for row in table.rows]


def period_text(lang: FormLanguage, period: Period) -> str:
    return lang(N_("from {start} to {end}")).format(
        start=lang.date(period.start), end=lang.date(period.end)
    )


def scope_lines(session: Session, lang: FormLanguage, scope: Scope) -> list[tuple[str, str]]:
    """(label, words) for the comuni and the centres of the scope ("all" when none chosen)."""
    every = lang(N_("all"))
    comuni = every
    if scope.comuni:
        names = dict(
            session.execute(
                select(MemberComune.cadastral_code, MemberComune.name).where(
                    MemberComune.cadastral_code.in_(scope.comuni)
                )
            ).all()
        )
        comuni = ", ".join(names.get(code) or _comune_name(code) for code in scope.comuni)
    centres = every
    if scope.sites:
        names = dict(
            session.execute(select(Site.code, Site.name).where(Site.code.in_(scope.sites))).all()
        )
        centres = ", ".join(names.get(code, code) for code in scope.sites)
    lines = [
        (lang(N_("Comuni of residence")), comuni),
        (lang(N_("Centres")), centres),
    ]
    if scope.operator:
        lines.append((lang(N_("Desk of")), scope.operator))
    return lines


def _comune_name(code: str) -> str:
    info = by_code(code)
    return info.name if info else code


def threshold_note(paper: Paper) -> str:
    if not paper.outside:
        return paper.lang(N_("For use inside the centre: every figure is exact."))
    return paper.lang(
        N_(
            "For use outside the centre: counts below {n}, and the figures that would "
            "reveal them, are shown as “<{n}”."
        )
    ).format(n=paper.threshold)

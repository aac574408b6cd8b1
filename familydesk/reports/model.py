"""The shape every report shares: a period, a scope, sections of tables of cells.

A cell holds a number and the ``Drill`` that lists the records behind it: the same
rule counted the figure and lists its records, so a figure can always be traced. A
table knows whether its rows add up to a total (``additive``), which the disclosure
control needs (``familydesk.reports.disclosure``), and which chart shows it best.

Everything here is plain data: the screen, the PDF, the workbook, CSV and JSON all
read the same ``ActivityReport``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError

#: The kinds of record a figure can list (``Drill.kind``).
RECORD_KINDS = (
    "contact",  # a walk-in contact (with its requests)
    "family",
    "person",
    "appointment",
    "enrolment",  # a person's sign-up to a group
    "session",  # a group's session
    "card",
    "redemption",  # a use (or refusal) of a benefit
    "partner",
)


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise FamilyDeskError(_("The period ends before it starts."))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), cls.month(year, first + 2).end)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    def previous_year(self) -> Period:
        """The same days one year before (29 February becomes the 28th)."""
        return Period(_year_before(self.start), _year_before(self.end))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[tuple[int, int]]:
        """The (year, month) pairs the period touches, in order: the trend's axis."""
        out: list[tuple[int, int]] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def after_end(self) -> date:
        """The first day after the period (for ``< after_end`` over timestamps)."""
        return self.end + timedelta(days=1)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Scope:
    """What a report counts: a period, and optionally some comuni, centres, one desk.

    ``comuni``: cadastral codes of the comuni of residence (empty: all; a family's
    ``comune_code``, an anonymous visitor's comune by name through the member comuni).
    ``sites``: codes of the centres whose records count (empty: all).
    ``operator``: only what this operator recorded (a reception operator's own desk).
    """

    period: Period
    comuni: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    operator: str = ""

    def previous_year(self) -> Scope:
        return replace(self, period=self.period.previous_year())


@dataclass(frozen=True)
class Drill:
    """Which records are behind a figure: a kind of record, the figure, the cell.

    ``figure`` is the table's key ("desk.by_need"), ``row`` and ``column`` the cell's
    keys ("" for a table's total). ``familydesk.reports.drill.records`` lists them.
    """

    kind: str
    figure: str
    row: str = ""
    column: str = ""


@dataclass
class Cell:
    """One figure. ``value`` is None where there is nothing to count (a rate of nothing).

    ``suppressed`` is set by the disclosure control: the value must not be shown
    outside the centre (outputs print "*" or "<5"; the JSON writes null).
    """

    value: int | float | None
    drill: Drill | None = None
    suppressed: bool = False


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]


@dataclass
class Table:
    """A table of a section: rows by columns, each cell a figure.

    ``additive``: the rows of each column add up to its ``total`` (counts by a
    breakdown where each record is in exactly one row); False for rates, averages and
    breakdowns where a record can be in several rows (a contact with two needs).
    ``total`` holds one cell per column (empty when there is none). ``chart``: "bar",
    "line" (a trend by month: the rows are months) or "" for none. ``unit``: "count",
    "percent" or "hours".
    """

    key: str
    title: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[Row]
    total: list[Cell] = field(default_factory=list)
    additive: bool = True
    chart: str = "bar"
    unit: str = "count"
    note: str = ""

    def cell(self, row: str, column: str = "") -> Cell:
        """The cell at ``row`` (key; "" for the total) and ``column`` (key; "" the first)."""
        index = 0 if not column else [key for key, _ in self.columns].index(column)
        if not row:
            return self.total[index]
        for candidate in self.rows:
            if candidate.key == row:
                return candidate.cells[index]
        raise KeyError(row)


@dataclass
class Section:
    """A section of the report: "desk" (A), "support" (B), "resources" (C), "who"."""

    key: str
    title: str
    tables: list[Table]
    #: Definitions printed with the section (what a "contact" or a "person reached" is).
    notes: list[str] = field(default_factory=list)

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


@dataclass
class ActivityReport:
    """The activity report of a scope, with the same period of the year before."""

    scope: Scope
    sections: list[Section]
    previous: ActivityReport | None = None
    #: The organisation's name for the title page (the centre's letterhead).
    centre: str = ""

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def table(self, key: str) -> Table:
        """A table by its full key ("desk.by_need")."""
        return self.section(key.split(".", 1)[0]).table(key)

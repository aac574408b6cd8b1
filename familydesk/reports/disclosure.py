"""Small counts never leave the centre: which cells of a report a file for outside use hides.

``protect(report, threshold)`` returns a deep copy with cells marked ``suppressed`` (the
original is untouched; protecting twice changes nothing more):

1. **Primary**: every count cell with ``0 < value < threshold``. Zero is shown.
2. **Complementary**: no hidden cell may be worked back from the published ones. The
   equations a reader can write (see :func:`equations`) are, for each table counted
   (``unit == "count"``) and ``additive``:
   - each column's rows against the table's ``total`` (``total = sum of the rows``);
   - when the table has a column keyed ``"total"``, each row's (and the total row's) other
     count columns against it;
   and across tables:
   - the same figure published twice: total cells (and ``desk.summary``'s cells) counting
     the same kind of record (their drills') with the same value are taken as one figure;
   - declared links that hold in the numbers (:data:`SUMS`, and ``links``, such as
     ``desk.by_macro_area`` = its needs of ``desk.by_need``: :func:`area_links`).
   Every ``total`` is taken as published. An equation with exactly one hidden cell gets a
   second one hidden (its smallest published non-zero part; the whole when there is none),
   until none is left (a fixpoint). Then an elimination over all equations at once checks
   that no hidden cell is fixed by combining them (a cell between two suppression
   patterns); one that is gets a neighbour hidden, and the fixpoint runs again.
3. **Rates and hours** (``unit != "count"`` or a column keyed ``*_rate``/``*hours``): hidden
   when a count cell of the same row is hidden (their denominators come from those counts).

The previous year's report (``report.previous``) is protected the same way.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy.orm import Session

from familydesk.frontdesk.needs import list_needs
from familydesk.reports import settings
from familydesk.reports.model import ActivityReport, Cell, Table

#: A cell's place: (table key, row key, column key); row "" is the table's total.
Ref = tuple[str, str, str]

#: The summary table: its cells are figures published on their own (see ``_same_figures``).
SUMMARY = "desk.summary"
#: Sums between cells that hold by definition (kept when the numbers agree): whole, parts.
#: Column "" is the table's first column.
SUMS: tuple[tuple[Ref, tuple[Ref, ...]], ...] = (
    (
        (SUMMARY, "families", ""),
        ((SUMMARY, "new_families", ""), (SUMMARY, "returning_families", "")),
    ),
)
NEED_TABLE, AREA_TABLE = "desk.by_need", "desk.by_macro_area"


@dataclass(frozen=True)
class Equation:
    """``whole = sum(parts)``, as a reader of the published tables can write it."""

    whole: Ref
    parts: tuple[Ref, ...]

    @property
    def refs(self) -> tuple[Ref, ...]:
        return (self.whole, *self.parts)


def is_count(table: Table, column: str) -> bool:
    """Whether ``column`` of ``table`` holds counts (not a rate, a percent or hours)."""
    return table.unit == "count" and not column.endswith(("_rate", "hours", "_percent"))


def tables(report: ActivityReport) -> Iterator[Table]:
    for section in report.sections:
        yield from section.tables


def cells(report: ActivityReport) -> dict[Ref, Cell]:
    """Every cell of the report (not of its previous year) by its place."""
    found: dict[Ref, Cell] = {}
    for table in tables(report):
        keys = [key for key, _label in table.columns]
        for row in table.rows:
            for key, cell in zip(keys, row.cells, strict=False):
                found[(table.key, row.key, key)] = cell
        for key, cell in zip(keys, table.total, strict=False):
            found[(table.key, "", key)] = cell
    return found


def area_links(report: ActivityReport, areas: dict[str, str]) -> list[Equation]:
    """``desk.by_macro_area``'s rows as sums of ``desk.by_need``'s (``areas``: need key ->
    macro-area letter), column by column; kept by ``protect`` only where the numbers agree."""
    try:
        needs, by_area = report.table(NEED_TABLE), report.table(AREA_TABLE)
    except KeyError:
        return []
    found = []
    for column, _label in by_area.columns:
        for row in by_area.rows:
            parts = tuple(
                (NEED_TABLE, need.key, column)
                for need in needs.rows
                if areas.get(need.key) == row.key
            )
            found.append(Equation((AREA_TABLE, row.key, column), parts))
    return found


def equations(report: ActivityReport, links: Iterable[Equation] = ()) -> list[Equation]:
    """The sums a reader of ``report``'s tables can write (see the module's docstring)."""
    found: list[Equation] = []
    for table in tables(report):
        if not table.additive or table.unit != "count":
            continue
        keys = [key for key, _label in table.columns if is_count(table, key)]
        if table.total:
            for key in keys:
                parts = tuple((table.key, row.key, key) for row in table.rows)
                found.append(Equation((table.key, "", key), parts))
        others = [key for key in keys if key != "total"]
        if "total" in keys and others:
            for row_key in [row.key for row in table.rows] + ([""] if table.total else []):
                parts = tuple((table.key, row_key, key) for key in others)
                found.append(Equation((table.key, row_key, "total"), parts))
    known = cells(report)
    declared = [Equation(whole, parts) for whole, parts in SUMS] + list(links)
    declared = [_resolved(report, eq) for eq in declared]
    found += [eq for eq in declared if _holds(eq, known)]
    return found + _same_figures(report, known)


def _resolved(report: ActivityReport, equation: Equation) -> Equation:
    """``equation`` with each column "" named (the first column of its table)."""

    def resolve(ref: Ref) -> Ref:
        if ref[2]:
            return ref
        try:
            columns = report.table(ref[0]).columns
        except KeyError:
            return ref
        return (ref[0], ref[1], columns[0][0]) if columns else ref

    return Equation(resolve(equation.whole), tuple(resolve(ref) for ref in equation.parts))


def _value(cell: Cell) -> float:
    return 0 if cell.value is None else cell.value


def _holds(equation: Equation, known: dict[Ref, Cell]) -> bool:
    if not equation.parts or not all(ref in known for ref in equation.refs):
        return False
    total = sum(_value(known[ref]) for ref in equation.parts)
    return abs(_value(known[equation.whole]) - total) < 1e-9


def _same_figures(report: ActivityReport, known: dict[Ref, Cell]) -> list[Equation]:
    """Totals (and summary figures) of the same kind of record and value: one figure."""
    groups: dict[tuple[str, float], list[Ref]] = {}
    for table in tables(report):
        for key, _label in table.columns:
            if not is_count(table, key):
                continue
            rows = [row.key for row in table.rows] if table.key == SUMMARY else []
            for row_key in rows + ([""] if table.total else []):
                cell = known.get((table.key, row_key, key))
                if cell is not None and cell.drill is not None and _value(cell):
                    groups.setdefault((cell.drill.kind, _value(cell)), []).append(
                        (table.key, row_key, key)
                    )
    return [Equation(refs[0], (other,)) for refs in groups.values() for other in refs[1:]]


def protect(
    report: ActivityReport,
    threshold: int,
    *,
    areas: dict[str, str] | None = None,
    links: Iterable[Equation] = (),
) -> ActivityReport:
    """A copy of ``report`` (and of its previous year) with the cells to hide suppressed.

    ``areas`` (need key -> macro-area letter) adds ``desk.by_macro_area`` = its needs;
    ``links`` any other sums (both kept only where the numbers agree).
    """
    links = list(links)
    protected = copy.deepcopy(report)
    for one in (protected, protected.previous):
        if one is not None:
            extra = links + (area_links(one, areas) if areas else [])
            _protect_one(one, threshold, extra)
    return protected


def for_outside(session: Session, report: ActivityReport) -> ActivityReport:
    """``report`` protected for a file leaving the centre: the centre's threshold
    (Settings) and the needs' macro-areas."""

    areas = {need.key: need.macro_area for need in list_needs(session, active_only=False)}
    return protect(report, settings.threshold(session), areas=areas)


def _protect_one(report: ActivityReport, threshold: int, links: list[Equation]) -> None:
    known = cells(report)
    by_key = {table.key: table for table in tables(report)}
    counted = {ref for ref in known if is_count(by_key[ref[0]], ref[2])}
    hidden = {ref for ref, cell in known.items() if cell.suppressed}
    hidden |= {ref for ref in counted if 0 < _value(known[ref]) < threshold}
    system = equations(report, links)
    for _round in range(len(known) + 1):
        _complete(system, known, hidden)
        exposed = determined(system, known, hidden)
        widened = next((ref for ref in exposed if _widen(ref, system, known, hidden)), None)
        if widened is None:
            break
    _hide_rates(known, hidden, counted)
    for ref in hidden:
        known[ref].suppressed = True


def _smallest(refs: Iterable[Ref], known: dict[Ref, Cell], hidden: set[Ref]) -> Ref | None:
    candidates = [ref for ref in refs if ref not in hidden and _value(known[ref])]
    return min(candidates, key=lambda ref: _value(known[ref]), default=None)


def _complete(system: list[Equation], known: dict[Ref, Cell], hidden: set[Ref]) -> None:
    """Hide a second cell of every equation with one hidden cell, to a fixpoint."""
    changed = True
    while changed:
        changed = False
        for equation in system:
            if sum(ref in hidden for ref in equation.refs) != 1:
                continue
            choice = _smallest(equation.parts, known, hidden)
            if choice is None and equation.whole not in hidden:
                choice = equation.whole
            if choice is not None:
                hidden.add(choice)
                changed = True


def _widen(ref: Ref, system: list[Equation], known: dict[Ref, Cell], hidden: set[Ref]) -> bool:
    """Hide one more cell next to ``ref`` (a hidden cell the equations fix); whether one was."""
    near = [eq for eq in system if ref in eq.refs]
    choice = _smallest((other for eq in near for other in eq.refs), known, hidden)
    if choice is None:  # every neighbour hidden or zero: look one equation further
        reach = {other for eq in near for other in eq.refs if other in hidden}
        further = [eq for eq in system if reach & set(eq.refs)]
        choice = _smallest((other for eq in further for other in eq.refs), known, hidden)
    if choice is not None:
        hidden.add(choice)
    return choice is not None


def determined(system: list[Equation], known: dict[Ref, Cell], hidden: set[Ref]) -> list[Ref]:
    """The hidden cells that the equations fix, combined in any way (Gaussian elimination
    over the hidden cells; a cell is fixed when its reduced row holds it alone)."""
    unknowns = sorted(hidden)
    column = {ref: index for index, ref in enumerate(unknowns)}
    rows: list[dict[int, Fraction]] = []
    for equation in system:
        row: dict[int, Fraction] = {}
        for ref, sign in [(equation.whole, 1), *((part, -1) for part in equation.parts)]:
            if ref in column:
                row[column[ref]] = row.get(column[ref], Fraction(0)) + sign
        row = {index: value for index, value in row.items() if value}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, Fraction]] = {}  # pivot column -> its reduced row
    for row in rows:
        for pivot, reduced in pivots.items():
            if pivot in row:
                factor = row[pivot]
                for index, value in reduced.items():
                    row[index] = row.get(index, Fraction(0)) - factor * value
                row = {index: value for index, value in row.items() if value}
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {index: value / scale for index, value in row.items()}
        for other in pivots.values():  # keep the earlier rows reduced (full elimination)
            if pivot in other:
                factor = other[pivot]
                for index, value in row.items():
                    other[index] = other.get(index, Fraction(0)) - factor * value
                for index in [index for index, value in other.items() if not value]:
                    del other[index]
        pivots[pivot] = row
    return [unknowns[pivot] for pivot, row in sorted(pivots.items()) if len(row) == 1]


def _hide_rates(known: dict[Ref, Cell], hidden: set[Ref], counted: set[Ref]) -> None:
    """Hide a rate or hours figure whose row has a hidden count."""
    rows_hiding = {(ref[0], ref[1]) for ref in hidden if ref in counted}
    hidden |= {ref for ref in known if ref not in counted and (ref[0], ref[1]) in rows_hiding}

"""Small counts never leave the centre: no suppressed cell can be worked back."""

from __future__ import annotations

from datetime import date

from familydesk.reports import disclosure
from familydesk.reports.model import ActivityReport, Cell, Drill, Period, Row, Scope, Section, Table


def _table(key: str, columns: list[str], rows: list[tuple[str, list[int]]]) -> Table:
    body = [Row(k, k, [Cell(v) for v in values]) for k, values in rows]
    total = [Cell(sum(r[1][i] for r in rows), Drill("contact", key)) for i in range(len(columns))]
    return Table(key, key, [(c, c) for c in columns], body, total)


def _report() -> ActivityReport:
    needs = _table("desk.by_need", ["count"], [("a", [3]), ("b", [10]), ("c", [20]), ("d", [0])])
    grid = _table(
        "desk.channels",
        ["p", "q", "total"],
        [("r1", [2, 8, 10]), ("r2", [9, 9, 18]), ("r3", [7, 6, 13])],
    )
    scope = Scope(Period(date(2026, 1, 1), date(2026, 12, 31)))
    return ActivityReport(scope, [Section("desk", "A", [needs, grid])])


def _attack(report: ActivityReport) -> dict[disclosure.Ref, float]:
    """Solve every equation with exactly one unknown, over and over: what it recovers."""
    known = disclosure.cells(report)
    values = {ref: cell.value or 0 for ref, cell in known.items() if not cell.suppressed}
    recovered: dict[disclosure.Ref, float] = {}
    system = disclosure.equations(report)
    changed = True
    while changed:
        changed = False
        for eq in system:
            unknown = [ref for ref in eq.refs if ref not in values]
            if len(unknown) != 1:
                continue
            (ref,) = unknown
            parts = sum(values[p] for p in eq.parts if p != ref)
            values[ref] = recovered[ref] = parts if ref == eq.whole else values[eq.whole] - parts
            changed = True
    return recovered


def test_protect_hides_small_counts_and_enough_others_leaving_the_original_alone() -> None:
    report = _report()
    protected = disclosure.protect(report, 5)
    hidden = {ref for ref, cell in disclosure.cells(protected).items() if cell.suppressed}
    assert {("desk.by_need", "a", "count"), ("desk.channels", "r1", "p")} <= hidden
    assert ("desk.by_need", "d", "count") not in hidden  # zero is shown
    assert not any(cell.suppressed for cell in disclosure.cells(report).values())
    assert _attack(protected) == {}


def test_primary_suppression_alone_lets_the_attacker_recover_a_cell() -> None:
    report = _report()
    for cell in disclosure.cells(report).values():
        cell.suppressed = 0 < (cell.value or 0) < 5
    recovered = _attack(report)
    assert recovered[("desk.by_need", "a", "count")] == 3

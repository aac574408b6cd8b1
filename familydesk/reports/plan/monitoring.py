"""The monitoring sheet (*scheda di monitoraggio*): each action's indicators, target
against actual, the percent reached and the trend.

The trend compares the actual with the same measure over the same number of days
just before the indicator's period (for a period of 2026, all of 2025; for a quarter,
the quarter before): "up", "down" or "same". A value typed in has no trend. Its source
is the one typed; a measure's source is FamilyDesk.

``sheet`` gives a ``Section`` (key "plan", one ``Table`` per action, one row per
indicator) that the PDF and XLSX writers print; ``lines`` gives the same figures with
their sources and trends for the screen; ``as_dict`` the JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from familydesk.i18n import _, format_date
from familydesk.reports.model import Cell, Period, Row, Section, Table
from familydesk.reports.plan.measures import BY_KEY
from familydesk.reports.plan.records import ActionRow, IndicatorRow, list_actions

FAMILYDESK = "FamilyDesk"


@dataclass(frozen=True)
class IndicatorLine:
    indicator: IndicatorRow
    target: int | float | None
    actual: int | float | None
    #: actual / target × 100 (None with no target or a target of 0).
    percent: float | None
    #: The actual over the same length of time before the period (None: typed in).
    before: int | None
    #: "up", "down", "same" or "" (typed in).
    trend: str
    #: "FamilyDesk", or where a typed-in value comes from.
    source: str
    #: What is measured, in the interface language (the typed-in source otherwise).
    what: str


@dataclass(frozen=True)
class ActionLines:
    action: ActionRow
    lines: tuple[IndicatorLine, ...]


def plain(number: Decimal | int | None) -> int | float | None:
    """A stored number as the report's cells hold it (16.00 → 16)."""
    if number is None:
        return None
    if isinstance(number, int):
        return number
    return int(number) if number == number.to_integral_value() else float(number)


def period_before(period: Period) -> Period:
    """The same number of days just before ``period``."""
    end = period.start - timedelta(days=1)
    return Period(end - timedelta(days=period.days - 1), end)


def _trend(actual: int, before: int) -> str:
    return "up" if actual > before else "down" if actual < before else "same"


def line(session: Session, indicator: IndicatorRow) -> IndicatorLine:
    """One indicator's figures."""
    target = plain(indicator.target)
    known = BY_KEY.get(indicator.measure)
    before: int | None = None
    trend = ""
    if known is None:
        actual = plain(indicator.manual_value)
        source = indicator.manual_source
        what = _("typed in")
    else:
        period = Period(indicator.period_from, indicator.period_to)
        actual = known.value(session, period, indicator.filters, indicator.action_id)
        before = known.value(session, period_before(period), indicator.filters, indicator.action_id)
        trend = _trend(actual, before)
        source, what = FAMILYDESK, _(known.label)
    percent = None
    if target and actual is not None:
        percent = round(float(actual) / float(target) * 100, 1)
    return IndicatorLine(indicator, target, actual, percent, before, trend, source, what)


def lines(session: Session, plan: str | None = None) -> list[ActionLines]:
    """Every action (of ``plan``) with its indicators' figures."""
    return [
        ActionLines(action, tuple(line(session, i) for i in action.indicators))
        for action in list_actions(session, plan)
    ]


def period_label(indicator: IndicatorRow) -> str:
    return _("{start} to {end}").format(
        start=format_date(indicator.period_from), end=format_date(indicator.period_to)
    )


def columns() -> list[tuple[str, str]]:
    return [
        ("target", _("Target")),
        ("actual", _("Actual")),
        ("percent", _("% reached")),
        ("before", _("Period before")),
    ]


def _table(found: ActionLines) -> Table:
    rows = [
        Row(
            f"indicator_{item.indicator.id}",
            _("{name} ({period}; source: {source})").format(
                name=item.indicator.name,
                period=period_label(item.indicator),
                source=item.source or _("not given"),
            ),
            [Cell(item.target), Cell(item.actual), Cell(item.percent), Cell(item.before)],
        )
        for item in found.lines
    ]
    action = found.action
    note = " · ".join(part for part in (action.plan, action.area, action.objective) if part)
    return Table(
        key=f"plan.action_{action.id}",
        title=action.heading,
        columns=columns(),
        rows=rows,
        additive=False,
        chart="",
        note=note,
    )


def sheet(session: Session, plan: str | None = None) -> Section:
    """The monitoring sheet as a report section: one table per action."""
    found = lines(session, plan)
    return Section(
        key="plan",
        title=_("Plan monitoring"),
        tables=[_table(item) for item in found],
        notes=[
            _(
                "Percent reached: the actual divided by the target. Period before: the same "
                "measure over the same number of days just before the indicator's period."
            ),
            _("Source FamilyDesk: counted from the desk's own records; otherwise typed in."),
        ],
    )


def as_dict(found: list[ActionLines]) -> dict[str, Any]:
    """The sheet for JSON: plain keys, dates in ISO form, numbers as numbers."""
    return {
        "actions": [
            {
                "plan": item.action.plan,
                "code": item.action.code,
                "title": item.action.title,
                "area": item.action.area,
                "macro_area": item.action.macro_area,
                "objective": item.action.objective,
                "groups": [g.title for g in item.action.groups],
                "indicators": [
                    {
                        "name": one.indicator.name,
                        "from": one.indicator.period_from.isoformat(),
                        "to": one.indicator.period_to.isoformat(),
                        "measure": one.indicator.measure,
                        "filters": one.indicator.filters,
                        "target": one.target,
                        "actual": one.actual,
                        "percent": one.percent,
                        "before": one.before,
                        "trend": one.trend,
                        "source": one.source,
                    }
                    for one in item.lines
                ],
            }
            for item in found
        ]
    }

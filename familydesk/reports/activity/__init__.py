"""The activity report: the desk (A), support (B), resources (C) and who was reached.

Structured as the Emilia-Romagna family-centre monitoring (A information, B parenting
support, C family and community resources) with the regional macro-areas A-J. Each
section module has ``section(session, scope) -> Section`` and ``DRILLS``: for each of
its tables' keys, a function ``(session, scope, drill) -> list[int]`` giving the ids of
the records behind a cell (the kind is ``drill.kind``); ``familydesk.reports.drill``
turns them into lines a person reads.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from familydesk.reports.model import ActivityReport, Drill, Scope

DrillIds = Callable[[Session, Scope, Drill], list[int]]


def _modules():  # type: ignore[no-untyped-def]
    from familydesk.reports.activity import desk, resources, support, who

    return (desk, support, resources, who)


def compute(session: Session, scope: Scope, *, compare: bool = True) -> ActivityReport:
    """The report of ``scope`` and, when ``compare``, of the same period a year before."""
    from familydesk.registry.centre import get_centre

    sections = [module.section(session, scope) for module in _modules()]
    previous = compute(session, scope.previous_year(), compare=False) if compare else None
    return ActivityReport(scope, sections, previous, centre=get_centre(session).name)


def drill_ids(session: Session, scope: Scope, drill: Drill) -> list[int]:
    """The ids of the records behind ``drill`` (of kind ``drill.kind``)."""
    for module in _modules():
        function = module.DRILLS.get(drill.figure)
        if function is not None:
            return function(session, scope, drill)
    raise KeyError(drill.figure)

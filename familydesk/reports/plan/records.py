"""The plan's actions with their indicators and tagged groups, as plain rows.

Reading needs no particular permission (every operator may see what the centre set
out to do); changing them is :mod:`familydesk.reports.plan.editing`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.groups import Group
from familydesk.db.models.reports import PlanAction, PlanActionGroup, PlanIndicator


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    version: int
    action_id: int
    name: str
    target: Decimal | None
    period_from: date
    period_to: date
    #: A key of ``MEASURES``; empty: typed in (``manual_value``, ``manual_source``).
    measure: str
    filters: dict[str, Any]
    manual_value: Decimal | None
    manual_source: str
    position: int

    @property
    def typed_in(self) -> bool:
        return not self.measure


@dataclass(frozen=True)
class GroupTag:
    group_id: int
    title: str


@dataclass(frozen=True)
class ActionRow:
    id: int
    version: int
    plan: str
    code: str
    title: str
    area: str
    macro_area: str
    objective: str
    description: str
    position: int
    indicators: tuple[IndicatorRow, ...] = ()
    groups: tuple[GroupTag, ...] = ()

    @property
    def heading(self) -> str:
        """ "3.2 Title" (the code first when the plan numbers its actions)."""
        return f"{self.code} {self.title}" if self.code else self.title


def read_filters(text: str) -> dict[str, Any]:
    """The stored JSON object of filters ({} when empty or unreadable)."""
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def indicator_row(indicator: PlanIndicator) -> IndicatorRow:
    return IndicatorRow(
        id=indicator.id,
        version=indicator.version,
        action_id=indicator.action_id,
        name=indicator.name,
        target=indicator.target,
        period_from=indicator.period_from,
        period_to=indicator.period_to,
        measure=indicator.measure,
        filters=read_filters(indicator.filters),
        manual_value=indicator.manual_value,
        manual_source=indicator.manual_source,
        position=indicator.position,
    )


def action_row(
    action: PlanAction,
    indicators: tuple[IndicatorRow, ...] = (),
    groups: tuple[GroupTag, ...] = (),
) -> ActionRow:
    return ActionRow(
        id=action.id,
        version=action.version,
        plan=action.plan,
        code=action.code,
        title=action.title,
        area=action.area,
        macro_area=action.macro_area,
        objective=action.objective,
        description=action.description,
        position=action.position,
        indicators=indicators,
        groups=groups,
    )


def list_actions(session: Session, plan: str | None = None) -> list[ActionRow]:
    """Every action (of ``plan`` when given), by position, each with its
    indicators (by position) and the groups tagged with it (by title)."""
    query = select(PlanAction).order_by(PlanAction.position, PlanAction.id)
    if plan is not None:
        query = query.where(PlanAction.plan == plan)
    actions = list(session.scalars(query))
    ids = [a.id for a in actions]
    indicators: dict[int, list[IndicatorRow]] = {i: [] for i in ids}
    groups: dict[int, list[GroupTag]] = {i: [] for i in ids}
    if ids:
        for indicator in session.scalars(
            select(PlanIndicator)
            .where(PlanIndicator.action_id.in_(ids))
            .order_by(PlanIndicator.position, PlanIndicator.id)
        ):
            indicators[indicator.action_id].append(indicator_row(indicator))
        tagged = session.execute(
            select(PlanActionGroup.action_id, Group.id, Group.title)
            .join(Group, Group.id == PlanActionGroup.group_id)
            .where(PlanActionGroup.action_id.in_(ids))
            .order_by(Group.title, Group.id)
        )
        for action_id, group_id, title in tagged:
            groups[action_id].append(GroupTag(group_id, title))
    return [action_row(a, tuple(indicators[a.id]), tuple(groups[a.id])) for a in actions]


def get_action(session: Session, action_id: int) -> ActionRow | None:
    for row in list_actions(session):
        if row.id == action_id:
            return row
    return None


def plans(session: Session) -> list[str]:
    """The plans the actions belong to, in order."""
    return list(session.scalars(select(PlanAction.plan).distinct().order_by(PlanAction.plan)))


def group_choices(session: Session) -> list[GroupTag]:
    """The groups a coordinator can tag an action with (not cancelled), by title."""
    query = select(Group.id, Group.title).where(Group.cancelled.is_(False))
    return [GroupTag(i, t) for i, t in session.execute(query.order_by(Group.title, Group.id))]

"""The demo's plan monitoring: the seeds' actions (:mod:`.plan_seeds`) with their
indicators over the current year, and the demo's groups tagged with their actions.

Runs after groups, needs and cards exist. A few dozen rows: written through the ORM
(the session hooks fill sites, versions and the audit trail). Deterministic: the same
``today`` gives the same rows.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.cards import CardType
from familydesk.db.models.groups import Group
from familydesk.db.models.reports import PlanAction, PlanActionGroup, PlanIndicator
from familydesk.demo.plan_seeds import ACTIONS, SeedIndicator


def _filters(indicator: SeedIndicator, card_types: dict[str, int]) -> str:
    found = dict(indicator.filters)
    if "card_type" in found:
        found["card_type"] = str(card_types.get(found["card_type"], 0))
    return json.dumps(found, sort_keys=True)


def fill_plan(session: Session, today: date) -> int:
    """Write the seeds' actions with indicators for ``today``'s year; the number of
    actions written (0 when the plan already holds actions)."""
    if session.scalar(select(PlanAction.id).limit(1)) is not None:
        return 0
    card_types = {name: i for name, i in session.execute(select(CardType.name, CardType.id))}
    groups: dict[str, list[int]] = {}
    for group_id, title in session.execute(select(Group.id, Group.title).order_by(Group.id)):
        groups.setdefault(title, []).append(group_id)
    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    for position, seed in enumerate(ACTIONS):
        action = PlanAction(
            plan=seed.plan,
            code=seed.code,
            title=seed.title,
            area=seed.area,
            macro_area=seed.macro_area,
            objective=seed.objective,
            description=seed.description,
            position=position,
        )
        session.add(action)
        session.flush()
        for number, item in enumerate(seed.indicators):
            session.add(
                PlanIndicator(
                    action_id=action.id,
                    name=item.name,
                    target=Decimal(item.target),
                    period_from=start,
                    period_to=end,
                    measure=item.measure,
                    filters=_filters(item, card_types),
                    manual_value=None if item.measure else Decimal(item.manual_value or 0),
                    manual_source=item.manual_source,
                    position=number,
                )
            )
        for title in seed.groups:
            for group_id in groups.get(title, []):
                session.add(PlanActionGroup(action_id=action.id, group_id=group_id))
    session.flush()
    return len(ACTIONS)

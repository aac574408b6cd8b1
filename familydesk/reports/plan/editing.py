"""Adding, changing and deleting the plan's actions and indicators, tagging groups
(``SETTINGS``: coordinators and administrators).

Changes carry the version that was read (a stale one is refused with ``ConflictError``,
nothing written). Every wrong field is reported at once, in the operator's language,
naming the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.groups import Group
from familydesk.db.models.reports import PlanAction, PlanActionGroup, PlanIndicator
from familydesk.i18n import N_, _
from familydesk.kernel.errors import FieldErrors, NotFoundError, ValidationError
from familydesk.kernel.fields import clean_text
from familydesk.reports.plan import filters as plan_filters
from familydesk.reports.plan.measures import BY_KEY
from familydesk.reports.plan.records import (
    ActionRow,
    IndicatorRow,
    action_row,
    indicator_row,
)
from familydesk.trust import permissions

MACRO_AREAS = ("", *"ABCDEFGHIJ")
#: The largest target or value (the column is Numeric(12, 2)).
LARGEST = Decimal("9999999999.99")


@dataclass(frozen=True)
class ActionInput:
    """A new action (``id`` None) or the changes to one (``id`` and ``version``)."""

    title: str
    plan: str = ""
    code: str = ""
    area: str = ""
    macro_area: str = ""
    objective: str = ""
    description: str = ""
    position: int = 0
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class IndicatorInput:
    """A new indicator of ``action_id`` or the changes to one (``id`` and ``version``).

    ``target`` and ``manual_value`` may be typed text ("16", "12,5"): they are read here.
    ``measure`` empty: the value is typed in, with its source.
    """

    action_id: int
    name: str
    target: Decimal | int | str | None
    period_from: date | None
    period_to: date | None
    measure: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    manual_value: Decimal | int | str | None = None
    manual_source: str = ""
    position: int = 0
    id: int | None = None
    version: int | None = None


_ACTION_TEXTS = (
    ("plan", N_("Plan"), 200, False),
    ("code", N_("Code"), 20, False),
    ("title", N_("Title"), 300, True),
    ("area", N_("Area"), 200, False),
    ("objective", N_("Objective"), 5000, False),
    ("description", N_("Description"), 10000, False),
)


def read_number(field_name: str, label: str, value: Decimal | int | str | None) -> Decimal | None:
    """A number ≥ 0 typed with a comma or a point ("12,5"); None when empty;
    ``ValidationError`` naming ``label`` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().replace(" ", "")
    if isinstance(value, str) and "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0 or number > LARGEST:
        raise ValidationError(
            field_name, _("{field}: a number of 0 or more, for example 16.").format(field=label)
        )
    return number.quantize(Decimal("0.01"))


def _last(session: Session, model: type) -> int:
    last = session.scalar(select(func.max(model.position)))
    return -1 if last is None else int(last)


def save_action(session: Session, data: ActionInput) -> ActionRow:
    """Add or change an action. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    errors = FieldErrors()
    texts = {}
    for name, label, length, required in _ACTION_TEXTS:
        value = errors.check(clean_text, name, _(label), getattr(data, name), length, required)
        texts[name] = value or ""
    macro_area = data.macro_area.strip().upper()
    if macro_area not in MACRO_AREAS:
        errors.add("macro_area", _("Macro-area: a letter from A to J, or none."))
    errors.raise_any()
    action = (
        PlanAction()
        if data.id is None
        else load_for_update(session, PlanAction, data.id, data.version or 0)
    )
    for name, value in texts.items():
        setattr(action, name, value)
    action.macro_area = macro_area
    action.position = data.position if data.id is not None else _last(session, PlanAction) + 1
    session.add(action)
    session.flush()
    return action_row(action)


def _check_measure(session: Session, errors: FieldErrors, data: IndicatorInput) -> dict:
    """The filters to store; the measure, its filters or the typed value checked."""
    if not data.measure:
        value = errors.check(read_number, "manual_value", _("Value"), data.manual_value)
        if value is None and "manual_value" not in dict(errors.found):
            errors.add("manual_value", _("Value: type the value, or choose a measure."))
        if not data.manual_source.strip():
            errors.add("manual_source", _("Source: say where the typed-in value comes from."))
        return {}
    known = BY_KEY.get(data.measure)
    if known is None:
        errors.add("measure", _("Measure: choose one from the list."))
        return {}
    filters = plan_filters.cleaned(data.filters)
    for problem in plan_filters.check(session, known.filters, filters):
        errors.add("filters", problem)
    return filters


def save_indicator(session: Session, data: IndicatorInput) -> IndicatorRow:
    """Add or change an indicator. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    errors = FieldErrors()
    if session.get(PlanAction, data.action_id) is None:
        raise NotFoundError(_("This action no longer exists: someone else may have deleted it."))
    name = errors.check(clean_text, "name", _("Indicator"), data.name, 300, required=True)
    target = errors.check(read_number, "target", _("Target"), data.target)
    if target is None and "target" not in dict(errors.found):
        errors.add("target", _("Target: a number of 0 or more, for example 16."))
    if data.period_from is None:
        errors.add("period_from", _("From: the first day of the period."))
    if data.period_to is None:
        errors.add("period_to", _("To: the last day of the period."))
    elif data.period_from is not None and data.period_to < data.period_from:
        errors.add("period_to", _("To: the period ends before it starts."))
    source = errors.check(clean_text, "manual_source", _("Source"), data.manual_source, 300)
    filters = _check_measure(session, errors, data)
    errors.raise_any()
    indicator = (
        PlanIndicator(action_id=data.action_id)
        if data.id is None
        else load_for_update(session, PlanIndicator, data.id, data.version or 0)
    )
    indicator.name, indicator.target = name, target
    indicator.period_from, indicator.period_to = data.period_from, data.period_to
    indicator.measure = data.measure
    indicator.filters = json.dumps(filters, sort_keys=True)
    typed = not data.measure
    indicator.manual_value = read_number("manual_value", "", data.manual_value) if typed else None
    indicator.manual_source = (source or "") if typed else ""
    if data.id is None:
        last = session.scalar(
            select(func.max(PlanIndicator.position)).where(
                PlanIndicator.action_id == data.action_id
            )
        )
        indicator.position = (last if last is not None else -1) + 1
    else:
        indicator.position = data.position
    session.add(indicator)
    session.flush()
    return indicator_row(indicator)


def delete_action(session: Session, action_id: int, version: int) -> None:
    """Delete an action with its indicators and tags. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    action = load_for_update(session, PlanAction, action_id, version)
    for model in (PlanIndicator, PlanActionGroup):
        for row in session.scalars(select(model).where(model.action_id == action_id)):
            session.delete(row)
    session.delete(action)
    session.flush()


def delete_indicator(session: Session, indicator_id: int, version: int) -> None:
    """Delete an indicator. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    session.delete(load_for_update(session, PlanIndicator, indicator_id, version))
    session.flush()


def tag_group(session: Session, action_id: int, group_id: int) -> None:
    """Tag a group with the action it carries out (again: nothing changes)."""
    permissions.require(session, permissions.SETTINGS)
    if session.get(PlanAction, action_id) is None:
        raise NotFoundError(_("This action no longer exists: someone else may have deleted it."))
    if session.get(Group, group_id) is None:
        raise NotFoundError(_("This group no longer exists: someone else may have deleted it."))
    found = session.scalar(
        select(PlanActionGroup.id).where(
            PlanActionGroup.action_id == action_id, PlanActionGroup.group_id == group_id
        )
    )
    if found is None:
        session.add(PlanActionGroup(action_id=action_id, group_id=group_id))
        session.flush()


def untag_group(session: Session, action_id: int, group_id: int) -> None:
    """Take the action's tag off a group (not tagged: nothing changes)."""
    permissions.require(session, permissions.SETTINGS)
    for row in session.scalars(
        select(PlanActionGroup).where(
            PlanActionGroup.action_id == action_id, PlanActionGroup.group_id == group_id
        )
    ):
        session.delete(row)
    session.flush()


def set_groups(session: Session, action_id: int, group_ids: list[int]) -> None:
    """Tag exactly ``group_ids`` with the action (the dialog's list of checked groups)."""
    permissions.require(session, permissions.SETTINGS)
    wanted = set(group_ids)
    current = set(
        session.scalars(
            select(PlanActionGroup.group_id).where(PlanActionGroup.action_id == action_id)
        )
    )
    for group_id in sorted(current - wanted):
        untag_group(session, action_id, group_id)
    for group_id in sorted(wanted - current):
        tag_group(session, action_id, group_id)

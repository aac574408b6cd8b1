"""Editing the plan: every wrong field named at once (in Italian too), a stale version
refused, only coordinators and admins write; groups tagged; the sheet's figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from familydesk import i18n
from familydesk.db.database import Database
from familydesk.kernel.errors import ConflictError, ValidationError
from familydesk.reports.plan import editing, monitoring, records
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import signed_in


def _action(database: Database, title: str = "Genitori imperfetti cercasi") -> records.ActionRow:
    return database.write(editing.save_action, editing.ActionInput(title=title, plan="Piano"))


def _indicator(database: Database, action_id: int, **fields: object) -> records.IndicatorRow:
    data = {
        "action_id": action_id,
        "name": "Incontri per le famiglie",
        "target": "16",
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 12, 31),
        "measure": "sessions_held",
        **fields,
    }
    return database.write(editing.save_indicator, editing.IndicatorInput(**data))


def _errors(database: Database, action_id: int, **fields: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        _indicator(database, action_id, **fields)
    return dict(caught.value.errors)


def test_every_wrong_field_is_named_at_once_in_both_languages(database: Database) -> None:
    action = _action(database)
    wrong = {
        "name": " ",
        "target": "-3",
        "period_to": date(2025, 12, 31),
        "measure": "",
        "manual_value": "",
        "manual_source": "",
    }
    found = _errors(database, action.id, **wrong)
    assert set(found) == {"name", "target", "period_to", "manual_value", "manual_source"}
    assert found["target"].startswith("Target:")
    i18n.set_language("it")
    found = _errors(database, action.id, **wrong)
    assert found["target"].startswith("Atteso:")
    assert found["manual_source"].startswith("Fonte:")
    assert database.read(records.list_actions)[0].indicators == ()


def test_a_measure_from_the_list_with_its_own_filters(database: Database) -> None:
    action = _action(database)
    assert set(_errors(database, action.id, measure="visits")) == {"measure"}
    assert set(_errors(database, action.id, filters={"card_type": "1"})) == {"filters"}
    assert set(_errors(database, action.id, filters={"group_kind": "picnic"})) == {"filters"}
    with pytest.raises(ValidationError):
        database.write(editing.save_action, editing.ActionInput(title="", macro_area="Z"))


def test_saved_tidy_and_a_stale_version_is_refused(database: Database) -> None:
    action = _action(database)
    saved = _indicator(
        database, action.id, target="12,5", filters={"group_kind": "", "tagged": True}
    )
    assert saved.target == Decimal("12.50") and saved.filters == {"tagged": True}
    changed = _indicator(database, action.id, id=saved.id, version=saved.version, target="20")
    with pytest.raises(ConflictError):
        _indicator(database, action.id, id=saved.id, version=saved.version, target="30")
    typed = _indicator(
        database, action.id, measure="", manual_value="3", manual_source="Verbali del Tavolo"
    )
    assert typed.manual_value == Decimal("3.00") and typed.filters == {}
    targets = [i.target for i in database.read(records.list_actions)[0].indicators]
    assert targets == [Decimal("20.00"), Decimal("16.00")]
    database.write(editing.delete_indicator, changed.id, changed.version)
    assert len(database.read(records.list_actions)[0].indicators) == 1


def test_only_coordinators_and_admins_write(database: Database) -> None:
    action = _action(database)
    signed_in(database, "reception")
    with pytest.raises(PermissionDenied):
        _action(database, "Altro")
    with pytest.raises(PermissionDenied):
        database.write(editing.delete_action, action.id, action.version)
    assert len(database.read(records.list_actions)) == 1
    signed_in(database, "coordinator")
    database.write(editing.delete_action, action.id, action.version)
    assert database.read(records.list_actions) == []


def test_the_sheet_shows_target_actual_percent_and_the_typed_source(database: Database) -> None:
    action = _action(database)
    _indicator(database, action.id, measure="", manual_value="12", manual_source="Verbali")
    section = database.read(monitoring.sheet)
    table = section.tables[0]
    assert section.key == "plan" and table.title == "Genitori imperfetti cercasi"
    row = table.rows[0]
    assert [c.value for c in row.cells] == [16, 12, 75.0, None]
    assert "Verbali" in row.label
    found = database.read(monitoring.lines)[0].lines[0]
    assert (found.source, found.trend) == ("Verbali", "")


def test_groups_are_tagged_once_and_untagged(database: Database) -> None:
    from familydesk.demo import fill_demo

    database.write(fill_demo, families=3, seed=2, activity=True)
    action = database.read(records.list_actions)[0]
    group = database.read(records.group_choices)[0]
    database.write(editing.tag_group, action.id, group.group_id)
    database.write(editing.tag_group, action.id, group.group_id)
    tagged = database.read(records.get_action, action.id).groups
    assert group in tagged and tagged.count(group) == 1
    database.write(editing.untag_group, action.id, group.group_id)
    assert group not in database.read(records.get_action, action.id).groups
    database.write(editing.set_groups, action.id, [group.group_id])
    assert database.read(records.get_action, action.id).groups == (group,)

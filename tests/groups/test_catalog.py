"""Groups: created, validated with messages that name the field, listed by phase."""

from __future__ import annotations

from datetime import timedelta

import pytest

from familydesk.db.database import Database
from familydesk.groups.catalog import get_group, list_groups
from familydesk.groups.editing import update_group
from familydesk.kernel.errors import ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.groups.group_data import START, GroupWorld, group_input, new_group
from tests.helpers import signed_in


def test_a_group_is_created_with_its_educators(database: Database, world: GroupWorld) -> None:
    group_id = new_group(database, world, educator_ids=(world.educator, world.other_educator))
    row = database.read(get_group, group_id)
    assert row.title == "Genitori imperfetti cercasi"
    assert row.educators == ("Elena Educatrice", "Luca Educatore")
    assert row.place == "Centro per le Famiglie" and row.room == "Sala Blu"
    assert row.comune == "Gonzaga"
    assert row.age_label in {"0-3 anni", "0-3 years"}
    assert row.sessions == 0 and row.enrolled == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"kind": "party"}, "kind"),
        ({"place_id": None}, "place_id"),
        ({"age_from": 4, "age_to": 3}, "age_to"),
        ({"capacity": 0}, "capacity"),
        ({"completion_percent": 0}, "completion_percent"),
        ({"signup_opens": START, "signup_closes": START - timedelta(days=1)}, "signup_closes"),
    ],
)
def test_bad_input_names_the_field(
    database: Database, world: GroupWorld, changes: dict, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        new_group(database, world, **changes)
    assert caught.value.field == field


def test_every_wrong_field_is_named_at_once(database: Database, world: GroupWorld) -> None:
    with pytest.raises(ValidationError) as caught:
        new_group(database, world, title=" ", capacity=0, completion_percent=0)
    assert [field for field, _message in caught.value.errors] == [
        "title",
        "capacity",
        "completion_percent",
    ]
    assert len(caught.value.message.splitlines()) == 3


def test_a_room_of_another_venue_is_refused(database: Database, world: GroupWorld) -> None:
    with pytest.raises(ValidationError) as caught:
        new_group(database, world, place_id=world.cal.other_place)
    assert caught.value.field == "room_id"


def test_phases_follow_the_sign_up_window(database: Database, world: GroupWorld) -> None:
    today = START - timedelta(days=20)
    open_id = new_group(database, world, signup_opens=today - timedelta(days=1))
    later_id = new_group(
        database, world, title="Più avanti", signup_opens=today + timedelta(days=5)
    )
    phases = {r.id: r.phase for r in database.read(list_groups, today=today)}
    assert phases == {open_id: "open", later_id: "planned"}
    assert [r.id for r in database.read(list_groups, "open", today=today)] == [open_id]
    assert [r.id for r in database.read(list_groups, text="avanti", today=today)] == [later_id]


def test_changing_a_group_checks_its_version(database: Database, world: GroupWorld) -> None:
    group_id = new_group(database, world)
    row = database.read(get_group, group_id)
    changed = database.write(update_group, group_id, row.version, group_input(world, capacity=12))
    assert changed.capacity == 12
    with pytest.raises(Exception, match="changed|modificat"):
        database.write(update_group, group_id, row.version, group_input(world, capacity=14))


def test_reception_may_not_plan_groups(database: Database, world: GroupWorld) -> None:
    with pytest.raises(PermissionDenied):
        new_group(signed_in(database, "reception"), world)
    assert new_group(signed_in(database, "educator"), world) > 0

"""The family page's Groups tab lists the members' sign-ups with their place in the queue."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.groups.enrolment import enrol
from familydesk.ui.families.groups_tab import FamilyGroupsTab
from familydesk.ui.shell.main_window import MainWindow
from tests.groups.group_data import START, GroupWorld, add_sessions, build_world, new_group, weekly
from tests.ui.conftest import open_page


def test_the_family_page_lists_sign_ups_to_groups(
    window: MainWindow, database: Database, qtbot: QtBot
) -> None:
    world: GroupWorld = build_world(database)
    family_id, parent, child = world.families[0]
    full = new_group(database, world, title="Mamme e bebè", target="parents", capacity=1)
    add_sessions(database, full, weekly(START, 4))
    database.write(enrol, full, [world.families[1][1]], START - timedelta(days=9))
    database.write(enrol, full, [parent], START - timedelta(days=8))
    both = new_group(database, world, title="Nati per leggere", room_id=world.cal.rooms[1])
    add_sessions(database, both, weekly(START, 4, hour=10))
    database.write(enrol, both, [parent, child], START - timedelta(days=8))
    families = open_page(window, "families")
    families.open_family(family_id)
    detail = families.detail
    tab = next(t for t in detail.record_tabs if isinstance(t, FamilyGroupsTab))
    assert detail.tabs.tabText(detail.tabs.indexOf(tab)) in {"Groups (3)", "Gruppi (3)"}
    cells = {
        (tab.model.index(r, 0).data(), tab.model.index(r, 3).data()): tab.model.index(r, 4).data()
        for r in range(tab.model.rowCount())
    }
    assert cells == {
        ("Mamme e bebè", "Cognome1 Madre1"): "waiting list, no. 1",
        ("Nati per leggere", "Cognome1 Madre1"): "enrolled",
        ("Nati per leggere", "Cognome1 Bimbo1"): "enrolled",
    }

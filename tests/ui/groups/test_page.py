"""The Groups page: list and detail, the group dialog, planning, sign-ups and the waiting list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.database import Database
from familydesk.db.models.appointments import Place, Room
from familydesk.db.models.groups import Group, GroupSession
from familydesk.groups.catalog import list_groups
from familydesk.groups.enrolment import enrol, participants, to_inform
from familydesk.groups.sessions import sessions_of
from familydesk.ui.groups.page import GroupsPage
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.groups.group_data import (
    START,
    GroupWorld,
    add_sessions,
    build_world,
    new_group,
    tuesdays,
    weekly,
)
from tests.ui.conftest import activate, open_page
from tests.ui.fit import beyond_the_right_edge, clipped, styled  # noqa: F401 (a fixture)

CTRL = Qt.KeyboardModifier.ControlModifier
#: Every test here shows a group, and with it its sessions.


@pytest.fixture
def world(database: Database) -> GroupWorld:
    return build_world(database, families=4)


def groups_page(context: PageContext, qtbot: QtBot) -> GroupsPage:
    page = GroupsPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    activate(page)
    page.activate()
    return page


def test_ctrl_4_opens_the_groups_page_with_the_first_group_shown(
    window: MainWindow, database: Database, world: GroupWorld, qtbot: QtBot
) -> None:
    new_group(database, world)
    window.show()
    window.restore_state(QSettings())
    activate(window)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = window.current_page()
    assert isinstance(page, GroupsPage)
    assert page.model.rowCount() == 1 and page.group is not None
    assert page.group_title.text().startswith("Genitori imperfetti cercasi")
    assert page.overview.fields.texts()["Educators"] == "Elena Educatrice"
    assert page.count.text() == "1 group"


def test_a_group_is_created_through_the_dialog(
    context: PageContext, database: Database, world: GroupWorld, qtbot: QtBot
) -> None:
    page = groups_page(context, qtbot)
    dialog = page.new_group()
    assert dialog is not None
    dialog.save()
    assert "Title" in dialog.form.errors["title"].text() and dialog.isVisible()
    qtbot.keyClicks(dialog.title, "Italiano per mamme")
    dialog.kind.setCurrentIndex(dialog.kind.findData("language_course"))
    dialog.place.setCurrentIndex(dialog.place.findData(world.cal.place))
    dialog.room.setCurrentIndex(dialog.room.findData(world.cal.rooms[1]))
    dialog.capacity.setValue(12)
    dialog.tick_educators([world.educator, world.other_educator])
    dialog.save()
    assert not dialog.isVisible()
    rows = database.read(list_groups)
    assert [(r.title, r.kind, r.room_id, r.capacity, set(r.educator_ids)) for r in rows] == [
        (
            "Italiano per mamme",
            "language_course",
            world.cal.rooms[1],
            12,
            {world.educator, world.other_educator},
        )
    ]
    assert page.group is not None and page.group.title == "Italiano per mamme"
    assert "Saved: Italiano per mamme." in page.banner.text()


def test_sessions_are_planned_with_a_preview_of_the_skipped_dates(
    context: PageContext, database: Database, world: GroupWorld, qtbot: QtBot
) -> None:
    group_id = new_group(database, world)
    page = groups_page(context, qtbot)
    page.tabs.setCurrentWidget(page.sessions)
    dialog = page.sessions.plan()
    assert dialog is not None
    pattern = tuesdays(6)
    dialog.weekday.setCurrentIndex(pattern.weekday)
    dialog.first_day.set_value(pattern.first_day)
    dialog.count.setValue(6)
    dialog.refresh()
    assert dialog.preview.count() >= 6
    assert dialog.summary.text().startswith("6 sessions")
    dialog.save()
    assert not dialog.isVisible()
    planned = database.read(sessions_of, group_id)
    assert len(planned) == 6 and all(s.starts_at.hour == 17 for s in planned)
    assert page.sessions.model.rowCount() == 6
    assert page.sessions.count.text().startswith("6 sessions")


def _person(world: GroupWorld, family: int) -> int:
    return world.families[family][1]


def test_sign_up_and_withdraw_moves_the_waiting_list_up_to_be_told(
    context: PageContext, database: Database, world: GroupWorld, qtbot: QtBot
) -> None:
    group_id = new_group(database, world, capacity=1, signup_opens=START - timedelta(days=60))
    database.write(enrol, group_id, [_person(world, 0)])
    page = groups_page(context, qtbot)
    tab = page.participants
    page.tabs.setCurrentWidget(tab)
    dialog = tab.sign_up()
    assert dialog is not None
    qtbot.keyClicks(dialog.picker.search, "Madre2")
    dialog.picker.choose_row(0)
    assert dialog.person_ids() == [_person(world, 1)]
    dialog.save()
    assert not dialog.isVisible()
    assert "Cognome2 Madre2: waiting list (1)" in tab.banner.text()
    assert [tab.model.row_at(r).status for r in range(tab.model.rowCount())] == [
        "enrolled",
        "waiting",
    ]
    assert not tab.inform_box.isVisibleTo(tab)

    tab.table.selectRow(0)
    withdrawal = tab.withdraw()
    assert withdrawal is not None
    qtbot.keyClicks(withdrawal.reason, "moved away")
    withdrawal.save()
    assert "Moved up from the waiting list: Cognome2 Madre2" in tab.banner.text()
    assert tab.inform_box.isVisibleTo(tab)
    assert tab.inform_model.rowCount() == 1
    assert tab.inform_model.row_at(0).enrolment.phone == "0376 000002"
    assert page.group is not None and page.group.enrolled == 1
    tab.told()
    assert database.read(to_inform, group_id) == []
    assert not tab.inform_box.isVisibleTo(tab)
    statuses = {
        r.person_id: (r.status, r.withdraw_reason) for r in database.read(participants, group_id)
    }
    assert statuses == {
        _person(world, 0): ("withdrawn", "moved away"),
        _person(world, 1): ("enrolled", ""),
    }


def test_a_reception_operator_signs_up_but_does_not_plan(
    database: Database, world: GroupWorld, qtbot: QtBot
) -> None:
    from familydesk.ui.shell.language import LanguageManager
    from familydesk.ui.shell.runner import SyncRunner
    from tests.helpers import signed_in

    new_group(database, world)
    signed_in(database, "reception")
    context = PageContext(SyncRunner(database), LanguageManager())
    page = groups_page(context, qtbot)
    assert page.available and page.group is not None
    assert not page.new_button.isVisibleTo(page) and not page.edit_button.isVisibleTo(page)
    assert not page.sessions.plan_button.isVisibleTo(page.sessions)
    assert page.participants.signup_button.isVisibleTo(page.participants)
    assert not page.attendance.view.editable


def test_plan_counts_read_in_words_and_plural_forms(
    context: PageContext, database: Database, world: GroupWorld, qtbot: QtBot
) -> None:
    """ "Every 1 week(s)" and "0 sessions, 0 held": the plural from the catalogue, zero in words."""
    new_group(database, world)
    page = groups_page(context, qtbot)
    page.tabs.setCurrentWidget(page.sessions)
    assert page.sessions.count.text() == "No sessions"
    dialog = page.sessions.plan()
    assert dialog is not None
    dialog.every.setValue(1)
    assert dialog.every.suffix() == " week"
    dialog.every.setValue(2)
    assert dialog.every.suffix() == " weeks"
    dialog.reject()


def _long_place_and_topics(session: Session, group_id: int) -> None:
    group = session.get(Group, group_id)
    place = session.get(Place, group.place_id)
    place.name = "Centro per le Famiglie di Suzzara"
    session.get(Room, group.room_id).name = "Sala Mediazione"
    topics = [
        "Presentazione e patto d'aula",
        "Recupero: Le emozioni dei figli",
        "I no che aiutano a crescere",
    ]
    rows = session.scalars(
        select(GroupSession)
        .where(GroupSession.group_id == group_id)
        .order_by(GroupSession.starts_at)
    ).all()
    for row, topic in zip(rows, topics, strict=False):
        row.topic = topic


@pytest.mark.usefixtures("styled")
def test_the_sessions_topic_and_status_are_not_clipped_at_1366(
    window: MainWindow, database: Database, world: GroupWorld, context: PageContext
) -> None:
    context.language.apply("it")
    group = new_group(database, world)
    add_sessions(database, group, weekly(START, 6))
    database.write(_long_place_and_topics, group)
    window.resize(1366, 720)
    page = open_page(window, "groups")
    window.resize(1366, 720)
    page.tabs.setCurrentWidget(page.sessions)
    table = page.sessions.table
    assert page.sessions.model.rowCount() == 6
    where = 3
    assert "Sala Mediazione" in str(page.sessions.model.index(0, where).data())
    shown_whole = [c for c in range(page.sessions.model.columnCount()) if c != where]
    assert clipped(table, shown_whole) == []  # the topic ("Argomento") above all
    assert beyond_the_right_edge(table) == 0

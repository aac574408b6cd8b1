"""On a PC whose time zone is not Europe/Rome the front desk's queue and the benefits counter
show Rome time, and agree (the counter showed 02:09 while the desk showed 01:07)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk import frontdesk, registry
from familydesk.cards.numbers import grouped
from familydesk.db.database import Database
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.kernel import clock
from familydesk.registry import FamilyInput, MemberInput
from familydesk.ui.cards.counter_tab import CounterTab
from familydesk.ui.cards.page import CardsPage
from familydesk.ui.frontdesk.page import FrontDeskPage
from familydesk.ui.shell.main_window import MainWindow
from tests.cards.card_data import add_card, build_world
from tests.cards.partner_data import build_partners
from tests.test_clock import machine_zone
from tests.ui.conftest import open_page
from tests.ui.keyboard import focused

#: 20:00 on 29 February 2028 in New York is 02:00 on 1 March in Rome.
NEW_YORK_EVENING = datetime(2028, 3, 1, 2, 0, tzinfo=clock.ROME)


@pytest.fixture
def in_new_york() -> Iterator[None]:
    with machine_zone("America/New_York"):
        yield


def _arrival(database: Database) -> None:
    member = MemberInput(
        first_name="Giulia",
        last_name="Ferrari",
        sex="F",
        relation="parent",
        birth_date=date(1988, 2, 3),
        no_code_reason="in attesa",
    )
    database.write(registry.create_family, FamilyInput(name="Ferrari"), [member])
    [hit] = database.read(registry.search_people, "giulia")
    database.write(
        frontdesk.record_contact,
        ContactInput(person_id=hit.person_id, requests=(RequestInput("housing"),)),
    )


def test_the_desk_queue_shows_rome_time_and_day(
    in_new_york: None, window: MainWindow, database: Database
) -> None:
    with clock.pinned(NEW_YORK_EVENING):
        _arrival(database)
        [contact] = database.read(frontdesk.today_queue)
        assert contact.arrived_at.astimezone(clock.ROME).date() == date(2028, 3, 1)
        page = open_page(window, "frontdesk")
        assert isinstance(page, FrontDeskPage)
        page.load()
        assert page.queue.model.rowCount() == 1
        assert page.queue.model.index(0, 0).data() == "02:00"  # not New York's 20:00


def test_the_counter_shows_rome_time_and_day_like_the_desk(
    in_new_york: None, window: MainWindow, database: Database, qtbot: QtBot
) -> None:
    world = build_world(database)
    partners = build_partners(database, world)
    number = add_card(database, world, expires_on=date(2028, 12, 31))
    with clock.pinned(datetime(2027, 12, 1, 2, 0, tzinfo=clock.ROME)):  # 20:00 in New York
        page = open_page(window, "cards")
        assert isinstance(page, CardsPage)
        page.tabs.setCurrentWidget(page.counter)
        tab: CounterTab = page.counter
        tab.choose(partners.pool, partners.pool_discount)
        tab.focus_search()
        qtbot.keyClicks(focused(), grouped(number))
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        assert tab.answer.kind == "valid"
        assert tab.model.index(0, 0).data().startswith("02:00:")
        assert tab.count.text() == "01/12/2027: 1 accepted, 0 refused"

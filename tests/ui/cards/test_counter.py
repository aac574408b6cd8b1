"""The benefits counter: a partner's benefit chosen once, then card numbers typed by a
scanner (or a person) and Enter; the answer at once, every attempt logged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from familydesk.cards.numbers import grouped
from familydesk.cards.partner_editing import PartnerInput, save_partner
from familydesk.cards.partners import get_partner
from familydesk.db.database import Database
from familydesk.db.models.cards import Redemption
from familydesk.ui.cards.counter_answer import COLOURS
from familydesk.ui.cards.counter_tab import CounterTab
from familydesk.ui.cards.page import CardsPage
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.cards.card_data import TODAY, CardWorld, add_card, build_world
from tests.cards.partner_data import Partners, build_partners
from tests.ui.conftest import activate, open_page
from tests.ui.keyboard import focused

#: 10:30 in Italy on TODAY (winter time: UTC+1).
AT = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


@pytest.fixture
def world(database: Database) -> CardWorld:
    return build_world(database)


@pytest.fixture
def partners(database: Database, world: CardWorld) -> Partners:
    return build_partners(database, world)


def counter(window: MainWindow) -> CounterTab:
    """The Family card page's counter tab shown at 10:30 on TODAY, as from the navigation."""
    page = open_page(window, "cards")
    assert isinstance(page, CardsPage)
    page.counter.clock = lambda: AT
    page.tabs.setCurrentWidget(page.counter)
    return page.counter


def scan(qtbot: QtBot, text: str) -> None:
    """What a USB scanner does: type the characters where the focus is, then Enter."""
    qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def redemptions(database: Database) -> list[Redemption]:
    return database.read(lambda s: list(s.scalars(select(Redemption).order_by(Redemption.id))))


def test_a_scanned_valid_card_is_accepted_in_green_and_the_field_is_ready_again(
    window: MainWindow, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    number = add_card(database, world, expires_on=date(2027, 12, 31))
    tab = counter(window)
    assert focused() is tab.number
    tab.choose(partners.pool, partners.pool_discount)
    assert tab.conditions.text() == "Conditions: no particular conditions"
    tab.focus_search()
    changed: list[bool] = []
    tab.changed.connect(lambda: changed.append(True))
    scan(qtbot, grouped(number).lower())
    assert tab.answer.kind == "valid"
    assert COLOURS["valid"][0] in tab.answer.styleSheet()
    text = tab.answer.text()
    assert "VALID" in text and "NOT VALID" not in text
    assert f"Accepted: 10% discount at Piscina Comunale, card {grouped(number)}" in text
    assert "Holder: Bianchi Laura" in text and "Carta Famiglia" in text
    assert tab.number.text() == "" and focused() is tab.number
    [logged] = redemptions(database)
    assert (logged.accepted, logged.reason, logged.benefit_id) == (True, "", partners.pool_discount)
    assert tab.model.rowCount() == 1
    row = tab.model.row_at(0)
    assert (row.number, row.partner, row.benefit, row.accepted) == (
        grouped(number),
        "Piscina Comunale",
        "10% discount",
        True,
    )
    assert tab.model.index(0, 0).data() == "10:30:00"
    assert tab.count.text() == "22/11/2026: 1 accepted, 0 refused"
    assert changed == [True]


@pytest.mark.parametrize(
    ("case", "reason", "says"),
    [
        ("expired", "card expired", "Not valid: expired on 21/11/2026."),
        ("revoked", "card revoked", "Not valid: this card was revoked."),
        ("mistyped", "check character does not match", "The check character does not match"),
        (
            "youth",
            "benefit not for this card type",
            "Refused: this benefit is for Carta Famiglia only.",
        ),
        (
            "ended",
            "agreement not in force",
            "Refused: the agreement with Piscina Comunale ended on 21/11/2026.",
        ),
    ],
)
def test_a_refused_card_says_why_in_red_and_is_logged_too(
    window: MainWindow,
    database: Database,
    world: CardWorld,
    partners: Partners,
    qtbot: QtBot,
    case: str,
    reason: str,
    says: str,
) -> None:
    number = add_card(
        database,
        world,
        status="revoked" if case == "revoked" else "active",
        expires_on=TODAY - timedelta(days=1) if case == "expired" else None,
        card_type_id=world.youth_card if case == "youth" else None,
    )
    tab = counter(window)
    tab.choose(partners.pool, partners.pool_discount)
    tab.focus_search()
    scan(qtbot, grouped(add_card(database, world)))  # an earlier use today, accepted
    if case == "ended":  # the coordinator ends the agreement while the desk has it chosen
        pool = database.read(get_partner, partners.pool)
        database.write(
            save_partner,
            PartnerInput(
                category=pool.category,
                agreement_start=pool.agreement_start,
                agreement_end=TODAY - timedelta(days=1),
                organisation_id=pool.organisation_id,
                id=pool.id,
                version=pool.version,
            ),
        )
    typed = grouped(number)
    if case == "mistyped":  # the last digit of the sequence swapped for another one
        typed = typed[:10] + ("7" if typed[10] != "7" else "8") + typed[11:]
    scan(qtbot, typed)
    assert tab.answer.kind == "refused"
    assert COLOURS["refused"][0] in tab.answer.styleSheet()
    text = tab.answer.text()
    assert "NOT VALID" in text and says in text and f"Reason: {reason}" in text
    if case != "mistyped":
        assert "Holder: Bianchi Laura" in text
    assert tab.number.text() == "" and focused() is tab.number
    logged = redemptions(database)
    assert [(r.accepted, r.number_typed) for r in logged] == [
        (True, logged[0].number_typed),
        (False, typed),
    ]
    assert tab.model.rowCount() == 2
    newest = tab.model.row_at(0)
    assert (newest.accepted, newest.reason_text) == (False, reason)
    assert tab.model.index(0, 4).data() == f"refused: {reason}"
    assert tab.model.index(0, 4).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert tab.count.text() == "22/11/2026: 1 accepted, 1 refused"
    if case == "ended":  # the partner is no longer offered, and nothing else is chosen for it
        assert tab.partner.findData(partners.pool) == -1 and tab.selected_benefit() is None
        assert "The agreement with Piscina Comunale is no longer in force" in tab.banner.text()


def test_an_empty_field_or_no_benefit_is_named_and_nothing_is_logged(
    window: MainWindow, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    number = add_card(database, world)
    tab = counter(window)
    assert tab.selected_benefit() is None  # nothing is chosen by guess on the first day
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert tab.error.text() == "Card number: scan the card or type its number, then press Enter."
    scan(qtbot, number)
    assert tab.error.text() == "Benefit: choose the partner and the benefit first."
    assert focused() is tab.partner
    assert redemptions(database) == []
    assert tab.answer.kind == ""


def test_only_partners_in_force_are_offered_and_the_choice_is_remembered(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    tab = CounterTab(context)
    qtbot.addWidget(tab)
    tab.clock = lambda: AT
    tab.load()
    offered = [tab.partner.itemData(i) for i in range(tab.partner.count())]
    assert offered == [partners.pool]  # the cinema's agreement ended on 31/10/2026
    tab.partner.setCurrentIndex(0)
    assert tab.benefit.count() == 2 and tab.selected_benefit() is None
    tab.benefit.setCurrentIndex(tab.benefit.findData(partners.pool_youth))
    assert tab.benefit.currentText() == "free entry (Carta Giovani)"
    next_morning = CounterTab(context)
    qtbot.addWidget(next_morning)
    next_morning.clock = lambda: AT + timedelta(days=1)
    next_morning.load()
    benefit = next_morning.selected_benefit()
    assert benefit is not None and benefit.id == partners.pool_youth


def test_the_log_shows_today_only_newest_first_with_the_operator(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    from familydesk.cards.redemptions import redeem

    number = add_card(database, world)
    database.write(redeem, partners.pool_discount, number, AT - timedelta(days=1))
    database.write(redeem, partners.pool_discount, number, AT - timedelta(hours=1))
    database.operator = "Giulia Rossi"
    tab = CounterTab(context)
    qtbot.addWidget(tab)
    tab.clock = lambda: AT
    tab.resize(1000, 700)
    tab.show()
    activate(tab)
    tab.load()
    tab.choose(partners.pool, partners.pool_discount)
    tab.record_button.setFocus()  # the operator tabbed away; the scanner types anyway
    scan(qtbot, number)
    assert [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())] == [
        "10:30:00",
        "09:30:00",
    ]
    assert [tab.model.index(r, 5).data() for r in range(2)] == ["Giulia Rossi", "tester"]
    total = database.read(lambda s: s.scalar(select(func.count()).select_from(Redemption)))
    assert total == 3
    assert QApplication.focusWidget() is tab.number


def test_partner_and_benefit_lists_are_searchable_and_sorted(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    from familydesk.ui.widgets.combo import SearchableCombo, collation_key

    tab = CounterTab(context)
    qtbot.addWidget(tab)
    tab.clock = lambda: AT
    tab.load()
    tab.partner.setCurrentIndex(0)
    for combo in (tab.partner, tab.benefit):
        assert isinstance(combo, SearchableCombo) and combo.isEditable()
        assert combo.completer().filterMode() == Qt.MatchFlag.MatchContains
        texts = [combo.itemText(i) for i in range(combo.count())]
        assert texts == sorted(texts, key=collation_key)

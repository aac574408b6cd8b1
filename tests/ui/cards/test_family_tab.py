"""The family page's Cards tab: the family's cards with their state, the register's actions,
and the eligibility check that issues a new card."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from familydesk.cards.issue import issue_card
from familydesk.cards.numbers import grouped
from familydesk.db.database import Database
from familydesk.db.models.cards import Card
from familydesk.ui.cards.card_actions import ReplaceDialog, RevokeDialog
from familydesk.ui.cards.eligibility_tab import EligibilityDialog
from familydesk.ui.cards.family_tab import FamilyCardsTab
from familydesk.ui.shell.main_window import MainWindow
from tests.cards.card_data import TODAY, build_world, freeze
from tests.ui.cards.register_data import Register, build_register
from tests.ui.conftest import open_page


@pytest.fixture
def register(database: Database) -> Register:
    freeze()
    return build_register(database)


def cards_tab(window: MainWindow, family_id: int) -> FamilyCardsTab:
    families = open_page(window, "families")
    families.open_family(family_id)
    detail = families.detail
    tab = next(t for t in detail.record_tabs if isinstance(t, FamilyCardsTab))
    detail.tabs.setCurrentWidget(tab)
    return tab


def title(tab: FamilyCardsTab) -> str:
    tabs = tab.parentWidget().parentWidget()  # the stack, then the tab widget
    return tabs.tabText(tabs.indexOf(tab))


def rows(tab: FamilyCardsTab) -> list[list[str]]:
    return [
        [tab.model.index(r, c).data() for c in range(tab.model.columnCount())]
        for r in range(tab.model.rowCount())
    ]


def choose(tab: FamilyCardsTab, number: str) -> None:
    tab.table.selectRow(
        [tab.model.row_at(r).number for r in range(tab.model.rowCount())].index(number)
    )


def test_the_family_page_lists_and_counts_the_familys_cards(
    window: MainWindow, register: Register
) -> None:
    tab = cards_tab(window, register.world.family[0])
    assert title(tab) == "Cards (4)"
    assert rows(tab) == [
        [grouped(register.active), "Carta Famiglia", "Bianchi Laura", "18/09/2027", "valid"],
        [grouped(register.expiring), "Carta Giovani", "Bianchi Laura", "02/12/2026", "expiring"],
        [grouped(register.revoked), "Carta Famiglia", "Bianchi Laura", "18/09/2027", "revoked"],
        [grouped(register.expired), "Carta Famiglia", "Bianchi Laura", "17/11/2026", "expired"],
    ]
    assert tab.actions.card is not None and tab.actions.card.number == register.active
    tab = cards_tab(window, register.rossi_family)
    assert title(tab) == "Cards (1)" and rows(tab)[0][0] == grouped(register.rossi)


def test_revoke_and_replace_from_the_family_page(
    window: MainWindow,
    database: Database,
    register: Register,
    qtbot: QtBot,
    opened_files: list[str],
) -> None:
    tab = cards_tab(window, register.world.family[0])
    choose(tab, register.expired)
    assert not tab.actions.replace_button.isEnabled()  # an expired card is renewed instead
    choose(tab, register.active)
    qtbot.mouseClick(tab.actions.replace_button, Qt.MouseButton.LeftButton)
    dialog = tab.last_dialog
    assert isinstance(dialog, ReplaceDialog)
    dialog.reason.setEditText("stolen card")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    new = database.read(
        lambda s: s.scalar(
            select(Card).where(Card.status == "active", Card.previous_id.is_not(None))
        )
    )
    assert new is not None and title(tab) == "Cards (5)"
    assert tab.actions.card is not None and tab.actions.card.number == new.number
    assert rows(tab)[0][0] == grouped(new.number)
    assert [r[4] for r in rows(tab)].count("replaced") == 1
    qtbot.mouseClick(tab.actions.letter_button, Qt.MouseButton.LeftButton)
    assert Path(opened_files[-1]).name == f"card-letter-{new.number}.pdf"
    qtbot.mouseClick(tab.actions.revoke_button, Qt.MouseButton.LeftButton)
    dialog = tab.last_dialog
    assert isinstance(dialog, RevokeDialog)
    dialog.save()
    assert dialog.isVisible() and "Reason" in dialog.error.text()
    qtbot.keyClicks(dialog.reason, "false statement")
    dialog.save()
    revoked = database.read(lambda s: s.get(Card, new.id))
    assert (revoked.status, revoked.revoke_reason, revoked.revoked_on) == (
        "revoked",
        "false statement",
        TODAY,
    )
    assert tab.banner.text() == f"Card {grouped(new.number)} revoked: false statement."


def test_renewal_refused_shows_the_services_message(
    window: MainWindow, database: Database, register: Register, dialogs: list[str]
) -> None:
    tab = cards_tab(window, register.world.family[0])
    choose(tab, register.expiring)
    tab.actions.renew_button.click()
    assert tab.banner.kind == "warning" and "cannot have Carta Giovani" in tab.banner.text()
    assert "Renew card" in dialogs[0]


def test_check_eligibility_and_issue(window: MainWindow, database: Database, qtbot: QtBot) -> None:
    freeze()
    world = build_world(database)
    tab = cards_tab(window, world.family[0])
    assert title(tab) == "Cards (0)" and tab.actions.card is None
    assert not tab.actions.renew_button.isEnabled()
    qtbot.mouseClick(tab.issue_button, Qt.MouseButton.LeftButton)
    dialog = tab.last_dialog
    assert isinstance(dialog, EligibilityDialog) and dialog.family_id == world.family[0]
    issued = database.write(issue_card, world.family[0], world.family_card, on=TODAY)
    dialog.issued.emit(issued)
    assert title(tab) == "Cards (1)"
    assert tab.actions.card is not None and tab.actions.card.number == issued.number
    assert (
        tab.banner.text() == f"Card {grouped(issued.number)} issued to Bianchi Laura, valid until "
        f"{issued.expires_on:%d/%m/%Y}."
    )
    assert tab.actions.card_button.isEnabled() and tab.actions.renew_button.isEnabled()


def test_roles_without_the_card_permission_have_no_cards_tab(
    database: Database, register: Register, request: pytest.FixtureRequest
) -> None:
    database.role = "educator"
    window = request.getfixturevalue("window")
    families = open_page(window, "families")
    families.open_family(register.world.family[0])
    detail = families.detail
    assert detail.record_tabs and not any(isinstance(t, FamilyCardsTab) for t in detail.record_tabs)
    assert not any(detail.tabs.tabText(i).startswith("Cards") for i in range(detail.tabs.count()))

"""The Family card page's Card register: filters and search, the card on the right with its
uses, and the actions on it (renew, revoke, replace, print) driven like an operator."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.cards.issue import renew_card
from familydesk.cards.numbers import grouped, next_number
from familydesk.cards.redemptions import redeem
from familydesk.db.database import Database
from familydesk.db.models.cards import Card, CardMember
from familydesk.db.models.registry import Family, Person
from familydesk.ui.cards.card_actions import ReplaceDialog, RevokeDialog
from familydesk.ui.cards.register_tab import RegisterTab
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.cards.card_data import TODAY, add_card, born, build_world, freeze
from tests.cards.partner_data import build_partners
from tests.ui.cards.register_data import Register, build_register
from tests.ui.conftest import open_page
from tests.ui.fit import beyond_the_right_edge, clipped, styled  # noqa: F401 (a fixture)

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def register(database: Database) -> Register:
    freeze()
    return build_register(database)


def register_tab(window: MainWindow) -> RegisterTab:
    page = open_page(window, "cards")
    return page.register


def numbers(tab: RegisterTab) -> list[str]:
    return [tab.model.row_at(r).number for r in range(tab.model.rowCount())]


def cell(tab: RegisterTab, number: str, column: int, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return tab.model.index(numbers(tab).index(number), column).data(role)


def choose(tab: RegisterTab, number: str) -> None:
    tab.table.selectRow(numbers(tab).index(number))
    tab.table.setFocus()


def alt(qtbot: QtBot, tab: RegisterTab, key: Qt.Key, button: QPushButton) -> None:
    """Alt+``key`` in the list presses ``button`` (a mnemonic: the click follows shortly)."""
    with qtbot.waitSignal(button.clicked):
        qtbot.keyClick(tab.table, key, ALT)


def card(database: Database, number: str) -> Card:
    return database.read(lambda s: s.scalar(select(Card).where(Card.number == number)))


def test_the_register_lists_every_card_with_its_state(
    window: MainWindow, register: Register
) -> None:
    tab = register_tab(window)
    assert tab.count.text() == "5 cards"
    states = {n: cell(tab, n, 6) for n in numbers(tab)}
    assert states == {
        register.active: "valid",
        register.expiring: "expiring",
        register.expired: "expired",
        register.revoked: "revoked",
        register.rossi: "valid",
    }
    assert cell(tab, register.rossi, 0) == grouped(register.rossi)
    assert [cell(tab, register.rossi, c) for c in (1, 2, 3, 4)] == [
        "Carta Famiglia",
        "Rossi Giulia",
        "Rossi",
        "Suzzara",
    ]
    expiring = tab.model.index(numbers(tab).index(register.expiring), 6)
    assert (
        isinstance(expiring.data(Qt.ItemDataRole.FontRole), QFont)
        and expiring.data(Qt.ItemDataRole.FontRole).bold()
    )
    assert expiring.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#9a5b00"
    for ended in (register.expired, register.revoked):
        assert cell(tab, ended, 2, Qt.ItemDataRole.ForegroundRole).color().name() == "#8a8a8a"
    assert cell(tab, register.active, 7, Qt.ItemDataRole.ForegroundRole) is None


@pytest.mark.parametrize(
    "state, expected",
    [
        ("active", {"active", "expiring", "rossi"}),
        ("expiring", {"expiring"}),
        ("expired", {"expired"}),
        ("revoked", {"revoked"}),
    ],
)
def test_the_state_filter(
    window: MainWindow, register: Register, state: str, expected: set[str]
) -> None:
    tab = register_tab(window)
    tab.state.setCurrentIndex(tab.state.findData(state))
    assert set(numbers(tab)) == {getattr(register, name) for name in expected}


def test_the_type_filter_and_the_search_from_the_keyboard(
    window: MainWindow, register: Register, qtbot: QtBot
) -> None:
    tab = register_tab(window)
    assert [tab.card_type.itemText(i) for i in range(tab.card_type.count())] == [
        "All types",
        "Carta Famiglia",
        "Carta Giovani",
    ]
    tab.card_type.setCurrentIndex(2)
    assert numbers(tab) == [register.expiring]
    tab.card_type.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "suzzara")
    assert numbers(tab) == [register.rossi] and tab.count.text() == "1 card"
    tab.search.clear()
    qtbot.keyClicks(tab.search, grouped(register.expired).lower())
    assert numbers(tab) == [register.expired]
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert tab.table.hasFocus() and tab.card is not None and tab.card.number == register.expired
    tab.search.clear()
    qtbot.keyClicks(tab.search, "giulia")
    assert numbers(tab) == [register.rossi]


def test_the_card_on_the_right_with_its_uses(
    window: MainWindow, database: Database, register: Register
) -> None:
    partners = build_partners(database, register.world)
    database.write(redeem, partners.pool_discount, register.active, datetime(2026, 11, 20, 16, 30))
    database.write(redeem, partners.pool_youth, register.active, datetime(2026, 11, 21, 10, 0))
    tab = register_tab(window)
    choose(tab, register.active)
    texts = tab.detail.fields.texts()
    assert texts["Holder"] == "Bianchi Laura" and texts["Members covered"] == "Bianchi Laura"
    assert texts["Issued"] == "23/10/2026" and texts["Expires"] == "18/09/2027"
    assert tab.detail.heading.text() == f"{grouped(register.active)} — Carta Famiglia"
    log = [
        [tab.detail.log_model.index(r, c).data() for c in range(3)]
        for r in range(tab.detail.log_model.rowCount())
    ]
    assert log == [
        ["21/11/2026 10:00", "Piscina Comunale · free entry", "benefit not for this card type"],
        ["20/11/2026 16:30", "Piscina Comunale · 10% discount", "accepted"],
    ]
    choose(tab, register.revoked)
    assert "Revoked" in tab.detail.fields.texts() and not tab.detail.log.isVisibleTo(tab)
    assert tab.detail.no_uses.isVisibleTo(tab)


def test_renew_an_expired_card_from_the_keyboard(
    window: MainWindow, database: Database, register: Register, qtbot: QtBot, dialogs: list[str]
) -> None:
    tab = register_tab(window)
    choose(tab, register.expired)
    assert tab.actions.renew_button.isEnabled() and not tab.actions.card_button.isEnabled()
    with qtbot.waitSignal(tab.changed):
        qtbot.keyClick(tab.table, Qt.Key.Key_R, ALT)
    assert dialogs and dialogs[0].startswith(
        f"Renew card {grouped(register.expired)} of Bianchi Laura?"
    )
    renewed = card(database, register.expired)
    assert renewed.issued_on == TODAY and renewed.expires_on > TODAY + timedelta(days=300)
    assert (
        tab.card is not None
        and tab.card.number == register.expired
        and tab.card.version == renewed.version
    )
    assert cell(tab, register.expired, 6) == "valid"
    assert tab.banner.kind == "ok" and tab.banner.text().startswith(
        f"Card {grouped(register.expired)} renewed: valid until"
    )
    assert tab.actions.card_button.isEnabled()


def test_a_renewal_the_family_no_longer_qualifies_for_is_refused(
    window: MainWindow, database: Database, register: Register, dialogs: list[str]
) -> None:
    tab = register_tab(window)
    choose(tab, register.expiring)  # a youth card: Laura is 45
    before = card(database, register.expiring)
    tab.actions.renew_button.click()
    assert tab.banner.kind == "warning" and "cannot have Carta Giovani" in tab.banner.text()
    assert card(database, register.expiring).expires_on == before.expires_on


def test_revoking_needs_a_reason(
    window: MainWindow, database: Database, register: Register, qtbot: QtBot
) -> None:
    tab = register_tab(window)
    choose(tab, register.active)
    alt(qtbot, tab, Qt.Key.Key_O, tab.actions.revoke_button)
    dialog = tab.last_dialog
    assert isinstance(dialog, RevokeDialog) and dialog.isVisible()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "Reason: say why the card is revoked."
    assert dialog.focusWidget() is dialog.reason
    assert card(database, register.active).status == "active"
    qtbot.keyClicks(dialog.reason, "moved out of the consortium")
    with qtbot.waitSignal(tab.changed):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    revoked = card(database, register.active)
    assert (revoked.status, revoked.revoke_reason, revoked.revoked_on) == (
        "revoked",
        "moved out of the consortium",
        TODAY,
    )
    assert tab.card is not None and tab.card.number == register.active
    assert (
        tab.banner.text()
        == f"Card {grouped(register.active)} revoked: moved out of the consortium."
    )
    assert tab.detail.fields.texts()["Revoked"] == "on 22/11/2026: moved out of the consortium"
    buttons = tab.actions
    assert not any(
        b.isEnabled()
        for b in (
            buttons.renew_button,
            buttons.revoke_button,
            buttons.replace_button,
            buttons.card_button,
            buttons.letter_button,
        )
    )


def test_a_card_changed_meanwhile_is_not_revoked(
    window: MainWindow, database: Database, register: Register, qtbot: QtBot
) -> None:
    tab = register_tab(window)
    choose(tab, register.active)
    dialog = tab.actions.revoke()
    assert dialog is not None
    shown = card(database, register.active)
    database.write(renew_card, shown.id, shown.version, TODAY)  # another desk renews it
    qtbot.keyClicks(dialog.reason, "lost residence")
    dialog.save()
    assert not dialog.isVisible()
    assert tab.banner.kind == "warning" and "changed by someone else" in tab.banner.text()
    now = card(database, register.active)
    assert now.status == "active" and now.revoke_reason == ""
    assert tab.card is not None and tab.card.version == now.version  # loaded again


def test_replace_a_lost_card_and_print_the_new_one(
    window: MainWindow,
    database: Database,
    register: Register,
    qtbot: QtBot,
    opened_files: list[str],
) -> None:
    tab = register_tab(window)
    choose(tab, register.active)
    alt(qtbot, tab, Qt.Key.Key_P, tab.actions.replace_button)
    dialog = tab.last_dialog
    assert isinstance(dialog, ReplaceDialog) and dialog.reason.currentText() == "lost card"
    with qtbot.waitSignal(tab.changed):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    old = card(database, register.active)
    new = database.read(lambda s: s.scalar(select(Card).where(Card.previous_id == old.id)))
    assert (old.status, old.revoke_reason) == ("replaced", "lost card")
    assert new.status == "active" and new.expires_on == old.expires_on and new.number != old.number
    assert tab.card is not None and tab.card.number == new.number
    assert tab.table.selectionModel().selectedRows()[0].row() == numbers(tab).index(new.number)
    assert grouped(new.number) in tab.banner.text() and "Print the new card" in tab.banner.text()
    assert tab.detail.fields.texts()["Replaces"] == f"{grouped(old.number)} (lost card)"
    tab.banner.link.emit(f"card:{new.number}")
    assert Path(opened_files[-1]).read_bytes().startswith(b"%PDF")
    choose(tab, old.number)
    assert tab.detail.fields.texts()["Replaced by"].startswith(
        f"{grouped(new.number)}, on 22/11/2026"
    )
    assert not tab.actions.card_button.isEnabled() and not tab.actions.renew_button.isEnabled()


def test_the_print_buttons_write_pdfs(
    window: MainWindow, register: Register, qtbot: QtBot, opened_files: list[str]
) -> None:
    tab = register_tab(window)
    choose(tab, register.rossi)
    qtbot.mouseClick(tab.actions.card_button, Qt.MouseButton.LeftButton)
    alt(qtbot, tab, Qt.Key.Key_L, tab.actions.letter_button)
    assert [Path(f).name for f in opened_files] == [
        f"card-{register.rossi}.pdf",
        f"card-letter-{register.rossi}.pdf",
    ]
    assert all(Path(f).read_bytes().startswith(b"%PDF") for f in opened_files)
    for ended in (register.revoked, register.expired):
        choose(tab, ended)
        assert not tab.actions.card_button.isEnabled() and not tab.actions.letter_button.isEnabled()
        tab.actions.print_card()
    assert len(opened_files) == 2


def test_renewal_letters_for_next_month(
    window: MainWindow, register: Register, qtbot: QtBot, opened_files: list[str]
) -> None:
    tab = register_tab(window)
    assert "01/12/2026 to 31/12/2026" in tab.letters_button.toolTip()
    qtbot.mouseClick(tab.letters_button, Qt.MouseButton.LeftButton)
    assert [Path(f).name for f in opened_files] == ["card-renewals-2026-12.pdf"]
    assert not tab.banner.isVisibleTo(tab)


def test_no_renewal_letters_to_print_is_said_in_the_banner(
    window: MainWindow, database: Database, opened_files: list[str]
) -> None:
    freeze()
    add_card(database, build_world(database))
    tab = register_tab(window)
    tab.letters_button.click()
    assert opened_files == []
    assert tab.banner.kind == "warning"
    assert (
        tab.banner.text()
        == "No active card expires between 01/12/2026 and 31/12/2026: there are no renewal "
        "letters to print."
    )


def test_the_log_says_loading_until_the_uses_arrive(window: MainWindow, register: Register) -> None:
    tab = register_tab(window)
    choose(tab, register.revoked)
    detail = tab.detail
    card_row, day = detail.card, detail.day
    assert card_row is not None
    assert detail.no_uses.text() == "The card has not been used yet."
    detail.show_card(None, None)
    detail.show_card(card_row, day)  # the uses are asked for again: not yet here
    assert detail.no_uses.text() == "Loading the uses…"
    detail.show_log(card_row.id, [])
    assert detail.no_uses.text() == "The card has not been used yet."


def _long_names(session: Session, card_type_id: int) -> str:
    """A card as the demo has them: holder, family and comune each longer than a short word."""
    family = Family(
        name="Bonfatti Storchi",
        comune_code="H771",
        comune_name="San Benedetto Po",
        address="Via Argine 7",
    )
    session.add(family)
    session.flush()
    holder = Person(
        family_id=family.id,
        first_name="Aurora Beatrice",
        last_name="Martinelli",
        sex="F",
        relation="parent",
        birth_date=born(36),
    )
    session.add(holder)
    session.flush()
    card = Card(
        number=next_number(session, "H771"),
        card_type_id=card_type_id,
        family_id=family.id,
        holder_id=holder.id,
        comune_code="H771",
        issued_on=TODAY - timedelta(days=20),
        expires_on=TODAY + timedelta(days=12),
    )
    session.add(card)
    session.flush()
    session.add(CardMember(card_id=card.id, person_id=holder.id))
    return card.number


@pytest.mark.usefixtures("styled")
def test_holder_family_comune_and_dates_are_not_clipped_at_1366(
    window: MainWindow, database: Database, register: Register, context: PageContext
) -> None:
    context.language.apply("it")  # the longer words ("in scadenza")
    number = database.write(_long_names, register.world.family_card)
    window.resize(1366, 720)
    tab = register_tab(window)
    window.resize(1366, 720)
    assert number in numbers(tab)
    wanted = [
        c
        for c in range(tab.model.columnCount())
        if tab.model.headerData(c, Qt.Orientation.Horizontal) != "Tipo"
    ]
    assert clipped(tab.table, wanted) == []
    assert beyond_the_right_edge(tab.table) == 0


def _many_cards(session, world, count: int) -> None:  # type: ignore[no-untyped-def]
    from familydesk.cards.numbers import next_number
    from familydesk.db.models.cards import CardMember

    for _ in range(count):
        added = Card(
            number=next_number(session, "E089"),
            card_type_id=world.family_card,
            family_id=world.family[0],
            holder_id=world.family[1],
            comune_code="E089",
            issued_on=TODAY - timedelta(days=400),
            expires_on=TODAY + timedelta(days=300),
        )
        session.add(added)
        session.flush()
        session.add(CardMember(card_id=added.id, person_id=world.family[1]))


def test_all_cards_arrive_a_page_at_a_time_as_the_list_scrolls(
    window: MainWindow, database: Database, register: Register
) -> None:
    """19,376 cards took 2.2 s to list at once: the register reads 200 at a time, like the
    family list, and says how many there are in all."""
    database.write(_many_cards, register.world, 245)
    tab = register_tab(window)
    assert tab.model.rowCount() == 200 and tab.count.text() == "250 cards"
    chosen = tab.card
    assert chosen is not None and numbers(tab)[0] == chosen.number  # the latest, on the right
    tab.table.scrollToBottom()
    assert tab.model.rowCount() == 250 and not tab.model.canFetchMore()
    assert len(set(numbers(tab))) == 250 and register.rossi in numbers(tab)
    assert tab.card is chosen  # scrolling keeps the card on the right
    tab.search.setText("suzzara")  # the search reads the first page of its matches
    assert numbers(tab) == [register.rossi] and tab.count.text() == "1 card"

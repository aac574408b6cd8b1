"""The Family card page's "Check a family" tab and the family page's eligibility dialog:
the rules met or not, the holder, issuing (and its refusals), the families without a card."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from familydesk.db.database import Database
from familydesk.db.models.cards import Card
from familydesk.db.models.registry import Family, Person
from familydesk.ui.cards.eligibility_tab import EligibilityDialog, EligibilityTab
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.cards.card_data import TODAY, CardWorld, add_card, born, build_world, freeze
from tests.ui.conftest import activate, open_page
from tests.ui.keyboard import CTRL, focused, press, type_text


@pytest.fixture
def world(database: Database) -> CardWorld:
    """The Bianchi family (eligible for the family card), on the day the data was made for."""
    freeze()
    return build_world(database)


def tab_for(context: PageContext, qtbot: QtBot) -> EligibilityTab:
    tab = EligibilityTab(context)
    qtbot.addWidget(tab)
    tab.retranslate_ui()
    tab.resize(1300, 760)
    tab.show()
    activate(tab)
    tab.load()
    return tab


def change(database: Database, **people_and_family: object) -> None:
    """Set attributes of a Bianchi member (``Paolo_birth_date=...``) or of the family."""

    def write(session) -> None:  # noqa: ANN001
        family = session.scalar(select(Family).where(Family.name == "Bianchi"))
        for key, value in people_and_family.items():
            if "_" in key and key[0].isupper():
                name, attribute = key.split("_", 1)
                person = session.scalar(select(Person).where(Person.first_name == name))
                setattr(person, attribute, value)
            else:
                setattr(family, key, value)

    database.write(write)


def cards(database: Database) -> list[Card]:
    return database.read(lambda s: list(s.scalars(select(Card).order_by(Card.id))))


def test_the_bianchi_family_is_eligible_rule_by_rule(
    context: PageContext, world: CardWorld, qtbot: QtBot
) -> None:
    tab = tab_for(context, qtbot)
    assert tab.panel.card_type.currentText() == "Carta Famiglia"
    tab.show_family(world.family[0])
    panel = tab.panel
    assert panel.family_name.text() == "Family Bianchi — Gonzaga"
    assert panel.verdict.text() == "Eligible for Carta Famiglia"
    assert panel.rule_lines() == [
        "✓ Resident in Gonzaga, a member comune.",
        "✓ 3 children under 26 (the card needs 3).",
        "✓ Laura Bianchi can hold the card (age 18 or more).",
    ]
    assert panel.holder.currentData() == world.family[1]
    assert panel.covers.text().count("Bianchi") == 4
    assert panel.expiry.text() == "21/11/2028"
    assert panel.existing.text() == "None yet."
    assert panel.issue_button.isEnabled()


def test_a_family_one_child_short_is_not_eligible_and_gets_no_card(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    change(database, Paolo_birth_date=born(30))
    tab = tab_for(context, qtbot)
    tab.show_family(world.family[0])
    panel = tab.panel
    assert panel.verdict.text() == "Not eligible for Carta Famiglia"
    assert "✗ 2 children under 26: the card needs 3." in panel.rule_lines()
    assert not panel.issue_button.isEnabled() and not panel.expiry.isVisible()
    panel.holder.setFocus()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert (
        "The card cannot be issued: 2 children under 26: the card needs 3." in panel.banner.text()
    )
    assert cards(database) == []


def test_a_family_living_outside_the_member_comuni_is_not_eligible(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    change(database, comune_code="F205", comune_name="Milano")
    tab = tab_for(context, qtbot)
    tab.show_family(world.family[0])
    assert (
        tab.panel.rule_lines()[0] == "✗ Resident in Milano, which is not one of the member comuni."
    )


def test_found_with_the_keyboard_and_issued_with_ctrl_enter(
    context: PageContext,
    database: Database,
    world: CardWorld,
    qtbot: QtBot,
    opened_files: list[str],
) -> None:
    tab = tab_for(context, qtbot)
    changed: list[bool] = []
    tab.changed.connect(lambda: changed.append(True))
    tab.focus_search()
    type_text(qtbot, "Bianchi Laura")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    panel = tab.panel
    assert panel.verdict.text() == "Eligible for Carta Famiglia"
    assert focused() is panel.holder
    press(qtbot, Qt.Key.Key_Return, CTRL)
    [card] = cards(database)
    assert (card.family_id, card.holder_id, card.expires_on) == (
        world.family[0],
        world.family[1],
        date(2028, 11, 21),
    )
    number = f"{card.number[:4]} {card.number[4:10]} {card.number[10:]}"
    assert panel.banner.text() == f"Card {number} issued to Bianchi Laura, valid until 21/11/2028."
    assert changed == [True]
    assert panel.existing.text().startswith(
        f"Already has card {number} (holder Bianchi Laura), valid until 21/11/2028."
    )
    assert (
        panel.verdict.text()
        == f"Already has card {number} of Carta Famiglia, valid until 21/11/2028."
    )
    assert not panel.issue_button.isEnabled()
    assert focused() is panel.print_card_button
    press(qtbot, Qt.Key.Key_Space)
    qtbot.mouseClick(panel.print_letter_button, Qt.MouseButton.LeftButton)
    assert [p.rsplit("/", 1)[-1] for p in opened_files] == [
        f"card-{card.number}.pdf",
        f"card-letter-{card.number}.pdf",
    ]


@pytest.mark.parametrize("role", ["reception", "professional"])
def test_the_dialog_issues_the_card_and_says_so(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot, role: str
) -> None:
    database.role = role
    dialog = EligibilityDialog(context, world.family[0])
    qtbot.addWidget(dialog)
    dialog.show()
    issued: list[object] = []
    dialog.issued.connect(issued.append)
    assert dialog.panel.verdict.text() == "Eligible for Carta Famiglia"
    qtbot.mouseClick(dialog.panel.issue_button, Qt.MouseButton.LeftButton)
    [card] = cards(database)
    assert [row.id for row in issued] == [card.id]  # type: ignore[attr-defined]
    assert dialog.isVisible() and "issued to Bianchi Laura" in dialog.panel.banner.text()
    assert dialog.panel.print_card_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_family_with_a_valid_card_is_not_issued_another(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    number = add_card(database, world)
    dialog = EligibilityDialog(context, world.family[0])
    qtbot.addWidget(dialog)
    dialog.show()
    activate(dialog)
    panel = dialog.panel
    # Not a large green "eligible": the family has its card, in the neutral blue of information.
    assert panel.verdict.text() == (
        f"Already has card {number[:4]} {number[4:10]} {number[10:]} of Carta Famiglia, valid "
        "until 18/09/2027."
    )
    assert "#1f4e8c" in panel.verdict.styleSheet()
    assert not panel.form.isRowVisible(panel.expiry)  # no new card to describe
    assert panel.existing.text() == (
        f"Already has card {number[:4]} {number[4:10]} {number[10:]} (holder Bianchi Laura), valid "
        "until 18/09/2027.\n"
        "Renew or replace it in the Card register."
    )
    assert not panel.issue_button.isEnabled()
    panel.holder.setFocus()
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert (
        "The card cannot be issued: the family already has a valid card of this type."
        in panel.banner.text()
    )
    assert len(cards(database)) == 1
    # A family card is the family's: choosing another holder (Paolo, 20) does not free the button.
    panel.holder.setCurrentIndex(
        panel.holder.findText("Bianchi Paolo", Qt.MatchFlag.MatchStartsWith)
    )
    assert panel.result is not None and panel.result.holder_id != world.family[1]
    assert panel.current_card() is not None and not panel.issue_button.isEnabled()


def test_a_card_issued_meanwhile_elsewhere_is_refused_with_the_service_reason(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    tab = tab_for(context, qtbot)
    tab.show_family(world.family[0])
    number = add_card(database, world)  # another desk, after the check
    qtbot.mouseClick(tab.panel.issue_button, Qt.MouseButton.LeftButton)
    assert tab.panel.banner.kind == "warning"
    assert (
        f"already has card {number[:4]} {number[4:10]} {number[10:]} of this type"
        in tab.panel.banner.text()
    )
    assert len(cards(database)) == 1 and not tab.panel.issue_button.isEnabled()


def test_rules_changed_meanwhile_refuse_with_every_reason(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    tab = tab_for(context, qtbot)
    tab.show_family(world.family[0])
    change(database, Paolo_birth_date=born(30), comune_code="F205", comune_name="Milano")
    qtbot.mouseClick(tab.panel.issue_button, Qt.MouseButton.LeftButton)
    assert tab.panel.banner.text() == (
        "The family cannot have Carta Famiglia: Resident in Milano, which is not one of the "
        "member comuni. 2 children under 26: the card needs 3."
    )
    assert tab.panel.verdict.text() == "Not eligible for Carta Famiglia"
    assert [line[0] for line in tab.panel.rule_lines()] == ["✗", "✗", "✓"]
    assert cards(database) == []


def test_a_youth_card_depends_on_the_holder_chosen(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    change(
        database,
        isee_value=Decimal("12000"),
        isee_expiry=TODAY + timedelta(days=200),
        Paolo_birth_date=born(25, days=266),
    )  # 26 on 01/03/2027
    tab = tab_for(context, qtbot)
    tab.show_family(world.family[0])
    panel = tab.panel
    panel.choose_type(world.youth_card)
    assert panel.verdict.text() == "Eligible for Carta Giovani"
    assert (
        panel.holder.currentText() == "Bianchi Paolo, 25 years"
        and panel.covers.text() == "Bianchi Paolo"
    )
    assert panel.expiry.text() == (
        "28/02/2027\nShorter than the usual 12 months: on 01/03/2027 Paolo Bianchi turns 26."
    )
    panel.holder.setCurrentIndex(panel.holder.findData(world.family[1]))
    assert panel.verdict.text() == "Not eligible for Carta Giovani"
    assert "✗ Laura Bianchi is 45: the holder's age must be 18-25." in panel.rule_lines()
    assert not panel.issue_button.isEnabled()
    panel.holder.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # Luca, 2: no
    press(qtbot, Qt.Key.Key_Down)  # Marco, 10: no
    press(qtbot, Qt.Key.Key_Down)  # Paolo
    assert panel.verdict.text() == "Eligible for Carta Giovani"
    press(qtbot, Qt.Key.Key_Return, CTRL)
    [card] = cards(database)
    paolo = panel.holder.currentData()
    assert (card.card_type_id, card.holder_id, card.expires_on) == (
        world.youth_card,
        paolo,
        date(2027, 2, 28),
    )


def _verdi(session) -> int:  # noqa: ANN001
    family = Family(name="Verdi", comune_code="L020", comune_name="Suzzara", phone="0376 77777")
    session.add(family)
    session.flush()
    session.add(
        Person(
            family_id=family.id,
            first_name="Anna",
            last_name="Verdi",
            sex="F",
            relation="parent",
            birth_date=born(38),
        )
    )
    for name, age in (("Ada", 1), ("Bea", 4), ("Ciro", 8)):
        session.add(
            Person(
                family_id=family.id,
                first_name=name,
                last_name="Verdi",
                sex="F",
                relation="child",
                birth_date=born(age),
            )
        )
    session.flush()
    return family.id


def test_families_without_a_card_are_listed_and_checked_with_enter(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    verdi = database.write(_verdi)
    tab = tab_for(context, qtbot)
    listed = tab.candidates
    assert listed.family_ids() == [world.family[0], verdi] and listed.count.text() == "2 families"
    assert [listed.model.data(listed.model.index(1, c)) for c in range(4)] == [
        "Verdi",
        "Suzzara",
        "0376 77777",
        "21/11/2028",
    ]
    listed.focus_list()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert tab.panel.family_name.text() == "Family Verdi — Suzzara"
    assert tab.panel.verdict.text() == "Eligible for Carta Famiglia"
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert listed.family_ids() == [world.family[0]] and listed.count.text() == "1 family"
    rect = listed.table.visualRect(listed.model.index(0, 0))
    qtbot.mouseClick(listed.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(listed.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.panel.family_name.text() == "Family Bianchi — Gonzaga"
    tab.panel.choose_type(world.youth_card)
    assert listed.family_ids() == [] and listed.count.text() == "No families"


def test_tab_goes_from_the_search_to_the_list(
    context: PageContext, world: CardWorld, qtbot: QtBot
) -> None:
    tab = tab_for(context, qtbot)
    tab.show_family(world.family[0])
    tab.focus_search()
    order = []
    for _ in range(6):
        order.append(focused().objectName())
        press(qtbot, Qt.Key.Key_Tab)
    assert order == [
        "personSearch",
        "cardTypeChoice",
        "holderChoice",
        "issueCard",
        "candidatesTable",
        "personSearch",
    ]


def test_the_page_opens_the_check_on_a_family(
    window: MainWindow, world: CardWorld, qtbot: QtBot
) -> None:
    page = open_page(window, "cards")
    page.check_family(world.family[0])
    assert page.tabs.currentWidget() is page.eligibility
    assert page.eligibility.panel.verdict.text() == "Eligible for Carta Famiglia"


def test_roles_without_the_card_permission_are_told_why(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    database.role = "educator"
    dialog = EligibilityDialog(context, world.family[0])
    qtbot.addWidget(dialog)
    assert dialog.panel.issue_button.isHidden()
    assert (
        "Your role (educator) does not allow you to issue family cards"
        in dialog.panel.banner.text()
    )
    dialog.panel.issue()
    assert cards(database) == []


def test_the_check_speaks_italian(context: PageContext, world: CardWorld, qtbot: QtBot) -> None:
    tab = tab_for(context, qtbot)
    tab.show_family(world.family[0])
    context.language.apply("it")
    tab.retranslate_ui()
    assert tab.panel.verdict.text() == "Ha i requisiti per la carta «Carta Famiglia»"
    assert tab.panel.rule_lines()[1] == "✓ 3 figli sotto i 26 anni (la carta ne richiede 3)."
    assert tab.panel.issue_button.text() == "Rilascia la carta"

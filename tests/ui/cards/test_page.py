"""The Family card page: its tabs, for the roles that may use it."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.ui.cards.page import CardsPage
from familydesk.ui.shell.main_window import MainWindow
from tests.ui.conftest import open_page


def test_the_page_has_four_tabs_loaded_when_first_shown(window: MainWindow, qtbot: QtBot) -> None:
    page = open_page(window, "cards")
    assert isinstance(page, CardsPage)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Card register",
        "Check a family",
        "Benefits counter",
        "Partners",
    ]
    assert page.tabs.currentWidget() is page.register


@pytest.mark.parametrize("role", ["educator"])
def test_roles_without_the_card_permission_see_it_greyed_out(
    database: Database, role: str, request: pytest.FixtureRequest
) -> None:
    database.role = role
    window = request.getfixturevalue("window")
    page = window.pages["cards"]
    assert not page.available
    assert (
        page.unavailable_reason()
        == "Family card: for reception, professionals, coordinators and administrators"
    )


def test_coming_back_to_the_page_shows_cards_issued_meanwhile(
    window: MainWindow, database: Database
) -> None:
    from tests.cards.card_data import add_card, build_world

    world = build_world(database)
    page = open_page(window, "cards")
    assert page.register.model.rowCount() == 0
    window.show_page("families")
    # A card issued from the family page: the write goes through the runner, which announces it.
    add_card(_ThroughRunner(window.context.runner), world)  # type: ignore[arg-type]
    window.show_page("cards")
    assert page.register.model.rowCount() == 1


class _ThroughRunner:
    """Writes through the window's runner, as the family page does."""

    def __init__(self, runner) -> None:  # type: ignore[no-untyped-def]
        self.runner = runner

    def write(self, fn, *args):  # type: ignore[no-untyped-def]
        self.runner.write(fn, *args)


def test_a_language_switch_reloads_what_was_read_in_the_old_language(
    window: MainWindow, context
) -> None:  # type: ignore[no-untyped-def]
    from tests.cards.card_data import build_world
    from tests.cards.partner_data import build_partners

    database = window.context.runner.database
    build_partners(database, build_world(database))
    page = open_page(window, "cards")
    page.show_tab(page.partners)
    model = page.partners.model
    categories = {model.row_at(r).category_name for r in range(model.rowCount())}
    assert "Sports" in categories or "Commercial" in categories
    context.language.apply("it")
    categories = {model.row_at(r).category_name for r in range(model.rowCount())}
    assert categories and not categories & {
        "Sports",
        "Commercial",
        "Cultural",
        "Social",
        "Educational",
    }

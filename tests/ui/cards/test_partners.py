"""The Partners tab: filters, details with the agreement's state, benefits and uses; the
coordinator's dialogs (validation under the field, conflicts, removal); read-only for the
desk; the directory booklet."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from familydesk.cards.partner_editing import BenefitInput, PartnerInput, save_benefit, save_partner
from familydesk.cards.partners import get_partner, list_partners
from familydesk.cards.redemptions import redeem
from familydesk.db.database import Database
from familydesk.db.models.registry import MemberComune
from familydesk.ui.cards.partners_tab import PartnersTab
from familydesk.ui.shell.main_window import MainWindow
from familydesk.ui.widgets.page import PageContext
from tests.cards.card_data import TODAY, CardWorld, add_card, build_world
from tests.cards.partner_data import Partners, build_partners
from tests.ui.conftest import activate, open_page
from tests.ui.fit import beyond_the_right_edge, clipped, styled  # noqa: F401 (a fixture)


@pytest.fixture
def world(database: Database) -> CardWorld:
    return build_world(database)


@pytest.fixture
def partners(database: Database, world: CardWorld) -> Partners:
    return build_partners(database, world)


def partners_tab(context: PageContext, qtbot: QtBot, role: str = "coordinator") -> PartnersTab:
    context.runner.database.role = role
    tab = PartnersTab(context)
    qtbot.addWidget(tab)
    tab.today = lambda: TODAY
    tab.retranslate_ui()
    tab.resize(1250, 760)
    tab.show()
    activate(tab)
    tab.load()
    return tab


def _bookshop(database: Database, world: CardWorld) -> int:
    """A bookshop in Suzzara, without agreement dates."""

    def write(session):  # type: ignore[no-untyped-def]
        comune = session.scalar(
            select(MemberComune.cadastral_code).where(MemberComune.name == "Suzzara")
        )
        shop = save_partner(
            session,
            PartnerInput(
                "Libreria Il Segnalibro",
                "educational",
                "Suzzara",
                comune,
                "Piazza Castello 12",
                phone="0376 531234",
            ),
        )
        save_benefit(
            session,
            BenefitInput(
                shop.id,
                "percent",
                Decimal("15"),
                conditions="On children's books.",
                card_type_ids=(world.family_card,),
            ),
        )
        return shop.id

    return database.write(write)


def test_the_list_is_filtered_by_category_comune_and_name(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    _bookshop(database, world)
    tab = partners_tab(context, qtbot)
    assert tab.shown_names() == ["Cinema Italia", "Libreria Il Segnalibro", "Piscina Comunale"]
    assert tab.count.text() == "3 partners"
    tab.category.setCurrentIndex(tab.category.findData("sports"))
    assert tab.shown_names() == ["Piscina Comunale"]
    tab.category.setCurrentIndex(0)
    tab.comune.setCurrentIndex(tab.comune.findText("Suzzara"))
    assert tab.shown_names() == ["Libreria Il Segnalibro"]
    tab.comune.setCurrentIndex(0)
    tab.focus_search()
    qtbot.keyClicks(tab.search, "cine")
    assert tab.shown_names() == ["Cinema Italia"] and tab.count.text() == "1 partner"
    assert tab.detail.name.text() == "Cinema Italia"
    assert (
        tab.detail.agreement.text()
        == "⚠ Agreement ended on 31/10/2026: its benefits can no longer be given."
    )
    assert tab.model.index(0, 2).data() == "ended on 31/10/2026"


def test_the_details_show_the_benefits_and_a_years_uses(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    number = add_card(database, world)
    for typed, month in ((number, 11), ("E089 000999 X", 11), (number, 6)):
        database.write(
            redeem, partners.pool_discount, typed, datetime(2026, month, 20, 9, tzinfo=UTC)
        )
    database.write(redeem, partners.pool_discount, number, datetime(2025, 10, 1, 9, tzinfo=UTC))
    tab = partners_tab(context, qtbot)
    tab.select_partner(partners.pool)
    detail = tab.detail
    assert detail.name.text() == "Piscina Comunale"
    assert detail.agreement.text() == "Agreement in force from 01/01/2026 to 31/12/2027."
    assert (
        detail.values["category"].text() == "Sports"
        and detail.values["address"].text() == "Via Roma 1"
    )
    benefits = [
        [detail.benefits.index(r, c).data() for c in range(4)]
        for r in range(detail.benefits.rowCount())
    ]
    assert benefits == [
        ["10% discount", "Percent discount", "Carta Famiglia", "active"],
        ["free entry", "Free entry", "Carta Giovani", "active"],
    ]
    assert detail.uses.rowCount() == 3  # the one of October 2025 is older than 12 months
    assert detail.uses.index(0, 0).data() == "20/11/2026 10:00"
    assert detail.uses_count.text() == "2 accepted, 1 refused"


def test_a_coordinator_adds_a_partner_and_its_benefit_from_the_dialogs(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    tab = partners_tab(context, qtbot)
    changed: list[bool] = []
    tab.changed.connect(lambda: changed.append(True))
    dialog = tab.new_partner()
    assert dialog is not None
    dialog.save()
    assert dialog.form.errors["name"].text() == "Name: please fill it in." and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Farmacia San Rocco")
    dialog.category.setCurrentIndex(dialog.category.findData("social"))
    dialog.comune.setCurrentIndex(dialog.comune.findText("Gonzaga"))
    qtbot.keyClicks(dialog.address, "Via Mazzini 3")
    qtbot.keyClicks(dialog.start, "31/02/2026")
    dialog.save()
    assert (
        dialog.form.errors["agreement_start"]
        .text()
        .startswith("Agreement from: “31/02/2026” does not exist: February 2026 has 28 days.")
    )
    assert dialog.focusWidget() is dialog.start
    dialog.start.setText("01/03/2026")
    qtbot.keyClicks(dialog.end, "01/01/2026")
    dialog.save()
    assert (
        dialog.form.errors["agreement_end"]
        .text()
        .startswith("Agreement end: a date from 01/03/2026 on")
    )
    dialog.end.setText("28/02/2028")
    dialog.save()
    assert not dialog.isVisible()
    added = next(p for p in database.read(list_partners) if p.name == "Farmacia San Rocco")
    assert (added.category, added.address, added.agreement_start, added.agreement_end) == (
        "social",
        "Via Mazzini 3",
        date(2026, 3, 1),
        date(2028, 2, 28),
    )
    assert (
        tab.detail.name.text() == "Farmacia San Rocco"
        and "Saved: Farmacia San Rocco." in tab.banner.text()
    )
    assert changed == [True]

    benefit = tab.detail.add_benefit()
    assert benefit is not None
    benefit.kind.setCurrentIndex(benefit.kind.findData("percent"))
    qtbot.keyClicks(benefit.value, "150")
    benefit.save()
    assert benefit.form.errors["value"].text() == "Discount: a percentage from 1 to 100."
    benefit.value.setText("12,5")
    benefit.tick_card_types([])
    benefit.save()
    assert benefit.form.errors["card_type_ids"].text().startswith("Card types: choose at least one")
    benefit.tick_card_types([world.family_card])
    qtbot.keyClicks(benefit.conditions, "On medicines without prescription.")
    benefit.save()
    assert not benefit.isVisible()
    [saved] = database.read(get_partner, added.id).benefits
    assert (saved.kind, saved.value, saved.card_type_ids, saved.conditions) == (
        "percent",
        Decimal("12.50"),
        (world.family_card,),
        "On medicines without prescription.",
    )
    assert (
        tab.detail.benefits.rowCount() == 1
        and tab.detail.benefits.index(0, 0).data() == "12.5% discount"
    )
    assert "Benefit added: 12.5% discount." in tab.banner.text()
    assert changed == [True, True]


def test_an_edit_changed_meanwhile_by_someone_else_is_refused_under_the_form(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    tab = partners_tab(context, qtbot)
    tab.select_partner(partners.pool)
    dialog = tab.edit_partner()
    assert dialog is not None and dialog.name.text() == "Piscina Comunale"
    pool = database.read(get_partner, partners.pool)
    database.write(
        save_partner,
        PartnerInput(
            category=pool.category,
            contact="Mario Rossi",
            organisation_id=pool.organisation_id,
            id=pool.id,
            version=pool.version,
        ),
    )
    dialog.phone.setText("0376 1")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.form.general_error.text().startswith("This record was changed by someone else")
    assert tab.detail.values["contact"].text() == "Mario Rossi"  # the tab shows the new version
    assert database.read(get_partner, partners.pool).phone == ""


def test_removal_is_confirmed_and_a_used_partner_is_only_retired(
    context: PageContext,
    database: Database,
    world: CardWorld,
    partners: Partners,
    qtbot: QtBot,
    dialogs: list[str],
) -> None:
    database.write(
        redeem,
        partners.pool_discount,
        add_card(database, world),
        datetime(2026, 11, 20, 9, tzinfo=UTC),
    )
    tab = partners_tab(context, qtbot)
    tab.select_partner(partners.cinema)
    tab.remove_partner()
    assert dialogs[-1].startswith("Remove Cinema Italia and its benefits?")
    assert "Removed: Cinema Italia." in tab.banner.text()
    assert [p.name for p in database.read(list_partners, active_only=False)] == ["Piscina Comunale"]
    tab.select_partner(partners.pool)
    tab.remove_partner()
    assert "Piscina Comunale is kept as not in use" in tab.banner.text()
    assert tab.shown_names() == []
    tab.retired.setChecked(True)
    assert tab.shown_names() == ["Piscina Comunale"]
    assert tab.model.index(0, 2).data() == "not in use"
    tab.detail.benefit_table.selectRow(0)
    tab.detail.remove_benefit()
    assert "10% discount was already used" in tab.banner.text()
    assert [b.active for b in database.read(get_partner, partners.pool).benefits] == [False, True]


def test_the_reception_sees_the_partners_without_edit_buttons(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    tab = partners_tab(context, qtbot, role="reception")
    assert tab.shown_names() == ["Cinema Italia", "Piscina Comunale"]
    buttons = (
        tab.new_button,
        tab.edit_button,
        tab.remove_button,
        tab.detail.add_button,
        tab.detail.edit_button,
        tab.detail.remove_button,
    )
    assert not any(button.isVisible() for button in buttons)
    assert tab.booklet_button.isVisible()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert not hasattr(tab, "last_dialog")  # neither Ctrl+N nor Enter opened a dialog
    assert tab.new_partner() is None and tab.edit_partner() is None
    assert tab.detail.add_benefit() is None
    assert tab.detail.uses.rowCount() == 0 and tab.detail.name.text() == "Cinema Italia"


def test_the_directory_booklet_prints(
    context: PageContext,
    database: Database,
    world: CardWorld,
    qtbot: QtBot,
    opened_files: list[str],
) -> None:
    _bookshop(database, world)
    tab = partners_tab(context, qtbot, role="reception")
    qtbot.mouseClick(tab.booklet_button, Qt.MouseButton.LeftButton)
    [path] = opened_files
    assert Path(path).name == "partner-booklet-all.pdf" and Path(path).stat().st_size > 1000


def test_a_coordinator_works_from_the_keyboard(
    context: PageContext, database: Database, world: CardWorld, partners: Partners, qtbot: QtBot
) -> None:
    tab = partners_tab(context, qtbot)
    tab.focus_search()
    qtbot.keyClicks(tab.search, "pisc")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert tab.table.hasFocus() and tab.detail.name.text() == "Piscina Comunale"
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    edit = tab.last_dialog
    assert edit.windowTitle() == "Edit partner" and edit.name.text() == "Piscina Comunale"
    edit.reject()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new = tab.last_dialog
    assert new.windowTitle() == "New partner" and new.name.text() == ""
    qtbot.keyClicks(new.name, "Museo Civico")
    new.category.setCurrentIndex(new.category.findData("cultural"))
    activate(new)
    qtbot.keyClick(new.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not new.isVisible()
    assert "Museo Civico" in [p.name for p in database.read(list_partners)]


def test_names_keep_their_distinguishing_end_and_comuni_fit(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    world = build_world(database)
    build_partners(database, world)
    tab = partners_tab(context, qtbot)
    assert tab.table.textElideMode() == Qt.TextElideMode.ElideMiddle
    metrics = tab.table.fontMetrics()
    comuni = [tab.model.index(r, 2).data() for r in range(tab.model.rowCount())]
    assert comuni
    assert tab.table.columnWidth(2) >= max(metrics.horizontalAdvance(c) for c in comuni)


@pytest.mark.usefixtures("styled")
def test_the_agreement_dates_show_whole_at_1366(
    window: MainWindow, database: Database, world: CardWorld, context: PageContext
) -> None:
    """'fino al 31/12/2027' and the category show whole; the names give way (cut in the
    middle) and the list is not scrolled past its left edge."""
    context.language.apply("it")
    build_partners(database, world)
    for n in range(4):
        database.write(
            save_partner,
            PartnerInput(
                name=f"Biblioteca Comunale di San Benedetto Po, sezione ragazzi {n}",
                category="educational",
                agreement_end=date(2027, 12, 31),
            ),
        )
    window.resize(1366, 720)
    page = open_page(window, "cards")
    page.tabs.setCurrentWidget(page.partners)
    window.resize(1366, 720)
    tab = page.partners
    agreements = [tab.model.index(r, 2).data() for r in range(tab.model.rowCount())]
    assert "fino al 31/12/2027" in agreements
    assert clipped(tab.table, [1, 2]) == []
    assert beyond_the_right_edge(tab.table) == 0
    assert tab.table.horizontalScrollBar().value() == 0


def test_a_new_partner_picks_its_organisation_from_the_directory_accent_blind(
    context: PageContext, database: Database, world: CardWorld, qtbot: QtBot
) -> None:
    from familydesk.directory.editing import OrganisationInput, save_organisation

    library = database.write(
        save_organisation,
        OrganisationInput(
            "Biblioteca Città di Suzzara",
            "library",
            comune_name="Suzzara",
            comune_code="L020",
            address="Piazza Castello 1",
            phone="0376 513250",
        ),
    )
    tab = partners_tab(context, qtbot)
    dialog = tab.new_partner()
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "citta suz")
    popup = dialog.name.completer().popup()
    assert dialog.name.items.rowCount() == 1 and popup.isVisible()
    assert dialog.name.items.index(0, 0).data() == "Biblioteca Città di Suzzara — Suzzara"
    dialog.name.completer().activated[QModelIndex].emit(
        dialog.name.completer().completionModel().index(0, 0)
    )
    assert popup is not None and dialog.name.text() == "Biblioteca Città di Suzzara"
    assert (dialog.comune.currentText(), dialog.address.text()) == ("Suzzara", "Piazza Castello 1")
    assert dialog.hint.text() == "In the directory: Library, Suzzara."
    dialog.category.setCurrentIndex(dialog.category.findData("cultural"))
    dialog.save()
    assert not dialog.isVisible()
    [added] = database.read(list_partners)
    assert (added.organisation_id, added.phone) == (library.id, "0376 513250")
    assert added.organisation_version == library.version  # nothing changed in the directory

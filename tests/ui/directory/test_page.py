"""The Services page: accent-blind search as one types, filters, the review mark, read-only for
readers, a coordinator's dialog (round trip, an error under its field)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from familydesk import i18n
from familydesk.db.database import Database
from familydesk.directory import editing, records
from familydesk.frontdesk.needs import list_needs
from familydesk.ui.directory.page import DirectoryPage
from familydesk.ui.widgets.page import PageContext


def _world(database: Database) -> dict[str, int]:
    needs = {n.key: n.id for n in database.read(list_needs)}
    org = database.write(
        editing.save_organisation,
        editing.OrganisationInput(name="Comune di Suzzara", kind="public", phone="0376 1"),
    )
    database.write(
        editing.save_service,
        editing.ServiceInput(
            org.id,
            "Servizio Città Sociale",
            need_ids=(needs["parenting"],),
            comune_name="Suzzara",
            comune_code="L020",
            checked_on=date(2026, 11, 1),
        ),
    )
    database.write(
        editing.save_service,
        editing.ServiceInput(
            org.id,
            "Asilo nido",
            need_ids=(needs["pregnancy_newborns"],),
            comune_name="Pegognaga",
            comune_code="G417",
        ),
    )
    return needs


def _page(context: PageContext, qtbot: QtBot, role: str) -> DirectoryPage:
    context.runner.database.role = role
    page = DirectoryPage(context)
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    page.activate()
    return page


def test_search_is_accent_blind_and_filters_by_need_comune_and_review(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    _world(database)
    page = _page(context, qtbot, "reception")
    assert page.shown_names() == ["Asilo nido", "Servizio Città Sociale"]
    qtbot.keyClicks(page.search, "citta")
    assert page.shown_names() == ["Servizio Città Sociale"]
    page.search.clear()
    page.need.setCurrentIndex(page.need.findData("pregnancy_newborns"))
    assert page.shown_names() == ["Asilo nido"]
    page.need.setCurrentIndex(0)
    page.comune.setCurrentIndex(page.comune.findData("Suzzara"))
    assert page.shown_names() == ["Servizio Città Sociale"]
    page.comune.setCurrentIndex(0)
    page.review.setChecked(True)
    assert page.shown_names() == ["Asilo nido"]
    assert page.model.index(0, 6).data().startswith("⚠")


def test_a_new_page_is_labelled_and_the_list_gets_the_width(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    """At a real display the page came up with no title, placeholder, filter or button
    words (they were only set on a language change), and the names squeezed to 70 px."""
    _world(database)
    page = _page(context, qtbot, "coordinator")
    assert page.heading.text() == "Services"
    assert page.search.placeholderText().startswith("Search services")
    assert page.need.itemText(0) == "All needs" and page.review.text() == "To review"
    assert all(button.text() for button in page.buttons.values())
    # Every button reads whole on the page's width (at a real display "Segna come
    # verificato oggi" and "Stampa la guida…" were cut).
    for language in ("en", "it"):
        i18n.set_language(language)
        page.retranslate_ui()
        qtbot.wait(10)
        cut = [b.text() for b in page.buttons.values() if b.width() < b.sizeHint().width()]
        assert cut == [], language
    i18n.set_language("en")
    left, right = page.findChild(QSplitter).sizes()
    assert left > right
    # The names read whole (before: the name and organisation columns gave way first).
    assert page.table.columnWidth(0) >= page.table.sizeHintForColumn(0)


def test_a_reader_sees_no_edit_buttons(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    _world(database)
    page = _page(context, qtbot, "reception")
    assert not page.buttons["new"].isVisibleTo(page) and not page.buttons["edit"].isVisibleTo(page)
    assert page.edit_service() is None


def test_a_coordinator_creates_a_service_and_sees_an_error_under_its_field(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    _world(database)
    page = _page(context, qtbot, "coordinator")
    dialog = page.new_service()
    dialog.organisation.setCurrentIndex(1)
    dialog.name.setText("Consultorio")
    dialog.email.setText("nope")
    dialog.save()
    assert "E-mail" in dialog.error_under("email")
    dialog.email.setText("c@esempio.it")
    dialog.languages.setText("it, ar")
    dialog.age_min.setText("0")
    dialog.age_max.setText("3")
    dialog.hours.setPlainText("lun 9-12")
    dialog.access.setCurrentIndex(dialog.access.findData("appointment"))
    dialog.category.setCurrentIndex(dialog.category.findData(page.needs[0].id))
    dialog.save()
    assert "Consultorio" in page.shown_names()
    assert page.detail.service.name == "Consultorio"
    assert page.detail.text("languages") in ("Italian, Arabic", "italiano, arabo")
    again = page.edit_service()
    assert again.email.text() == "c@esempio.it" and again.age_max.text() == "3"
    assert again.need_ids() == (page.needs[0].id,)


def test_down_goes_to_the_list_enter_edits_and_a_write_elsewhere_refreshes_it(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt

    from familydesk.ui.shell.runner import OpChanges

    _world(database)
    page = _page(context, qtbot, "coordinator")
    page.focus_search()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() or page.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.last_dialog.windowTitle() == "Edit service"
    page.last_dialog.reject()
    org = database.read(records.list_organisations)[0]
    database.write(editing.save_service, editing.ServiceInput(org.id, "Biblioteca ragazzi"))
    context.runner.changed.emit(OpChanges(frozenset({"directory_service"}), "tester"))
    assert "Biblioteca ragazzi" in page.shown_names()


def test_merge_with_opens_the_merge_dialog_for_the_shown_service(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    from familydesk.ui.directory.merge_dialog import MergeServiceDialog

    _world(database)
    page = _page(context, qtbot, "coordinator")
    page.table.selectRow(0)
    page.buttons["merge"].click()
    assert isinstance(page.last_dialog, MergeServiceDialog)
    assert page.last_dialog.service.id == page.detail.service.id
    assert page.detail.service.id not in [row.id for row in page.last_dialog.others]
    page.last_dialog.reject()

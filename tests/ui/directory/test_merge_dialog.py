"""Merging two directory entries from the Services page: the duplicate is found accent-blind
from the keyboard, the sentence counts the referrals that move, and after confirming the
duplicate is gone and its referrals name the kept service; readers have no merge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.directory import records
from familydesk.kernel.errors import ConflictError
from familydesk.ui.directory.merge_dialog import MergeServiceDialog, merge_service
from familydesk.ui.directory.page import DirectoryPage
from familydesk.ui.widgets.page import PageContext
from tests.directory import directory_data as data


def _world(database: Database) -> dict[str, records.ServiceRow]:
    org = data.organisation(database, "ATS Val Padana", kind="public")
    kept = data.service(database, org.id, "Consultorio familiare di Suzzara")
    duplicate = data.service(database, org.id, "Consultorio Suzzara (città)")
    other = data.service(database, org.id, "Asilo nido")
    for _n in range(2):
        data.referral(database, service_id=duplicate.id)
    data.referral(database, service_id=kept.id)
    return {"kept": kept, "duplicate": duplicate, "other": other}


def _dialog(context: PageContext, database: Database, qtbot: QtBot, rows) -> MergeServiceDialog:  # type: ignore[no-untyped-def]
    context.runner.database.role = "coordinator"
    services = database.read(records.list_services)
    dialog = MergeServiceDialog(context.runner, rows["kept"], services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_duplicate_is_found_accent_blind_and_the_kept_entry_is_not_offered(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    rows = _world(database)
    dialog = _dialog(context, database, qtbot, rows)
    names = dialog.shown_names()
    assert not any(name.startswith("Consultorio familiare") for name in names)
    assert len(names) == 2
    qtbot.keyClicks(dialog.search, "citta")
    assert [n.split(" — ")[0] for n in dialog.shown_names()] == ["Consultorio Suzzara (città)"]
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "NIDO")
    assert [n.split(" — ")[0] for n in dialog.shown_names()] == ["Asilo nido"]


def test_the_sentence_counts_the_referrals_and_merging_moves_them(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    rows = _world(database)
    request = data.referral(database, service_id=rows["duplicate"].id)
    dialog = _dialog(context, database, qtbot, rows)
    assert not dialog.merge_button.isEnabled()
    qtbot.keyClicks(dialog.search, "suzz citta")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    text = dialog.confirmation.text()
    assert text.startswith("The 3 referrals of «Consultorio Suzzara (città)")
    assert "move to «Consultorio familiare di Suzzara" in text
    assert "is removed from the directory" in text
    assert dialog.merge_button.isEnabled()
    dialog.merge_button.click()
    assert dialog.result() == MergeServiceDialog.DialogCode.Accepted
    ids = [row.id for row in database.read(records.list_services)]
    assert rows["duplicate"].id not in ids and rows["kept"].id in ids
    assert data.request_of(database, request)[0] == rows["kept"].id


def test_one_referral_reads_in_the_singular(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    rows = _world(database)
    dialog = _dialog(context, database, qtbot, rows)
    dialog.choose(rows["other"])
    assert "has no referrals" in dialog.confirmation.text()
    data.referral(database, service_id=rows["other"].id)
    dialog.choose(database.read(records.get_service, rows["other"].id))
    assert dialog.confirmation.text().startswith("The 1 referral of «Asilo nido")
    assert "moves to" in dialog.confirmation.text()


def test_a_refusal_shows_in_the_banner_and_the_dialog_stays(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    rows = _world(database)
    dialog = _dialog(context, database, qtbot, rows)
    dialog.choose(rows["duplicate"])
    data_before = [row.id for row in database.read(records.list_services)]
    dialog._failed(ConflictError("Someone else changed this entry."))
    assert "Someone else changed" in dialog.banner.text()
    context.runner.database.role = "reception"
    dialog.confirm()
    assert dialog.banner.text() and dialog.isVisible()
    assert [row.id for row in database.read(records.list_services)] == data_before


def _page(context: PageContext, qtbot: QtBot, role: str) -> DirectoryPage:
    context.runner.database.role = role
    page = DirectoryPage(context)
    qtbot.addWidget(page)
    page.retranslate_ui()
    page.show()
    page.activate()
    return page


def test_a_reader_has_no_merge_and_a_coordinator_opens_it_from_the_page(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    _world(database)
    reader = _page(context, qtbot, "reception")
    assert not reader.buttons["merge"].isVisibleTo(reader)
    reader.merge()
    assert getattr(reader, "last_dialog", None) is None
    page = _page(context, qtbot, "coordinator")
    page.table.selectRow(0)
    assert page.buttons["merge"].isVisibleTo(page)
    page.buttons["merge"].click()
    assert isinstance(page.last_dialog, MergeServiceDialog)
    assert page.last_dialog.service.id == page.detail.service.id
    page.last_dialog.reject()


def test_merge_service_focuses_the_search(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    rows = _world(database)
    holder = DirectoryPage(context)
    qtbot.addWidget(holder)
    holder.show()
    merge_service(holder, context.runner, rows["kept"], database.read(records.list_services))
    assert isinstance(holder.last_dialog, MergeServiceDialog)
    holder.last_dialog.reject()

"""Privacy page tabs: retention periods and erasure requests (GDPR)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from familydesk import registry
from familydesk.db.database import Database
from familydesk.kernel import clock
from familydesk.privacy import erasure, retention
from familydesk.ui.privacy.erasure_tab import ErasureTab, record_request_dialog
from familydesk.ui.privacy.page import PrivacyPage
from familydesk.ui.privacy.retention_tab import RetentionTab
from familydesk.ui.widgets.page import PageContext
from tests.privacy.privacy_data import age, family, member

LEFT = Qt.MouseButton.LeftButton


def _retention_tab(context: PageContext, qtbot: QtBot) -> RetentionTab:
    tab = RetentionTab(context)
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.load()
    return tab


def test_rules_are_shown_and_saved_from_the_spin_boxes(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    tab = _retention_tab(context, qtbot)
    assert tab.rules_model.rowCount() == len(retention.kinds.kinds()) == 10
    assert tab.spins["notes"].value() == 24 and tab.spins["notes"].minimum() == 6
    tab.spins["notes"].setValue(36)
    qtbot.mouseClick(tab.save_button, LEFT)
    assert "saved" in tab.status.text()
    rules = {r.kind: r for r in database.read(retention.retention_rules)}
    assert (rules["notes"].months, rules["notes"].version) == (36, 1)
    tab.spins["notes"].setValue(48)  # the new version is used for the next save
    qtbot.mouseClick(tab.save_button, LEFT)
    assert {r.kind: r.months for r in database.read(retention.retention_rules)}["notes"] == 48


def test_preview_then_apply_after_confirming_the_count(
    context: PageContext, database: Database, qtbot: QtBot, dialogs: list[str]
) -> None:
    old = family(database, "Bianchi", [member("Anna", "Bianchi", date(1980, 5, 6))])
    age(database, old.id, date(2019, 6, 1))
    tab = _retention_tab(context, qtbot)
    qtbot.mouseClick(tab.preview_button, LEFT)
    counts = {tab.preview_model.row_at(i).kind: tab.preview_model.row_at(i).count for i in range(4)}
    assert counts["registry"] == 1 and "1 record would be" in tab.status.text()
    tab.grab().save("/tmp/familydesk-retention-tab.png")
    assert dialogs == []
    qtbot.mouseClick(tab.apply_button, LEFT)
    assert len(dialogs) == 1 and "1 record will be anonymised" in dialogs[0]
    assert database.read(registry.get_family, old.id).name == "Anonymised family"
    assert "1 record anonymised" in tab.status.text()
    qtbot.mouseClick(tab.apply_button, LEFT)  # nothing left: no question asked
    assert len(dialogs) == 1 and "nothing to do" in tab.status.text()


def _requests(database: Database):  # type: ignore[no-untyped-def]
    fam = family(
        database,
        "Rossi",
        [
            member("Giulia", "Rossi", date(1984, 2, 2)),
            member("Marco", "Rossi", date(1982, 8, 8), sex="M"),
        ],
    )
    first = database.write(erasure.record_erasure_request, fam.members[0].id, None, "in person")
    second = database.write(erasure.record_erasure_request, fam.members[1].id, None, "by e-mail")
    return fam, first, second


def _erasure_tab(context: PageContext, qtbot: QtBot) -> ErasureTab:
    tab = ErasureTab(context)
    qtbot.addWidget(tab)
    tab.resize(1100, 400)
    tab.load()
    return tab


def _select(tab: ErasureTab, request_id: int) -> None:
    row = next(i for i in range(tab.model.rowCount()) if tab.model.row_at(i).id == request_id)
    tab.view.selectRow(row)


def test_carry_out_asks_then_anonymises(
    context: PageContext, database: Database, qtbot: QtBot, dialogs: list[str]
) -> None:
    fam, first, _second = _requests(database)
    tab = _erasure_tab(context, qtbot)
    assert tab.model.rowCount() == 2 and not tab.carry_button.isEnabled()
    _select(tab, first.id)
    assert tab.carry_button.isEnabled()
    qtbot.mouseClick(tab.carry_button, LEFT)
    assert len(dialogs) == 1 and str(first.id) in dialogs[0]
    statuses = {r.id: r.status for r in database.read(erasure.list_erasure_requests)}
    assert statuses[first.id] == "carried_out"
    assert database.read(registry.get_family, fam.id).members[0].first_name == ""
    _select(tab, first.id)
    assert not tab.refuse_button.isEnabled()


def test_refusal_dialog_needs_a_ground(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    _fam, _first, second = _requests(database)
    tab = _erasure_tab(context, qtbot)
    _select(tab, second.id)
    qtbot.mouseClick(tab.refuse_button, LEFT)
    dialog = tab.refuse_dialog
    dialog.save()
    assert "Ground for refusal" in dialog.error.text() and dialog.isVisible()
    dialog.ground.setCurrentIndex(dialog.ground.findData("legal_obligation"))
    dialog.note.setPlainText("cartella sociale aperta")
    dialog.grab().save("/tmp/familydesk-refuse-dialog.png")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    row = next(r for r in database.read(erasure.list_erasure_requests) if r.id == second.id)
    assert (row.status, row.refusal_ground) == ("refused", "legal_obligation")
    assert any(tab.model.row_at(i).status == "refused" for i in range(tab.model.rowCount()))
    tab.grab().save("/tmp/familydesk-erasure-tab.png")


def test_desk_records_a_request_from_the_dialog(
    context: PageContext, database: Database, qtbot: QtBot
) -> None:
    fam = family(database, "Neri", [member("Marta", "Neri", date(1988, 3, 3))])
    dialog = record_request_dialog(None, context, fam.members[0].id)
    qtbot.addWidget(dialog)
    dialog.received_on.setText("31/02/2026")
    dialog.save()
    assert dialog.error.isVisible() and dialog.isVisible()
    received = clock.today() - timedelta(days=2)
    dialog.received_on.setText(received.strftime("%d/%m/%Y"))
    dialog.requested_by.setText("la madre, allo sportello")
    dialog.save()
    rows = database.read(erasure.list_erasure_requests)
    assert [(r.received_on, r.requested_by) for r in rows] == [
        (received, "la madre, allo sportello")
    ]


def test_privacy_page_shows_the_tabs_to_managers_only(context: PageContext, qtbot: QtBot) -> None:
    page = PrivacyPage(context)
    qtbot.addWidget(page)
    titles = [page.tab_widget.tabText(i) for i in range(page.tab_widget.count())]
    assert "Retention periods" in titles and "Erasure requests" in titles
    context.runner.database.role = "reception"
    desk = PrivacyPage(context)
    qtbot.addWidget(desk)
    assert desk.tab_widget.count() == 0

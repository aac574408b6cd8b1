"""The audit trail tab: filters, the chain check, and who sees it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from codicefiscale import codicefiscale as cf
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from familydesk import registry
from familydesk.db.database import Database
from familydesk.kernel import clock
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust import audit
from familydesk.ui.privacy.audit_tab import AuditTab
from familydesk.ui.privacy.page import PrivacyPage
from familydesk.ui.widgets.page import PageContext

CODE = cf.encode("Benatti", "Anna", "F", datetime(1985, 4, 2), "Suzzara")


def _column(tab: AuditTab, column: int) -> list[str]:
    model = tab.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


@pytest.fixture
def page(
    context: PageContext, database: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> PrivacyPage:
    ten_days_ago = clock.utcnow() - timedelta(days=10)
    monkeypatch.setattr(audit, "utcnow", lambda: ten_days_ago)
    database.operator = "laura"
    database.write(
        registry.create_family,
        FamilyInput(name="Rossi"),
        [MemberInput(first_name="Anna", last_name="Rossi", sex="F", no_code_reason="neonata")],
    )
    monkeypatch.undo()
    database.operator = "marco"
    detail = database.write(
        registry.create_family,
        FamilyInput(name="Benatti"),
        [MemberInput(first_name="Anna", last_name="Benatti", tax_code=CODE)],
    )
    database.write(registry.open_family, detail.id)
    database.operator = "tester"
    privacy = PrivacyPage(context)
    qtbot.addWidget(privacy)
    privacy.load()
    return privacy


def _tab(page: PrivacyPage) -> AuditTab:
    tab = page.tab_widget.widget(0)
    assert isinstance(tab, AuditTab)
    return tab


def test_tab_lists_the_trail_with_translated_labels(page: PrivacyPage) -> None:
    assert page.available and page.tab_widget.tabText(0) == "Audit trail"
    tab = _tab(page)
    assert tab.model.rowCount() == tab.model.total >= 5
    assert _column(tab, 4)[0] == "opening" and _column(tab, 3)[0] == "family record"
    assert _column(tab, 2)[0] == "family Benatti" and _column(tab, 1)[:1] == ["marco"]
    assert [tab.operator.itemText(i) for i in range(tab.operator.count())] == [
        "All operators",
        "laura",
        "marco",
        "system",  # the database's first centre (trust.acting.as_system)
    ]
    assert tab.count.text() == f"{tab.model.total} entries"


def test_filter_by_operator_and_period(page: PrivacyPage) -> None:
    tab = _tab(page)
    tab.operator.setCurrentIndex(tab.operator.findData("laura"))
    tab.operator.activated.emit(tab.operator.currentIndex())
    assert set(_column(tab, 1)) == {"laura"} and tab.model.rowCount() == 2
    tab.operator.setCurrentIndex(0)
    old = (clock.today() - timedelta(days=10)).strftime("%d/%m/%Y")
    tab.since.setText(old)
    tab.until.setText(old)
    tab.show_button.click()
    assert set(_column(tab, 1)) == {"laura"}
    tab.since.setText((clock.today() - timedelta(days=1)).strftime("%d/%m/%Y"))
    tab.until.clear()
    tab.show_button.click()
    assert "laura" not in _column(tab, 1) and "marco" in _column(tab, 1)
    tab.until.setText("31/02/2025")
    tab.show_button.click()
    assert tab.error.isVisibleTo(tab) and "does not exist" in tab.error.text()


def test_person_filter_is_audited(page: PrivacyPage, database: Database) -> None:
    tab = _tab(page)
    tab.record.setText(CODE)
    tab.record.returnPressed.emit()
    assert _column(tab, 4)[0] == "audit trail read"
    assert set(_column(tab, 3)) == {"member record", "family record"}
    assert set(_column(tab, 2)) == {"Benatti Anna, family Benatti", "family Benatti"}
    assert database.read(audit.entries)[0].action == "audit-read"
    tab.record.setText("nobody")
    tab.show_button.click()
    assert "uid or a tax code" in tab.error.text() and tab.model.rowCount() == 0


def test_verify_chain_says_intact_or_where_it_broke(page: PrivacyPage, database: Database) -> None:
    tab = _tab(page)
    tab.verify_button.click()
    assert "intact" in tab.verify_result.text()
    first = min(r.id for r in database.read(audit.entries))
    database.write(
        lambda s: s.execute(text("UPDATE audit_log SET note = 'x' WHERE id = :id"), {"id": first})
    )
    tab.verify_button.click()
    assert f"Audit entry {first} was edited" in tab.verify_result.text()


def test_reception_has_no_audit_tab(context: PageContext, qtbot: QtBot) -> None:
    context.runner.database.role = "reception"
    privacy = PrivacyPage(context)
    qtbot.addWidget(privacy)
    assert privacy.tab_widget.count() == 0 and not privacy.available


def test_coordinator_has_it(context: PageContext, qtbot: QtBot) -> None:
    context.runner.database.role = "coordinator"
    privacy = PrivacyPage(context)
    qtbot.addWidget(privacy)
    assert isinstance(privacy.tab_widget.widget(0), AuditTab) and privacy.available


def test_the_table_reads_like_a_register(page: PrivacyPage, database: Database) -> None:
    """Who / What / Action / Changes in words; the uid is in the detail, copied, filtered by."""
    tab = _tab(page)
    headers = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["When", "Operator", "Who", "What", "Action", "Changes"]
    rows = {
        (who, what, action)
        for who, what, action in zip(_column(tab, 2), _column(tab, 3), _column(tab, 4), strict=True)
    }
    assert ("Benatti Anna, family Benatti", "member record", "creation") in rows
    assert ("Rossi Anna, family Rossi", "member record", "creation") in rows
    uid = next(r.record_uid for r in database.read(audit.entries) if r.action == "open")
    assert not any(uid in text for column in range(6) for text in _column(tab, column))

    tab.table.selectRow(0)
    assert uid in tab.detail.text.text() and "family Benatti" in tab.detail.text.text()
    tab.detail.copy_button.click()
    assert QGuiApplication.clipboard().text() == uid
    QGuiApplication.clipboard().clear()
    (copy,) = [
        a for a in tab.table.actions() if a.shortcut().matches(QKeySequence.StandardKey.Copy)
    ]
    copy.trigger()  # Ctrl+C on the table
    assert QGuiApplication.clipboard().text() == uid
    tab.detail.filter_button.click()
    assert tab.record.text() == uid
    assert set(_column(tab, 2)) == {"family Benatti"} and tab.model.rowCount() == 3
    assert _column(tab, 4)[0] == "audit trail read"  # reading a record's trail is itself written


def test_changes_name_the_fields_in_italian(
    page: PrivacyPage, database: Database, context: PageContext
) -> None:
    opened = next(r for r in database.read(audit.entries) if r.action == "open")
    family_id = database.read(registry.family_id_for, opened.record_uid)
    detail = database.read(registry.get_family, family_id)
    database.write(
        registry.update_family,
        FamilyInput(
            name="Benatti", phone="0376 123456", notes="x", id=detail.id, version=detail.version
        ),
    )
    tab = _tab(page)
    context.language.apply("it")
    try:
        tab.load()
        assert tab.model.headerData(5, Qt.Orientation.Horizontal) == "Modifiche"
        assert (_column(tab, 2)[0], _column(tab, 3)[0], _column(tab, 4)[0]) == (
            "famiglia Benatti",
            "scheda della famiglia",
            "modifica",
        )
        assert _column(tab, 5)[0] == "Note, Telefono"
    finally:
        context.language.apply("en")

"""The directory's import and export actions: file dialogs, preview, import, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from familydesk.directory import records
from familydesk.ui.directory import transfer_actions
from familydesk.ui.widgets.page import PageContext
from tests.transfer.test_services_transfer import SUZZARA


def test_import_previews_then_imports_and_export_writes(
    context: PageContext, qtbot, monkeypatch, tmp_path: Path, database
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mappatura.csv"
    path.write_text(SUZZARA, encoding="utf-8")
    page = QWidget()
    qtbot.addWidget(page)
    seen = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: seen.append(a[2]))

    def accept(dialog: transfer_actions.ServicesPreviewDialog) -> int:
        seen.append(dialog.model.rowCount())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(transfer_actions.ServicesPreviewDialog, "exec", accept)
    transfer_actions.import_services(page, context.runner)
    assert seen[0] == 3 and "Services added: 3" in seen[1]
    assert len(database.read(records.list_services)) == 3

    out = tmp_path / "servizi.xlsx"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("xlsx", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    transfer_actions.export_services(page, context.runner)
    assert out.exists() and seen[-1] == "Services exported: 3"

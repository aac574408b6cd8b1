"""The directory page's "Import services..." and "Export services..." actions.

Import: choose a file, see each row's fate (a dry run of the real import, through the
runner), then import in one transaction. Export: choose the format and the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from familydesk.i18n import _
from familydesk.transfer.services_export import export_services as export_directory
from familydesk.transfer.services_import import import_services_file, preview_services_file
from familydesk.transfer.services_records import STATUS_LABELS, ServicesImportSummary
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.fields import record_table


class ServicesPreviewDialog(QDialog):
    """Every row of the file with what the import will do to it, and why for rejected ones."""

    def __init__(self, parent: QWidget | None, summary: ServicesImportSummary) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import services"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(summary.message()))
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [_("Row"), _("Organisation"), _("Service"), _("Outcome"), _("Reason")]
        )
        for row in summary.rows:
            cells = (str(row.line), row.organisation, row.service, _(STATUS_LABELS[row.status]))
            items = [QStandardItem(value) for value in (*cells, row.reason)]
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)
        self.table = record_table(self.model)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def import_services(page: QWidget, runner) -> None:  # type: ignore[no-untyped-def]
    """Ask for a file, preview it row by row, and import it when the operator agrees."""
    name, _filter = QFileDialog.getOpenFileName(
        page, _("Import services"), "", _("Spreadsheets (*.csv *.xlsx *.json)")
    )
    if not name:
        return
    path = Path(name)

    def imported(summary: ServicesImportSummary) -> None:
        QMessageBox.information(page, _("Import services"), summary.message())

    def previewed(summary: ServicesImportSummary) -> None:
        dialog = ServicesPreviewDialog(page, summary)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            runner.write(
                import_services_file,
                path,
                on_done=imported,
                on_error=lambda exc: show_error(page, exc),
            )

    runner.write(
        preview_services_file, path, on_done=previewed, on_error=lambda exc: show_error(page, exc)
    )


def export_services(page: QWidget, runner) -> None:  # type: ignore[no-untyped-def]
    """Ask for the format (CSV, XLSX, JSON) and the file, then export every service."""
    formats = ["xlsx", "csv", "json"]
    fmt, ok = QInputDialog.getItem(page, _("Export services"), _("Format"), formats, 0, False)
    if not ok:
        return
    name, _filter = QFileDialog.getSaveFileName(
        page, _("Export services"), f"servizi.{fmt}", f"*.{fmt}"
    )
    if not name:
        return
    runner.write(
        export_directory,
        fmt,
        Path(name),
        on_done=lambda count: QMessageBox.information(
            page, _("Export services"), _("Services exported: {count}").format(count=count)
        ),
        on_error=lambda exc: show_error(page, exc),
    )

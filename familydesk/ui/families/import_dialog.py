"""Import families from a spreadsheet: choose a file, preview each row, import.

The preview is a dry run of the real import (``transfer.preview_file``,
through the runner): each row shows whether it will be imported, is
already in the registry, or is rejected and why. Import runs
``transfer.import_file`` on the runner's writer thread in one transaction;
its progress reaches the bar through a signal (queued to the GUI thread). While it runs,
"Stop import" (and closing the main window, which asks) stops it between rows: the
transaction rolls back and nothing of the file is imported.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.admin import backups
from familydesk.db.database import Database
from familydesk.i18n import _, format_number
from familydesk.kernel.errors import FamilyDeskError
from familydesk.transfer import (
    ImportSummary,
    import_file,
    preview_file,
    write_template,
)
from familydesk.ui.families.import_preview import PreviewModel
from familydesk.ui.shell import unsaved
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner, write_noting_tables
from familydesk.ui.widgets.fields import record_table


class _ProgressRelay(QObject):
    """Created on the GUI thread; the worker emits, Qt queues the call to the dialog."""

    progressed = Signal(int, int)


class ImportFamiliesDialog(QDialog):
    """Choose a file, see what will happen to each row, import, read the summary.

    ``imported(summary)`` is emitted after a successful import (the families
    list can reload). The dialog cannot be closed while the import runs; "Stop import"
    stops it, and nothing of the file is imported. It does not block the main window,
    so that closing the main window can ask about a running import.
    """

    imported = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importFamiliesDialog")
        self.runner = runner
        self.path: Path | None = None
        self.summary: ImportSummary | None = None
        self.result_summary: ImportSummary | None = None
        self.error_text = ""
        self._busy = False
        #: Set to stop the import that is running (None: no import is running).
        self._cancel: threading.Event | None = None

        self.file_label = QLabel()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setObjectName("importFile")
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton()
        self.template_button.clicked.connect(self.save_template)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.template_button)

        self.model = PreviewModel(self)
        self.table = record_table(self.model, single=False, alternate=True)

        self.counts = QLabel()
        self.counts.setObjectName("importCounts")
        self.counts.setWordWrap(True)
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.report = QLabel()
        self.report.setObjectName("importReport")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.start_import)
        self.stop_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.stop_button.setObjectName("stopImport")
        self.stop_button.clicked.connect(self.stop_import)
        self.stop_button.setVisible(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.counts)
        layout.addWidget(self.report)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(980, 560)
        self._update_buttons()
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import families"))
        self.file_label.setText(_("File:"))
        self.file_edit.setPlaceholderText(_("Choose a CSV or Excel (.xlsx) file"))
        self.choose_button.setText(_("Choose file…"))
        self.template_button.setText(_("Save a template…"))
        self.template_button.setToolTip(
            _("An example file with every column, to fill in and import")
        )
        self.import_button.setText(_("Import"))
        self.stop_button.setText(_("Stop import"))
        self.stop_button.setToolTip(_("Stops the import: nothing of the file is imported."))
        self.model.retranslate()
        self._show_counts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_counts(self) -> None:
        self.error_label.setText(self.error_text)
        self.error_label.setVisible(bool(self.error_text))
        if self.error_text:
            self.counts.setText("")
        elif self.result_summary is not None:
            self.counts.setText(self.result_summary.message())
        elif self.summary is not None:
            s = self.summary
            self.counts.setText(
                _(
                    "Families to import: {families} (people: {people}); already in the "
                    "registry: {present}; rows rejected, not imported: {rejected}."
                ).format(
                    families=format_number(s.families_new),
                    people=format_number(s.people_new),
                    present=format_number(s.families_present),
                    rejected=format_number(s.rows_rejected),
                )
            )
        else:
            self.counts.setText(_("Choose a file to see what will be imported."))
        report = self.result_summary.report_path if self.result_summary else None
        self.report.setVisible(report is not None)
        if report is not None:
            self.report.setText(_("Rejected rows and their reasons: {path}").format(path=report))

    # -- actions -----------------------------------------------------------
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import families"),
            str(self.path.parent if self.path else Path.home()),
            _("Spreadsheets and FamilyDesk exports (*.csv *.xlsx *.xlsm *.txt *.json)"),
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path | str) -> None:
        """Preview ``path``: a dry run on a reader thread; the rows appear when it is done."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.summary = self.result_summary = None
        self.error_text = ""
        self.model.set_rows(())
        self.progress.setVisible(False)
        self._set_busy(True)
        self.runner.read(
            preview_file, self.path, on_done=self._show_preview, on_error=self._failed, owner=self
        )

    def start_import(self) -> None:
        if self.path is None or self._busy:
            return
        relay = _ProgressRelay()  # no parent: lives as long as the worker's callback

        def report(done: int, total: int) -> None:  # worker thread: only emit
            relay.progressed.emit(done, total)

        relay.progressed.connect(self._on_progress)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._cancel = threading.Event()
        self._set_busy(True)
        self.runner.call(
            _import_after_a_copy,
            self.runner.database,
            self.path,
            report,
            self._cancel,
            on_done=self._finished,
            on_error=self._failed,
            owner=self,
        )

    @property
    def importing(self) -> bool:
        return self._cancel is not None

    def stop_import(self) -> None:
        """Stop the running import at its next row: it rolls back whole."""
        if self._cancel is not None:
            self._cancel.set()
            self.stop_button.setEnabled(False)

    def open(self) -> None:
        """Shown without blocking the main window (closing it asks about the import)."""
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.show()

    # -- before quitting, locking or switching operator (ui.unsaved) ---------------
    def unsaved_changes(self) -> str:
        if not self.importing:
            return ""
        name = self.path.name if self.path else ""
        return _(
            "Import of families from {file}: still running (Save lets it finish; "
            "Discard stops it and nothing is imported)"
        ).format(file=name)

    def save_changes(self) -> None:
        """Let the import finish (the caller waits for the runner)."""

    def discard_changes(self) -> None:
        self.stop_import()
        unsaved.wait_for(self.runner)

    def save_template(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save a template"),
            str(Path.home() / "famiglie.xlsx"),
            _("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            try:
                write_template(Path(path))
            except FamilyDeskError as exc:
                show_error(self, exc)

    def reject(self) -> None:
        if not self._busy:  # an import that is running finishes first
            super().reject()

    # -- results (GUI thread) ------------------------------------------------
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _show_preview(self, summary: ImportSummary) -> None:
        self.summary = summary
        self._set_busy(False)
        self.model.set_rows(summary.rows)
        self._show_counts()

    def _finished(self, done: tuple[ImportSummary, frozenset[str]]) -> None:
        summary, tables = done
        self.result_summary = summary
        self._set_busy(False)
        self.model.set_rows(summary.rows, done=True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._show_counts()
        self.imported.emit(summary)
        self.runner.announce(tables, owner=self)  # the other pages learn of the new families

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.progress.setVisible(False)
        if isinstance(exc, FamilyDeskError):
            self.error_text = exc.message
            self._show_counts()
        else:
            show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if not busy:
            self._cancel = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.summary is not None and self.summary.families_new > 0
        self.import_button.setEnabled(ready and not self._busy and self.result_summary is None)
        self.choose_button.setEnabled(not self._busy)
        self.close_button.setEnabled(not self._busy)
        self.stop_button.setVisible(self.importing)
        self.stop_button.setEnabled(self.importing and not self._cancel.is_set())  # type: ignore[union-attr]


def _import_after_a_copy(
    database: Database,
    path: Path,
    progress: Callable[[int, int], None],
    cancel: threading.Event | None = None,
) -> tuple[ImportSummary, frozenset[str]]:
    """A verified copy (kept at least 7 days), then the import; no copy, no import. Returns
    the summary and the tables the import wrote (the runner announces them).

    Runs on the runner's writer thread; ``cancel`` stops the import, which rolls back whole.
    """
    backups.make_backup(database, backups.BEFORE_IMPORT)
    return write_noting_tables(database, import_file, path, progress=progress, cancel=cancel)

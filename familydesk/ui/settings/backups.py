"""Settings → Backups: the folder (a USB disk or a NAS path is fine) and "Back up now"."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from familydesk.admin import backups
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.trust import permissions
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner


class BackupsBox(QGroupBox):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._build()
        # Automatic copies are made for everyone; choosing the folder and copying on
        # demand are for roles that may make backups.
        allowed = runner.may(permissions.BACKUP)
        self.choose_backup_folder.setEnabled(allowed)
        self.backup_now.setEnabled(allowed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Backups"))
        self.backup_folder_label.setText(_("Backup folder"))
        self.choose_backup_folder.setText(_("Choose folder…"))
        self.backup_now.setText(_("Back up now"))
        self._show_backups()

    def _build(self) -> None:
        form = QFormLayout(self)
        self.backup_folder = QLineEdit()
        self.backup_folder.setReadOnly(True)
        self.backup_folder.setObjectName("backupFolder")
        self.choose_backup_folder = QPushButton()
        self.backup_now = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.backup_folder, 1)
        row.addWidget(self.choose_backup_folder)
        self.backup_folder_label = QLabel()
        form.addRow(self.backup_folder_label, row)
        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)
        form.addRow(self.backup_now, self.backup_status)
        self.choose_backup_folder.clicked.connect(self._choose_backup_folder)
        self.backup_now.clicked.connect(self.make_backup)

    def _choose_backup_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, _("Choose the backup folder"), self.backup_folder.text()
        )
        if path:
            self.set_backup_folder(path)

    def set_backup_folder(self, path: str | None) -> None:
        try:
            backups.set_folder(path)
        except FamilyDeskError as exc:
            self.backup_status.setText(exc.message)
            return
        self._show_backups()

    def make_backup(self) -> None:
        self.backup_now.setEnabled(False)
        self.backup_status.setText(_("Backing up…"))
        self.runner.call(
            backups.make_backup,
            self.runner.database,
            "backup",
            on_done=self._backed_up,
            on_error=self._backup_failed,
            owner=self,
        )

    def _backed_up(self, path: object) -> None:
        self.backup_now.setEnabled(True)
        self._show_backups()
        window = self.window()
        if hasattr(window, "refresh_backup_status"):
            window.refresh_backup_status()

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_now.setEnabled(True)
        if isinstance(exc, FamilyDeskError):
            self.backup_status.setText(exc.message)
        else:
            show_error(self, exc)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        # A copy made meanwhile (daily, on close, before an import) is shown here as in
        # the status bar: both read the same last good copy when they are shown.
        self._show_backups()
        super().showEvent(event)

    def refresh(self) -> None:
        """Show the last good copy as it is now (the status bar reads the same)."""
        self._show_backups()

    def _show_backups(self) -> None:
        self.backup_folder.setText(str(backups.folder()))
        self.backup_status.setText(
            _(
                "Last good backup: {age}. A verified copy is made every day, when FamilyDesk "
                "closes and before an import, a restore or an update; every copy of the last 24 "
                "hours, 7 daily, 4 weekly and 12 monthly copies are kept, and those taken before "
                "an import, a restore or an update for at least 7 days."
            ).format(age=backups.describe_age(backups.last_good()))
        )

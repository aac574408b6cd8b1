"""Merging a duplicate directory entry into the service being kept (coordinators, admins).

The operator types to find the duplicate (accent-blind, as the Services page), Down reaches
the list, Enter chooses it; the sentence says what moves, and "Merge" writes it. The page
refreshes itself from the runner's ``changed`` signal.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.directory.merge import merge_services, referral_count
from familydesk.directory.records import ServiceRow
from familydesk.directory.search import search
from familydesk.i18n import _, format_number, ngettext
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.dialogs import open_dialog, report


class MergeServiceDialog(QDialog):
    """Choose the duplicate of ``service``; its referrals move over and it disappears."""

    merged = Signal(object)

    def __init__(
        self,
        runner: Runner,
        service: ServiceRow,
        services: list[ServiceRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.service = service
        self.others = [row for row in services if row.id != service.id]
        self.duplicate: ServiceRow | None = None
        self.count = 0
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.confirmation = QLabel()
        self.confirmation.setWordWrap(True)
        self.banner = Banner()
        self.buttons = QDialogButtonBox()
        self.merge_button: QPushButton = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button.setEnabled(False)
        self.merge_button.setAutoDefault(False)
        self.merge_button.clicked.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (
            self.intro,
            self.search,
            self.list,
            self.confirmation,
            self.banner,
            self.buttons,
        ):
            layout.addWidget(widget)
        self.search.textChanged.connect(self.filter)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(
            lambda item: self.choose(item.data(Qt.ItemDataRole.UserRole))
        )
        self.resize(560, 480)
        self.retranslate_ui()
        self.filter("")

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Merge services"))
        self.intro.setText(
            _(
                "«{name}» is kept. Choose the duplicate entry for the same service: its "
                "referrals move to «{name}» and it is removed from the directory."
            ).format(name=self.service.label)
        )
        self.search.setPlaceholderText(_("Type to find the duplicate…"))
        self.merge_button.setText(_("Merge"))
        self._explain()

    def shown_names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def filter(self, text: str) -> None:
        self.list.clear()
        for row in search(self.others, text):
            item = QListWidgetItem(row.label)
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if watched is self.search and key == Qt.Key.Key_Down and self.list.count():
                self.list.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched in (
                self.search,
                self.list,
            ):
                item = self.list.currentItem()
                if item is not None:
                    self.choose(item.data(Qt.ItemDataRole.UserRole))
                return True
        return super().eventFilter(watched, event)

    def choose(self, duplicate: ServiceRow) -> None:
        """The duplicate is chosen: read how many referrals move, then say so."""
        self.banner.clear()
        self.runner.read(
            referral_count,
            duplicate.id,
            owner=self,
            on_done=lambda count: self._chosen(duplicate, count),
            on_error=self._failed,
        )

    def _chosen(self, duplicate: ServiceRow, count: int) -> None:
        self.duplicate, self.count = duplicate, count
        self._explain()
        self.merge_button.setEnabled(True)
        self.merge_button.setDefault(True)
        self.merge_button.setFocus()

    def _explain(self) -> None:
        if self.duplicate is None:
            self.confirmation.setText(_("No duplicate chosen yet."))
            return
        names = {"drop": self.duplicate.label, "keep": self.service.label}
        if self.count:
            sentence = ngettext(
                "The {count} referral of «{drop}» moves to «{keep}»; «{drop}» is removed "
                "from the directory.",
                "The {count} referrals of «{drop}» move to «{keep}»; «{drop}» is removed "
                "from the directory.",
                self.count,
            ).format(count=format_number(self.count), **names)
        else:
            sentence = _(
                "«{drop}» has no referrals; it is removed from the directory and its needs "
                "move to «{keep}»."
            ).format(**names)
        self.confirmation.setText(sentence)

    def confirm(self) -> None:
        if self.duplicate is None:
            return
        self.runner.write(
            merge_services,
            self.service.id,
            self.duplicate.id,
            owner=self,
            on_done=self._merged,
            on_error=self._failed,
        )

    def _merged(self, row: ServiceRow) -> None:
        self.merged.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)


def merge_service(
    page: QWidget, runner: Runner, service: ServiceRow, services: list[ServiceRow]
) -> None:
    """Open the merge dialog over ``page`` (``page.last_dialog`` keeps it for tests)."""
    dialog = MergeServiceDialog(runner, service, services, page)
    open_dialog(page, dialog)
    dialog.search.setFocus()

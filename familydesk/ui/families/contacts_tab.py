"""The family page's "Contacts at the desk" tab: the family's history at the front desk, a
line per request (need, outcome, referral, follow-up), newest first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from familydesk import frontdesk
from familydesk.frontdesk import ContactRow
from familydesk.i18n import _, format_number
from familydesk.ui.families.models import contact_lines, contacts_model
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import record_table


class FamilyContactsTab(QWidget):
    """``counted(n)`` after each load (lines), for the tab's title."""

    counted = Signal(int)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.model = contacts_model(self)
        self.view = record_table(self.model)
        self.view.setObjectName("familyContacts")
        self.view.setMinimumHeight(44)  # a heading and a line: small windows still fit
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printReferralSlip")
        self.print_button.clicked.connect(self.print_slip)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(bar)
        self.retranslate_ui()

    def title(self, count: int) -> str:
        return _("Contacts at the desk ({count})").format(count=format_number(count))

    def retranslate_ui(self) -> None:
        self.model.retranslate()
        self.print_button.setText(_("Print referral slip"))
        self.print_button.setToolTip(
            _("The slip for the family: where to go, when, how to get in, what to bring")
        )
        self._enable()

    def selected_referral(self) -> str | None:
        """The uid of the selected line's contact when that request is a referral."""
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        line = self.model.row_at(rows[0].row())
        return line.contact.uid if line.request.referral else None

    def _enable(self) -> None:
        self.print_button.setEnabled(self.selected_referral() is not None)

    def print_slip(self) -> None:
        uid = self.selected_referral()
        if uid is None:
            return
        # The printout module pulls in ReportLab: only when a slip is printed.
        from familydesk.ui.frontdesk.referral_printing import print_referral

        print_referral(self, self.runner, uid)

    def show_family(self, family_id: int | None) -> None:
        if family_id is None:
            self._show([])
            return
        self.runner.read(frontdesk.contacts_of_family, family_id, on_done=self._show, owner=self)

    def _show(self, contacts: list[ContactRow]) -> None:
        self.model.set_rows(contact_lines(contacts))
        self._enable()
        self.counted.emit(len(contacts))

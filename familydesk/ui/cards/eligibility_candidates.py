"""The families that qualify for a card type but have no valid card of it, by name.

Enter or a double-click on a row emits ``chosen(family_id)``: the tab checks that family.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from familydesk.cards.candidates import Candidate, eligible_without_card
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.dialogs import report
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel

#: The most families listed at once (the service stops there).
LIMIT = 500


def candidate_columns() -> list[Column]:
    return [
        Column(lambda: _("Family"), lambda c: c.family),
        Column(lambda: _("Comune"), lambda c: c.comune),
        Column(lambda: _("Phone"), lambda c: c.phone),
        Column(lambda: _("Proposed expiry"), lambda c: format_date(c.expires_on)),
    ]


class CandidatesList(QWidget):
    chosen = Signal(int)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.card_type_id: int | None = None
        self._asked = 0
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.hint = QLabel()
        self.hint.setObjectName("countLabel")
        self.hint.setWordWrap(True)
        self.model = RowsTableModel(candidate_columns(), self, tooltips=True)
        self.table = record_table(self.model)
        self.table.setObjectName("candidatesTable")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list
        self.table.activated.connect(self._activated)  # Enter, double-click
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.banner = Banner()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Eligible families without a card"))
        self.hint.setText(
            _(
                "Families that qualify for the card type chosen on the left and have no valid card "
                "of it. Enter or a double-click checks the family."
            )
        )
        self.model.retranslate()
        self.banner.retranslate_ui()
        self._count()

    def load(self, card_type_id: int | None) -> None:
        """List the families for ``card_type_id`` (None: nothing to list)."""
        self.card_type_id = card_type_id
        self._asked += 1
        if card_type_id is None:
            self._listed([], self._asked)
            return
        asked = self._asked
        self.runner.read(
            eligible_without_card,
            card_type_id,
            limit=LIMIT,
            owner=self,
            on_done=lambda rows: self._listed(rows, asked),
            on_error=lambda exc: report(self.banner, self, exc),
        )

    def _listed(self, rows: list[Candidate], asked: int) -> None:
        if asked != self._asked:
            return
        self.banner.clear()
        self.model.set_rows(rows)
        self._count()

    def _count(self) -> None:
        n = self.model.rowCount()
        if n >= LIMIT:
            self.count.setText(_("The first {n} families by name").format(n=format_number(n)))
        else:
            self.count.setText(
                ngettext("{n} family", "{n} families", n).format(n=format_number(n))
                if n
                else _("No families")
            )

    def family_ids(self) -> list[int]:
        return [self.model.row_at(r).family_id for r in range(self.model.rowCount())]

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self.model.row_at(index.row()).family_id)

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

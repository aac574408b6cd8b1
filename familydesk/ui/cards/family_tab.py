"""The family page's "Cards" tab: the family's cards, latest first, with their state, the
actions of the register (renew, revoke, replace a lost card, print), and "Check
eligibility and issue…", which checks the rules and issues a new card."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from familydesk.cards.issue import cards_of_family
from familydesk.cards.records import CardRow
from familydesk.i18n import _, format_date, format_number
from familydesk.trust import permissions
from familydesk.ui.cards.card_actions import CardActions
from familydesk.ui.cards.eligibility_tab import EligibilityDialog
from familydesk.ui.cards.register_model import CardsModel, family_columns
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.dialogs import open_dialog, report
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import PageContext


class FamilyCardsTab(QWidget):
    """``counted(n)`` after each load, for the tab's title."""

    counted = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = context.runner
        self.family_id: int | None = None
        self._wanted: int | None = None
        self.banner = Banner()
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("checkAndIssue")
        self.issue_button.setVisible(context.may(permissions.CARDS))
        self.issue_button.clicked.connect(self.check_and_issue)
        self.model = CardsModel(family_columns(), self)
        self.table = record_table(self.model)
        self.table.setObjectName("familyCards")
        self.table.setMinimumHeight(44)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.actions = CardActions.for_context(context, self.banner, self)
        self.actions.changed.connect(lambda card: self.load(card.id))
        self.actions.stale.connect(
            lambda: self.load(self.actions.card.id if self.actions.card else None)
        )
        # Two rows: the six buttons side by side made the family pane (and the window)
        # wider than a 1366 px screen.
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.issue_button)
        bar.addStretch(1)
        card_bar = QHBoxLayout()
        card_bar.setContentsMargins(0, 0, 0, 0)
        for button in self.actions.buttons():
            card_bar.addWidget(button)
        card_bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(card_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._chosen(current.row())
        )
        chain = [self.issue_button, self.table, *self.actions.buttons()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def title(self, count: int) -> str:
        return _("Cards ({count})").format(count=format_number(count))

    def retranslate_ui(self) -> None:
        self.issue_button.setText(_("Check eligibility and &issue…"))
        self.issue_button.setToolTip(
            _("The rules of a card type, met or not, and the card issued if the family qualifies.")
        )
        self.actions.retranslate_ui()
        self.banner.retranslate_ui()
        self.model.retranslate()

    def show_family(self, family_id: int | None) -> None:
        if family_id != self.family_id:
            self.banner.clear()
        self.family_id = family_id
        self.issue_button.setEnabled(family_id is not None)
        self.load()

    def load(self, wanted: int | None = None) -> None:
        """The family's cards again, with card ``wanted`` (else the one chosen) selected."""
        if self.family_id is None:
            self._listed(None, [])
            return
        family_id = self.family_id
        self._wanted = (
            wanted if wanted is not None else (self.actions.card.id if self.actions.card else None)
        )
        self.runner.read(
            cards_of_family,
            family_id,
            owner=self,
            on_error=self._failed,
            on_done=lambda rows: self._listed(family_id, rows),
        )

    def _listed(self, family_id: int | None, rows: list[CardRow]) -> None:
        if family_id != self.family_id:
            return  # another family was chosen meanwhile
        self.model.set_rows(rows)
        self.counted.emit(len(rows))
        row = self.model.row_of(self._wanted) if self._wanted is not None else -1
        if rows:
            self.table.selectRow(max(row, 0))
        else:
            self.actions.set_card(None)

    def _chosen(self, row: int) -> None:
        self.actions.set_card(self.model.row_at(row) if 0 <= row < self.model.rowCount() else None)

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)

    def check_and_issue(self) -> EligibilityDialog | None:
        if self.family_id is None or not self.context.may(permissions.CARDS):
            return None
        dialog = EligibilityDialog(self.context, self.family_id, self)
        dialog.issued.connect(self._issued)
        return open_dialog(self, dialog)

    def _issued(self, card: CardRow) -> None:
        self.banner.show_message(
            "ok",
            [
                _("Card {number} issued to {holder}, valid until {day}.").format(
                    number=card.grouped_number, holder=card.holder, day=format_date(card.expires_on)
                )
            ],
        )
        self.load(card.id)

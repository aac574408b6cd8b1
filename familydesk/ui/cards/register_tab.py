"""The Family card page's "Card register": every card, filtered by state (active, expiring
within 30 days, expired, revoked) and type, searched by number, family, holder or comune;
the chosen card on the right with its log of uses, and its actions (renew, revoke,
replace a lost card, print the card and its cover letter). "Renewal letters for next
month" prints a letter for each active card that expires next month.

Keyboard: Ctrl+F to the search, Enter there to the list; the buttons' underlined letters
with Alt (in English Alt+R renew, Alt+O revoke, Alt+P replace, Alt+C print the card,
Alt+L its cover letter).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from familydesk.cards.issue import STATES, cards_of_family
from familydesk.cards.printouts import month_bounds, next_month
from familydesk.cards.records import CardRow, get_card
from familydesk.cards.redemptions import redemptions_of_card
from familydesk.cards.types import CardTypeRow, list_card_types
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.trust import permissions
from familydesk.ui.cards import printing
from familydesk.ui.cards.card_actions import CardActions
from familydesk.ui.cards.common import CardsTab
from familydesk.ui.cards.register_detail import CardDetail
from familydesk.ui.cards.register_model import RegisterModel, today
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.columns import fit_columns
from familydesk.ui.widgets.dialogs import report
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import PageContext


class RegisterTab(CardsTab):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        #: The card on the right (it may have left the list, e.g. revoked under "Active").
        self.card: CardRow | None = None
        self._wanted: int | None = None
        self._keep = False
        #: The next page to arrive is a first one: it chooses the card on the right.
        self._choosing = False
        self.state = QComboBox()
        self.state.setObjectName("cardState")
        for state in (None, *STATES):
            self.state.addItem("", state)
        self.state.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.card_type = QComboBox()
        self.card_type.setObjectName("cardType")
        self.card_type.addItem("", None)
        self.card_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search = QLineEdit()
        self.search.setObjectName("cardSearch")
        self.search.setClearButtonEnabled(True)
        self.model = RegisterModel(self.runner, self)
        self.model.loaded.connect(lambda _total: self._listed())
        self.model.failed.connect(self._failed)
        self.table = record_table(self.model)
        self.table.setObjectName("cardsTable")
        self.table.setWordWrap(False)
        # Number, comune, expiry and state keep their whole text; when the list is narrower
        # than its texts, the type gives way first, then family and holder together (elided,
        # whole in the tooltip). The issue date is on the right, with the card.
        fit_columns(self.table, yielding=(1, (2, 3)), spare=2)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.letters_button = QPushButton()
        self.letters_button.setObjectName("renewalLetters")
        self.letters_button.setVisible(context.may(permissions.PRINT))
        self.letters_button.clicked.connect(self.print_renewal_letters)
        self.banner = Banner()
        self.detail = CardDetail()
        self.actions = CardActions.for_context(context, self.banner, self)
        self.actions.changed.connect(self._changed)
        self.actions.stale.connect(self._reload_card)
        self._lay_out()
        self.state.currentIndexChanged.connect(lambda _i: self.load_cards())
        self.card_type.currentIndexChanged.connect(lambda _i: self.load_cards())
        self.search.textChanged.connect(lambda _t: self._search_changed())  # the SQL searches
        self.search.returnPressed.connect(self._to_table)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._chosen(current.row())
        )

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.state)
        bar.addWidget(self.card_type)
        bar.addWidget(self.search, 1)
        under = QHBoxLayout()
        under.addWidget(self.count, 1)
        under.addWidget(self.letters_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(under)
        buttons = QGridLayout()
        a = self.actions
        for button, row, column, span in (
            (a.renew_button, 0, 0, 1),
            (a.revoke_button, 0, 1, 1),
            (a.replace_button, 1, 0, 2),
            (a.card_button, 2, 0, 1),
            (a.letter_button, 2, 1, 1),
        ):
            buttons.addWidget(button, row, column, 1, span)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addLayout(buttons)
        left.setMinimumWidth(520)
        right.setMinimumWidth(360)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([2000, 360])  # the right side at its narrowest, the list gets the rest
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        chain = [
            self.state,
            self.card_type,
            self.search,
            self.table,
            *self.actions.buttons(),
            self.detail.log,
            self.letters_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def title(self) -> str:
        return _("Card register")

    def retranslate_ui(self) -> None:
        names = {
            None: _("All cards"),
            "active": _("Valid cards"),
            "expiring": _("Expiring within 30 days"),
            "expired": _("Expired cards"),
            "revoked": _("Revoked or replaced"),
        }
        for index in range(self.state.count()):
            self.state.setItemText(index, names[self.state.itemData(index)])
        self.card_type.setItemText(0, _("All types"))
        self.search.setPlaceholderText(_("Search: number, family, holder or comune (Ctrl+F)"))
        self.letters_button.setText(_("Renewal letters for next month"))
        self._letters_tip()
        self.actions.retranslate_ui()
        self.detail.retranslate_ui()
        self.banner.retranslate_ui()
        self.model.retranslate()
        self._show_count()

    def _letters_tip(self) -> None:
        first, last = month_bounds(next_month(today()))
        self.letters_button.setToolTip(
            _(
                "A letter to the holder of every active card that expires from {first} to {last}."
            ).format(first=format_date(first), last=format_date(last))
        )

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- loading -------------------------------------------------------------------------
    def load(self) -> None:
        self._letters_tip()  # the month may have turned since
        self.runner.read(list_card_types, owner=self, on_done=self._types, on_error=self._failed)
        self.load_cards()

    def _types(self, types: list[CardTypeRow]) -> None:
        chosen = self.card_type.currentData()
        self.card_type.blockSignals(True)
        while self.card_type.count() > 1:
            self.card_type.removeItem(1)
        for card_type in types:
            self.card_type.addItem(card_type.name, card_type.id)
        self.card_type.setCurrentIndex(max(0, self.card_type.findData(chosen)))
        self.card_type.blockSignals(False)

    def load_cards(self, wanted: int | None = None) -> None:
        """The list again from its first page, the card shown still chosen if it is on it.
        A card ``wanted`` (just changed) stays on the right even when it left the list."""
        self._keep = wanted is not None
        self._choosing = True
        self._wanted = wanted if wanted is not None else (self.card.id if self.card else None)
        self.model.reload(
            state=self.state.currentData(),
            text=self.search.text(),
            card_type_id=self.card_type.currentData(),
        )

    def _listed(self) -> None:
        """A page arrived: the first one chooses the card on the right; the next ones
        (scrolling) leave the choice alone."""
        self._show_count()
        if not self._choosing:
            return
        self._choosing = False
        wanted = self._wanted
        row = self.model.row_of(wanted) if wanted is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        elif self._keep and self.card is not None and self.card.id == wanted:
            self._show(self.card)  # out of the filter (or further down): still on the right
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show(None)

    def _search_changed(self) -> None:
        """Each keystroke asks for the first page of the matches (answers to earlier
        keystrokes are dropped when they arrive late)."""
        self.load_cards()

    def _show_count(self) -> None:
        n = self.model.total
        self.count.setText(
            ngettext("{n} card", "{n} cards", n).format(n=format_number(n)) if n else _("No cards")
        )

    def _chosen(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._show(self.model.row_at(row))

    def _show(self, card: CardRow | None) -> None:
        self.card = card
        self.detail.show_card(card, today())
        self.actions.set_card(card)
        if card is None:
            return
        self.runner.read(
            redemptions_of_card,
            card.id,
            owner=self,
            on_error=self._failed,
            on_done=lambda rows: self.detail.show_log(card.id, rows),
        )
        if card.family_id is not None:
            self.runner.read(
                cards_of_family,
                card.family_id,
                owner=self,
                on_error=self._failed,
                on_done=lambda cards: self.detail.show_family_cards(card.id, cards),
            )

    def _to_table(self) -> None:
        self.table.setFocus()
        if not self.table.selectionModel().selectedRows() and self.model.rowCount():
            self.table.selectRow(0)

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)

    # -- after a change ------------------------------------------------------------------
    def _changed(self, card: CardRow) -> None:
        self.card = card
        self.load_cards(card.id)
        self.changed.emit()

    def _reload_card(self) -> None:
        """After a refusal: the card as it is now (someone may have changed it)."""
        card = self.card
        if card is None:
            return
        self.runner.read(get_card, card.id, owner=self, on_error=self._failed, on_done=self._fresh)

    def _fresh(self, card: CardRow) -> None:
        self.card = card
        self.load_cards(card.id)

    def print_renewal_letters(self) -> None:
        printing.print_renewal_letters(self.runner, self, next_month(today()), self._failed)

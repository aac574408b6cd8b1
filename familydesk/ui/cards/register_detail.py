"""The card chosen in the register: holder, members covered, dates (and why the validity
is shorter), the card it replaces or that replaced it, the revocation, and its log of uses
at the partners' counters."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from familydesk.cards.records import CardRow
from familydesk.cards.redemptions import RedemptionRow
from familydesk.i18n import _, format_date, format_datetime
from familydesk.ui.cards.register_model import replaced_by, replaces, state_text
from familydesk.ui.groups.overview import FieldsView
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel

_REFUSED = QColor("#a61b12")


def card_lines(card: CardRow, day: date, family_cards: list[CardRow]) -> list[tuple[str, str]]:
    """The card's fields, label and value; ``family_cards`` name the cards it replaces or
    that replaced it."""
    expires = format_date(card.expires_on)
    if card.shortened_reason:
        expires = _("{day} (shortened: {reason})").format(day=expires, reason=card.shortened_reason)
    lines = [
        (_("Holder"), card.holder),
        (_("Family"), f"{card.family} ({card.comune})" if card.family else card.comune),
        (_("Members covered"), ", ".join(card.members)),
        (_("Issued"), format_date(card.issued_on)),
        (_("Expires"), expires),
        (_("State"), state_text(card, day)),
    ]
    older = replaces(card, family_cards)
    if older is not None:
        lines.append(
            (
                _("Replaces"),
                _("{number} ({reason})").format(
                    number=older.grouped_number, reason=older.revoke_reason
                )
                if older.revoke_reason
                else older.grouped_number,
            )
        )
    elif card.previous_id is not None:
        lines.append((_("Replaces"), _("an earlier card")))
    newer = replaced_by(card, family_cards)
    if card.status == "replaced":
        number = newer.grouped_number if newer else _("a new card")
        lines.append(
            (
                _("Replaced by"),
                _("{number}, on {day}: {reason}").format(
                    number=number, day=format_date(card.revoked_on), reason=card.revoke_reason
                ),
            )
        )
    elif card.status == "revoked":
        lines.append(
            (
                _("Revoked"),
                _("on {day}: {reason}").format(
                    day=format_date(card.revoked_on), reason=card.revoke_reason
                ),
            )
        )
    return lines


class LogModel(RowsTableModel):
    """A card's uses, newest first; refused ones in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(lambda: _("When"), lambda r: format_datetime(r.at)),
                Column(lambda: _("Where"), lambda r: f"{r.partner} · {r.benefit}"),
                Column(lambda: _("Outcome"), lambda r: r.reason_text),
            ],
            parent,
            tooltips=True,
        )

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            row: RedemptionRow = self.row_at(index.row())
            return None if row.accepted else QBrush(_REFUSED)
        return super().data(index, role)


class CardDetail(QWidget):
    """``show_card`` first, then ``show_family_cards`` and ``show_log`` as they arrive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card: CardRow | None = None
        self.day: date | None = None
        self.family_cards: list[CardRow] = []
        #: The uses of the card shown have arrived (until then the log says "loading").
        self.log_loaded = False
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.fields = FieldsView()
        self.log_title = QLabel()
        self.log_title.setObjectName("sectionTitle")
        self.log_model = LogModel(self)
        self.log = record_table(self.log_model)
        self.log.setObjectName("cardLog")
        self.log.setWordWrap(False)
        self.log.setMinimumHeight(90)
        header = self.log.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.no_uses = QLabel()
        self.no_uses.setObjectName("countLabel")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(self.heading)
        self.box.addWidget(self.fields)
        self.box.addSpacing(6)
        self.box.addWidget(self.log_title)
        self.box.addWidget(self.no_uses)
        self.box.addWidget(self.log, 1)
        self.box.addStretch(1)  # takes the room of the log while there is none
        self.show_card(None, None)

    def retranslate_ui(self) -> None:
        self.log_title.setText(_("Uses at the partners"))
        self.log_model.retranslate()
        self._fill()

    def show_card(self, card: CardRow | None, day: date | None) -> None:
        if card is None or self.card is None or card.id != self.card.id:
            self.family_cards = []
            self.log_model.set_rows([])
            self.log_loaded = False
        self.card, self.day = card, day
        self._fill()

    def show_family_cards(self, card_id: int, cards: list[CardRow]) -> None:
        if self.card is not None and self.card.id == card_id:
            self.family_cards = cards
            self._fill()

    def show_log(self, card_id: int, rows: list[RedemptionRow]) -> None:
        if self.card is not None and self.card.id == card_id:
            self.log_model.set_rows(rows)
            self.log_loaded = True
            self._fill()

    def _fill(self) -> None:
        card = self.card
        if card is None or self.day is None:
            self.heading.setText(_("Choose a card in the list."))
            self.fields.set_lines([])
            for widget in (self.log_title, self.no_uses, self.log):
                widget.hide()
            self.box.setStretch(self.box.count() - 1, 1)
            return
        self.heading.setText(f"{card.grouped_number} — {card.card_type}")
        self.fields.set_lines(card_lines(card, self.day, self.family_cards))
        used = self.log_model.rowCount() > 0
        self.no_uses.setText(
            _("The card has not been used yet.") if self.log_loaded else _("Loading the uses…")
        )
        self.log_title.show()
        self.no_uses.setVisible(not used)
        self.log.setVisible(used)
        self.box.setStretch(self.box.count() - 1, 0 if used else 1)

"""Cards in a table: the state of a card on a day in words, and a table model that shows
cards expiring soon in amber and bold, and cards no longer valid greyed out.

Shared by the Family card page's register (paged) and the family page's Cards tab.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from familydesk.cards.records import CardRow
from familydesk.cards.register import card_register_page
from familydesk.i18n import N_, _, format_date
from familydesk.scheduling.calendar_rules import local_now
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.table_model import Column, LazyTableModel, RowsTableModel

#: A card's state on a day: the register's filters, plus "replaced".
STATE_NAMES: dict[str, str] = {
    "active": N_("valid"),
    "expiring": N_("expiring"),
    "expired": N_("expired"),
    "revoked": N_("revoked"),
    "replaced": N_("replaced"),
}
#: The states in which a card no longer works at a partner's counter.
ENDED = frozenset({"expired", "revoked", "replaced"})
_AMBER = QColor("#9a5b00")
_GREY = QColor("#8a8a8a")


def today() -> date:
    """The day cards are judged on (the centre's local date)."""
    return local_now().date()


def state_name(card: CardRow, day: date) -> str:
    """The state in a word (a table's column)."""
    return _(STATE_NAMES[card.register_state(day)])


def state_text(card: CardRow, day: date) -> str:
    """The state in words, with the day it ends or ended: "expiring on 12/12/2026"."""
    state = card.register_state(day)
    if state == "expiring":
        days = (card.expires_on - day).days
        if days == 0:
            return _("expires today")
        return _("expiring on {day}").format(day=format_date(card.expires_on))
    if state in ("revoked", "replaced") and card.revoked_on is not None:
        name = _("revoked on {day}") if state == "revoked" else _("replaced on {day}")
        return name.format(day=format_date(card.revoked_on))
    return _(STATE_NAMES[state])


def replaced_by(card: CardRow, others: list[CardRow]) -> CardRow | None:
    """The card that replaced ``card`` among ``others`` (the family's cards), if any."""
    newer = [c for c in others if c.previous_id == card.id]
    return max(newer, key=lambda c: c.id) if newer else None


def replaces(card: CardRow, others: list[CardRow]) -> CardRow | None:
    """The card ``card`` replaced, among ``others``."""
    return next((c for c in others if c.id == card.previous_id), None)


def register_columns() -> list[Column]:
    return [
        Column(lambda: _("Number"), lambda r: r.grouped_number),
        Column(lambda: _("Type"), lambda r: r.card_type),
        Column(lambda: _("Holder"), lambda r: r.holder),
        Column(lambda: _("Family"), lambda r: r.family),
        Column(lambda: _("Comune"), lambda r: r.comune),
        Column(lambda: _("Expires"), lambda r: format_date(r.expires_on)),
        Column(lambda: _("State"), lambda r: state_name(r, today())),
    ]


def family_columns() -> list[Column]:
    return [
        Column(lambda: _("Number"), lambda r: r.grouped_number),
        Column(lambda: _("Type"), lambda r: r.card_type),
        Column(lambda: _("Holder"), lambda r: r.holder),
        Column(lambda: _("Expires"), lambda r: format_date(r.expires_on)),
        Column(lambda: _("State"), lambda r: state_name(r, today())),
    ]


class _CardColours:
    """The columns titled "Expires" and "State" (the last two) stand out in amber and bold
    for a card expiring within 30 days; a card no longer valid is grey."""

    emphasised: set[int]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            state = self.row_at(index.row()).register_state(today())
            if state in ENDED:
                return QBrush(_GREY) if role == Qt.ItemDataRole.ForegroundRole else None
            if state == "expiring" and index.column() in self.emphasised:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(_AMBER)
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)  # type: ignore[misc]

    def row_of(self, card_id: int) -> int:
        """The row showing card ``card_id`` (among those loaded), or -1."""
        for number in range(self.rowCount()):  # type: ignore[attr-defined]
            if self.row_at(number).id == card_id:  # type: ignore[attr-defined]
                return number
        return -1


class CardsModel(_CardColours, RowsTableModel):
    """A short list of cards (a family's), all at once."""

    def __init__(self, columns: list[Column], parent: Any = None) -> None:
        super().__init__(columns, parent, tooltips=True)
        self.emphasised = {len(columns) - 2, len(columns) - 1}


class RegisterModel(_CardColours, LazyTableModel):
    """The register's cards, a page at a time as the list scrolls
    (``cards.register.card_register_page``), like the family list."""

    def __init__(self, runner: Runner, parent: Any = None) -> None:
        columns = register_columns()
        super().__init__(runner, card_register_page, columns, parent=parent, tooltips=True)
        self.emphasised = {len(columns) - 2, len(columns) - 1}

"""The partner's name: type it, or pick an organisation of the services directory from
the list that appears as you type (accent-blind: "citta" finds "Città"; every word typed
starts a word of the name or the comune)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from familydesk.directory.records import OrganisationRow
from familydesk.kernel.text import fold

_ID = Qt.ItemDataRole.UserRole
_NAME = Qt.ItemDataRole.UserRole + 1
#: The most organisations the list shows at once.
SHOWN = 30


def organisation_matches(row: OrganisationRow, text: str) -> bool:
    """Every word of ``text`` starts a word of the organisation's name or comune."""
    words = fold(f"{row.name} {row.comune_name}").split()
    return all(any(w.startswith(term) for w in words) for term in fold(text).split())


class OrganisationField(QLineEdit):
    """``picked(OrganisationRow)`` when an organisation is chosen from the list."""

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.organisations: list[OrganisationRow] = []
        self.items = QStandardItemModel(self)
        completer = QCompleter(self.items, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(_NAME)
        completer.activated[QModelIndex].connect(self._activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._filter)

    def set_organisations(self, rows: Sequence[OrganisationRow]) -> None:
        self.organisations = list(rows)

    def matching(self, text: str) -> list[OrganisationRow]:
        if not fold(text):
            return []
        return [o for o in self.organisations if organisation_matches(o, text)][:SHOWN]

    def _filter(self, text: str) -> None:
        self.items.clear()
        for row in self.matching(text):
            item = QStandardItem(f"{row.name} — {row.comune_name}" if row.comune_name else row.name)
            item.setData(row.id, _ID)
            item.setData(row.name, _NAME)
            self.items.appendRow(item)
        completer = self.completer()
        if self.items.rowCount():
            completer.complete()
        else:
            completer.popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        wanted = index.data(_ID)
        row = next((o for o in self.organisations if o.id == wanted), None)
        if row is not None:
            self.setText(row.name)
            self.picked.emit(row)

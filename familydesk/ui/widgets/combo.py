"""A drop-down for long lists (partners, benefits, services): sorted the Italian way and
searchable by any part of an entry's text.

The sort key needs no locale or ICU on the machine: accents are set aside and case is
folded ("Ècole" sorts with "ecole", between "Dante" and "Fiori"), then the accented form
breaks ties so the order is total and stable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

SEARCHABLE_FROM = 20
"""A list longer than this is worth typing into."""


def collation_key(text: str) -> tuple[str, str]:
    """Italian-like order without a locale: base letters first, then accents and case."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return (base.casefold(), text.casefold())


def sorted_items(items: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return sorted(items, key=lambda item: collation_key(item[0]))


class SearchableCombo(QComboBox):
    """An editable combo whose typing filters the entries by any part of their text
    (accents and case ignored by the completer's case-insensitivity); typing never adds
    an entry, and leaving the field with text that matches nothing puts back the entry
    that was chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[str].connect(self._completed)
        self.setCompleter(completer)

    def set_items(self, items: Iterable[tuple[str, Any]], *, sort: bool = True) -> None:
        """Replace the entries (text, data), sorted by ``collation_key`` unless told not
        to; nothing is chosen afterwards."""
        self.clear()
        for text, data in sorted_items(items) if sort else items:
            self.addItem(text, data)
        self.setCurrentIndex(-1)

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 (Qt's name)
        super().setCurrentIndex(index)
        if index < 0 and self.lineEdit() is not None:
            self.lineEdit().clear()

    def _completed(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)
            self.activated.emit(index)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        # Text that names no entry is not a choice: show the chosen entry again.
        if self.findText(self.currentText(), Qt.MatchFlag.MatchExactly) < 0:
            index = self.currentIndex()
            self.lineEdit().setText(self.itemText(index) if index >= 0 else "")
        super().focusOutEvent(event)


__all__ = ["SEARCHABLE_FROM", "SearchableCombo", "collation_key", "sorted_items"]

"""A text field whose value is one entry of a long list (the comuni, the citizenships):
typing a part of an entry, anywhere in it, shows the entries that contain it; Down and
Enter, or a click, picks one. What was typed but picked nothing stays as typed, so the
service refuses it naming the field instead of the form guessing."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


class ListEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = QStringListModel(self)
        completer = QCompleter(self.entries, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(10)
        self.setCompleter(completer)

    def set_entries(self, entries: Iterable[str]) -> None:
        """The entries in the order the list shows them (the likeliest first)."""
        self.entries.setStringList(list(entries))

"""A text field whose value is one entry of a long list (the comuni, the citizenships):
typing a part of an entry, anywhere in it, shows the entries that contain it; Down and
Enter, or a click, picks one. What was typed but picked nothing stays as typed, so the
service refuses it naming the field instead of the form guessing. Leaving the field
(Alt+letter, a click) closes its list: left open, it took the next key typed elsewhere."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit, QWidget


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
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[attr-defined]

    def set_entries(self, entries: Iterable[str]) -> None:
        """The entries in the order the list shows them (the likeliest first)."""
        self.entries.setStringList(list(entries))

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The open list keeps the keyboard even after the focus went elsewhere.
        popup = self.completer().popup()
        if new is not None and new is not self and new is not popup and popup.isVisible():
            popup.hide()

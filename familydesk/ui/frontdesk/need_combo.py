"""The need of a request: type a few letters of it, or open the list grouped by macro-area."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from familydesk.frontdesk import MACRO_AREAS, NeedRow
from familydesk.i18n import _
from familydesk.kernel.text import fold

_KEY = Qt.ItemDataRole.UserRole


class NeedCombo(QComboBox):
    """An editable list of needs. Typing filters them (any part of the name, accents and case
    ignored); the dropdown shows them under their regional macro-area (A-J), whose headings
    cannot be chosen. ``need_key()`` is the need the text names, or ``""``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(24)
        self.setMinimumContentsLength(24)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._needs: list[NeedRow] = []
        self.lineEdit().editingFinished.connect(self.settle)
        completer.activated.connect(lambda _text: self.settle())

    def set_needs(self, needs: list[NeedRow]) -> None:
        """The centre's needs (active ones), grouped by macro-area in the dropdown."""
        self._needs = list(needs)
        text = self.currentText()
        self.items.clear()
        bold = QFont()
        bold.setBold(True)
        for area, title in MACRO_AREAS.items():
            in_area = [n for n in self._needs if n.macro_area == area]
            if not in_area:
                continue
            heading = QStandardItem(_("{letter} · {area}").format(letter=area, area=_(title)))
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            heading.setFont(bold)
            self.items.appendRow(heading)
            for need in in_area:
                item = QStandardItem(need.name)
                item.setData(need.key, _KEY)
                item.setToolTip(_(title))
                self.items.appendRow(item)
        self.names.setStringList([n.name for n in self._needs])
        self.set_need_key("")
        self.setEditText(text)

    def need_key(self) -> str:
        """The need named by the text: the exact name, else the only name containing it."""
        typed = fold(self.currentText())
        if not typed:
            return ""
        exact = [n.key for n in self._needs if fold(n.name) == typed]
        partial = [n.key for n in self._needs if typed in fold(n.name)]
        if exact:
            return exact[0]
        return partial[0] if len(partial) == 1 else ""

    def set_need_key(self, key: str) -> None:
        names = {n.key: n.name for n in self._needs}
        self.setCurrentIndex(-1)
        self.setEditText(names.get(key, ""))

    def settle(self) -> None:
        """Show the whole name of the need typed (``hous`` becomes ``Housing``).

        Not while the completer's list is open: Enter there first finishes the line edit's
        editing, and rewriting the text then re-filtered the list under the completer, which
        took the highlighted row of the whole list instead ("Orientation to services", the
        first need, saved whatever was highlighted). The completer's ``activated`` settles
        once it has written the need chosen."""
        popup = self.completer().popup() if self.completer() else None
        if popup is not None and popup.isVisible():
            return
        key = self.need_key()
        if key:
            self.set_need_key(key)

"""Where a referral sends the family: a field that suggests the directory's services for the
need, the family's comune first, as the operator types (accents ignored).

Keyboard only: type, Down/Up through the list, Enter picks (the field shows the service),
typing again or Backspace unpicks, Escape closes the list. The last line keeps what was
typed as "other" (free text, no service).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from familydesk.directory.records import ServiceRow
from familydesk.directory.search import suggest
from familydesk.i18n import _

#: The index of the suggestion in ``choices`` (-1: the "other" line).
_CHOICE = Qt.ItemDataRole.UserRole + 1
#: What the completer writes in the field while a line is highlighted: what was typed.
_TYPED = Qt.ItemDataRole.UserRole + 2


def service_line(row: ServiceRow) -> str:
    """A suggestion as listed: name — organisation, comune · how to get in."""
    return _("{name} — {organisation}, {comune} · {access}").format(
        name=row.name,
        organisation=row.organisation.name,
        comune=row.place_comune,
        access=row.access_words,
    )


class ServicePicker(QLineEdit):
    """``service()`` is the service picked (None: free text, ``text()``, is "other").

    ``need_key`` and ``comune_code`` are asked each time the list is shown."""

    def __init__(
        self,
        need_key: Callable[[], str] = lambda: "",
        comune_code: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.need_key = need_key
        self.comune_code = comune_code
        self.rows: list[ServiceRow] = []
        self.choices: list[ServiceRow] = []
        self._picked: ServiceRow | None = None
        self.lines = QStandardItemModel(self)
        completer = QCompleter(self.lines, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(_TYPED)
        completer.setMaxVisibleItems(10)
        self.setCompleter(completer)
        # After the line edit's own handler (which writes the completion text, what was typed).
        completer.activated[QModelIndex].connect(self._activated)
        self.textEdited.connect(self._edited)

    # -- the directory ------------------------------------------------------------
    def set_services(self, rows: Sequence[ServiceRow]) -> None:
        """The directory's services (read once; again when the directory changes)."""
        self.rows = list(rows)
        if self._picked is not None:
            same = [r for r in self.rows if r.id == self._picked.id]
            self._picked = same[0] if same else None

    def service(self) -> ServiceRow | None:
        return self._picked

    def service_id(self) -> int | None:
        return self._picked.id if self._picked else None

    def pick(self, row: ServiceRow | None) -> None:
        self._picked = row
        self.setText(row.name if row else "")

    def clear(self) -> None:
        self._picked = None
        super().clear()

    # -- the list -----------------------------------------------------------------
    def refresh(self) -> None:
        """The suggestions for what is typed now, "other" last when something is typed."""
        typed = self.text()
        self.choices = suggest(self.rows, self.need_key() or None, self.comune_code(), typed)
        self.lines.clear()
        for index, row in enumerate(self.choices):
            item = QStandardItem(service_line(row))
            item.setData(index, _CHOICE)
            item.setData(typed, _TYPED)
            self.lines.appendRow(item)
        if typed.strip():
            item = QStandardItem(_("Other: «{text}»").format(text=typed.strip()))
            item.setData(-1, _CHOICE)
            item.setData(typed, _TYPED)
            self.lines.appendRow(item)

    def open_list(self) -> None:
        self.refresh()
        if self.lines.rowCount():
            popup = self.completer().popup()
            # Wide enough for "name — organisation, comune · how to get in".
            wanted = popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8
            popup.setMinimumWidth(min(max(self.width(), wanted), 900))
            self.completer().complete()

    def popup_lines(self) -> list[str]:
        return [self.lines.item(i).text() for i in range(self.lines.rowCount())]

    def _edited(self, _text: str) -> None:
        self._picked = None  # typing again unpicks
        self.open_list()

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        choice = index.data(_CHOICE)
        if choice is None or choice < 0 or choice >= len(self.choices):
            self._picked = None
            self.setText(str(index.data(_TYPED) or "").strip())
            return
        row = self.choices[choice]
        self._picked = row
        # The line edit writes the completion (what was typed) after this signal: show the
        # service's name once it has (seen at a real display).
        QTimer.singleShot(0, lambda: self._show_picked(row))

    def _show_picked(self, row: ServiceRow) -> None:
        if self._picked is row:
            self.setText(row.name)

    # -- keys and focus -------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup()
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and not popup.isVisible():
            self.open_list()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.PopupFocusReason:
            return  # the list just closed
        if not self.text() and self.isEnabled():
            self.open_list()  # with no text typed, the services for the need already

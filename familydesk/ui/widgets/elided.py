"""Labels that never make the window wider than the screen.

A QLabel asks for the width of its whole text (a word-wrapped one, for its longest word),
and a layout passes that up to the main window: a 5,000-character family name made the
window 32,767 px wide. :class:`ElidedLabel` shows one line cut with "…" to the width it is
given, and the whole text in its tooltip; :func:`breakable` lets a word-wrapped label break
a very long word instead of growing.
"""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: Zero-width space: a place where a line may break, invisible on screen.
ZWSP = "\u200b"
#: A word-wrapped label breaks words longer than this many characters.
LONGEST_WORD = 30
#: The widest an elided label asks to be (it still shows more when it is given more room).
WIDEST_HINT = 600
_LONG_WORD = re.compile(rf"[^\s{ZWSP}]{{{LONGEST_WORD + 1},}}")


def breakable(text: str, every: int = LONGEST_WORD) -> str:
    """``text`` with a zero-width space every ``every`` characters of a longer word, so a
    word-wrapped label breaks it (plain text only: not inside HTML tags)."""

    def cut(match: re.Match[str]) -> str:
        word = match.group(0)
        return ZWSP.join(word[i : i + every] for i in range(0, len(word), every))

    return _LONG_WORD.sub(cut, text)


class ElidedLabel(QLabel):
    """One line of plain text cut with "…" to the label's width; the tooltip has it whole.

    ``text()`` returns the whole text. The label asks for a few characters at least and
    for :data:`WIDEST_HINT` pixels at most, so it never widens the window; layouts give it
    the room there is.
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._tooltip = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = " ".join(str(text).split()) if "\n" in str(text) else str(text)
        self._elide()
        self.updateGeometry()

    def clear(self) -> None:
        self.setText("")

    def setToolTip(self, text: str) -> None:  # noqa: N802
        """A tooltip of its own; while the text is cut, the whole text is shown above it."""
        self._tooltip = text
        self._elide()

    def is_elided(self) -> bool:
        return super().text() != self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        least = self.fontMetrics().horizontalAdvance("MMMM…") + margins.left() + margins.right()
        return QSize(min(hint.width(), least) if self._full else hint.width(), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(min(width + 2, WIDEST_HINT), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(width, 0))
        if shown != super().text():
            super().setText(shown)
        # Rich text, so that Qt wraps a long tooltip instead of drawing it off the screen.
        whole = f"<p>{escape(breakable(self._full))}</p>" if shown != self._full else ""
        tip = "".join(t for t in (whole, self._tooltip) if t)
        if tip != super().toolTip():
            super().setToolTip(tip)

"""A non-modal message above the calendar: what was just done, or why it was refused.

Links in the text (``<a href="...">``) are emitted as ``link(href)``; they can be
reached with Tab and followed with Enter. Escape or the ✕ button closes it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from familydesk.i18n import _

#: kind -> (background, text, border)
_COLOURS = {
    "warning": ("#fdecea", "#6b140f", "#f0b0aa"),
    "ok": ("#e8f5ec", "#14461f", "#a8d5b4"),
    "info": ("#eef4fb", "#1d3b5a", "#b9cfe6"),
}


class Banner(QFrame):
    link = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarBanner")
        self.kind = ""
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.label.linkActivated.connect(self.link.emit)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(_("Close (Esc)"))

    def show_message(
        self, kind: str, lines: list[str], links: tuple[tuple[str, str], ...] = ()
    ) -> None:
        """``lines`` of plain text, then ``links`` as (href, text), in a ``kind`` banner
        ("warning", "ok" or "info")."""
        self.kind = kind
        html = "<br>".join(escape(line) for line in lines)
        if links:
            html += "<br>" + " · ".join(
                f'<a href="{escape(href)}">{escape(text)}</a>' for href, text in links
            )
        self.label.setText(html)
        back, text, border = _COLOURS[kind]
        self.setStyleSheet(
            f"QFrame#calendarBanner {{ background: {back}; border: 1px solid {border};"
            f" border-radius: 6px; }} QLabel#bannerText {{ color: {text}; }}"
        )
        self.show()

    def text(self) -> str:
        """The message as plain text (tests, accessibility)."""
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(self.label.text())
        return document.toPlainText()

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()

"""The keys the F1 list shows: each page's buttons name their key in their text
("Call next (F6)"); the list gives them in key order, mnemonic "&" left out."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QWidget

_KEY_IN_TEXT = re.compile(
    r"^(?P<text>.*?)\s*\((?P<key>(?:(?:Ctrl|Shift|Alt)\+)*(?:F\d{1,2}|[A-Z]))\)$"
)


def plain(text: str) -> str:
    """``text`` without mnemonic ampersands ("&&" is a literal one)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def button_keys(page: QWidget) -> list[tuple[str, str]]:
    """(key, what it does) for each button of ``page`` whose text names its key."""
    seen: dict[str, str] = {}
    for button in page.findChildren(QAbstractButton):
        match = _KEY_IN_TEXT.match(plain(button.text()))
        if match and match["key"] not in seen:
            seen[match["key"]] = match["text"]
    return sorted(seen.items(), key=lambda item: _key_order(item[0]))


def _key_order(key: str) -> tuple[int, int, str]:
    name = key.rsplit("+", 1)[-1]
    if name.startswith("F") and name[1:].isdigit():
        return (0, int(name[1:]), key)
    return (1, 0, key)

"""A test-only view of the shell's geometry, for the journeys (tests/journeys): off by default.

Only when ``FAMILYDESK_GEOMETRY_DUMP`` names a file does the main window write, on each page
switch and every 0.3 s, a JSON snapshot of what is on screen: the page shown, the
screen, each visible top-level window (main window, dialogs, popups) with its frame, the
widget with the keyboard focus, and every visible widget with its class, object name and
global rectangle, and the part of it actually painted (clipped by its parents: what a
screenshot shows). Buttons add their text, combo boxes their current text, tab bars their
tabs, scroll bars their value, item views their current cell. The journeys read it to click
a tab, a cell or a button as a person would, and to check that nothing reaches beyond the
screen's right edge.

The file is replaced atomically; a failure is logged, never shown. GUI thread only.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QMainWindow,
    QTabBar,
    QWidget,
)

from familydesk.ui.shell.navigation import NAVIGATION

log = logging.getLogger(__name__)

ENV = "FAMILYDESK_GEOMETRY_DUMP"
INTERVAL_MS = 300


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _global(widget: QWidget, rect: QRect) -> QRect:
    return QRect(widget.mapToGlobal(rect.topLeft()), rect.size())


def describe(widget: QWidget) -> dict[str, Any] | None:
    """One visible widget: where it is and the part of it on screen (None: nothing shown)."""
    painted = widget.visibleRegion().boundingRect()
    if painted.isEmpty():
        return None
    entry: dict[str, Any] = {
        "cls": type(widget).__name__,
        "name": widget.objectName(),
        "rect": _rect(_global(widget, widget.rect())),
        "visible": _rect(_global(widget, painted)),
    }
    if isinstance(widget, QAbstractButton):
        entry["text"] = widget.text()
    elif isinstance(widget, QComboBox):
        entry["text"] = widget.currentText()
    elif isinstance(widget, QTabBar):
        entry["tabs"] = [
            {"text": widget.tabText(i), "rect": _rect(_global(widget, widget.tabRect(i)))}
            for i in range(widget.count())
        ]
        entry["current"] = widget.currentIndex()
    elif isinstance(widget, QAbstractSlider):
        entry["value"], entry["maximum"] = widget.value(), widget.maximum()
    elif isinstance(widget, QAbstractItemView) and widget.currentIndex().isValid():
        index = widget.currentIndex()
        cell = _global(widget.viewport(), widget.visualRect(index))
        entry["current"] = {"row": index.row(), "column": index.column(), "rect": _rect(cell)}
    return entry


def snapshot(window: QMainWindow, sequence: int) -> dict[str, Any]:
    focus = QApplication.focusWidget()
    screen = window.screen()
    nav = getattr(window, "nav", None)
    row = nav.currentRow() if nav is not None else -1
    windows = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        widgets = [describe(w) for w in [top, *top.findChildren(QWidget)] if w.isVisible()]
        windows.append(
            {
                "cls": type(top).__name__,
                "name": top.objectName(),
                "title": top.windowTitle(),
                "main": top is window,
                "frame": _rect(top.frameGeometry()),
                "geometry": _rect(top.geometry()),
                "widgets": [w for w in widgets if w],
            }
        )
    return {
        "sequence": sequence,
        "pid": os.getpid(),
        "page": NAVIGATION[row].key if 0 <= row < len(NAVIGATION) else "",
        "busy": window.context.runner.pending > 0 if hasattr(window, "context") else False,
        "screen": _rect(screen.geometry()) if screen else None,
        "available": _rect(screen.availableGeometry()) if screen else None,
        "focus": {
            "cls": type(focus).__name__,
            "name": focus.objectName(),
            "rect": _rect(_global(focus, focus.rect())),
        }
        if focus
        else None,
        "windows": windows,
    }


def install(window: QMainWindow) -> None:
    """Write snapshots of ``window`` to the file ``FAMILYDESK_GEOMETRY_DUMP`` names (if set)."""
    target = os.environ.get(ENV)
    if not target:
        return
    path = Path(target)
    count = [0]

    def write() -> None:
        count[0] += 1
        try:
            partial = path.with_name(path.name + ".tmp")
            partial.write_text(json.dumps(snapshot(window, count[0])), encoding="utf-8")
            os.replace(partial, path)
        except Exception:  # a probe never disturbs the desk
            log.exception("Geometry dump failed")

    timer = QTimer(window)
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(write)
    timer.start()
    nav = getattr(window, "nav", None)
    if nav is not None:
        nav.currentRowChanged.connect(lambda _row: QTimer.singleShot(100, window, write))
    QTimer.singleShot(0, window, write)

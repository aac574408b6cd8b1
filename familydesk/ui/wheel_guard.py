"""The mouse wheel scrolls the page, never the value of a field it passes over.

Scrolling the Settings page over the language combo switched the interface language. An
application-wide event filter (installed once, at start-up) drops wheel events on combo
boxes and spin boxes (dates and times included) that do not have the keyboard focus and
hands them to the scroll area around them, which scrolls as if the field were not there.
A focused field still takes the wheel, as the operator chose it. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """``install(app)`` once; the filter lives as long as the application."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, _GUARDED):
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            # The viewport scrolls; the combo's own handling is skipped.
            QCoreApplication.sendEvent(area.viewport(), event)
        event.ignore()
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, _GUARDED):
            return parent
        parent = parent.parentWidget()
    return None


def install(app: QCoreApplication) -> WheelGuard:
    """Install the guard on ``app`` (idempotent) and return it."""
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard

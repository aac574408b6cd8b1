"""The mouse wheel scrolls the page, never the value of a field it passes over.

Scrolling the Settings page over the language combo switched the interface language. An
application-wide event filter (installed once, at start-up) drops wheel events on combo
boxes and spin boxes (dates and times included) that do not have the keyboard focus and
hands them to the scroll area around them, which scrolls as if the field were not there.
A focused field still takes the wheel, as the operator chose it. GUI thread only.

At a real display Qt gives a wheel-focus widget the focus *before* any filter sees the
wheel (QApplication::notify, for spontaneous wheel events), so the field would be focused
and change after all: every guarded widget is made ``StrongFocus`` (Tab and click still
focus it, the wheel no longer does) when it is polished, i.e. before it is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """``install(app)`` once; the filter lives as long as the application."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, _GUARDED):
            _no_wheel_focus(watched)
            return False
        if kind != QEvent.Type.Wheel or not isinstance(watched, _GUARDED):
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            # The viewport scrolls; the combo's own handling is skipped.
            QCoreApplication.sendEvent(area.viewport(), event)
        event.ignore()
        return True


def _no_wheel_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


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

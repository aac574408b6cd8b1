"""The family page's "Cards" tab (being built)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from familydesk.i18n import _
from familydesk.ui.pages.base import PageContext


class FamilyCardsTab(QWidget):
    """``counted(n)`` after each load, for the tab's title."""

    counted = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def title(self, count: int) -> str:
        return _("Cards ({count})").format(count=count)

    def retranslate_ui(self) -> None:
        pass

    def show_family(self, family_id: int | None) -> None:
        self.counted.emit(0)

"""What the Family card page's tabs have in common."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from familydesk.ui.widgets.page import PageContext


class CardsTab(QWidget):
    """A tab of the Family card page.

    ``load`` fetches the tab's data (the page calls it the first time the tab is shown, and
    again when another tab reported a change); ``changed`` says cards, partners or
    redemptions changed, so the page reloads the other tabs when they are next shown.
    """

    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = context.runner

    def title(self) -> str:
        raise NotImplementedError

    def load(self) -> None:
        """Fetch the tab's data through the runner."""

    def retranslate_ui(self) -> None:
        """Set the tab's texts in the interface language."""

    def focus_search(self) -> None:
        """Ctrl+F on the page: the tab's search or number field, if it has one."""

"""The Family card page's "Check a family" tab (being built), and the same check as a
dialog opened from the family page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from familydesk.i18n import _
from familydesk.ui.cards.common import CardsTab
from familydesk.ui.pages.base import PageContext


class EligibilityTab(CardsTab):
    def title(self) -> str:
        return _("Check a family")

    def show_family(self, family_id: int) -> None:
        """Check family ``family_id`` (chosen elsewhere, e.g. from the family page)."""


class EligibilityDialog(QDialog):
    """The eligibility check of one family, with the card issued from it: ``issued(CardRow)``."""

    issued = Signal(object)

    def __init__(self, context: PageContext, family_id: int, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.context = context
        self.family_id = family_id

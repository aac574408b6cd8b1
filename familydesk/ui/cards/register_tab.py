"""The Family card page's "Card register" tab (being built)."""

from __future__ import annotations

from familydesk.i18n import _
from familydesk.ui.cards.common import CardsTab


class RegisterTab(CardsTab):
    def title(self) -> str:
        return _("Card register")

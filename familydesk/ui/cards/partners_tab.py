"""The Family card page's "Partners" tab (being built)."""

from __future__ import annotations

from familydesk.i18n import _
from familydesk.ui.cards.common import CardsTab


class PartnersTab(CardsTab):
    def title(self) -> str:
        return _("Partners")

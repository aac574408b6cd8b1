"""The Family card page's "Benefits counter" tab (being built)."""

from __future__ import annotations

from familydesk.i18n import _
from familydesk.ui.cards.common import CardsTab


class CounterTab(CardsTab):
    def title(self) -> str:
        return _("Benefits counter")

"""The Family card page's "Check a family" tab (being built)."""

from __future__ import annotations

from familydesk.i18n import _
from familydesk.ui.cards.common import CardsTab


class EligibilityTab(CardsTab):
    def title(self) -> str:
        return _("Check a family")

    def show_family(self, family_id: int) -> None:
        """Check family ``family_id`` (chosen elsewhere, e.g. from the family page)."""

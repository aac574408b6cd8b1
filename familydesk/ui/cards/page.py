"""Family card (Carta della Famiglia): four tabs.

- **Card register**: every card with its state (active, expiring within 30 days, expired,
  revoked), renewal, revocation, replacement and printing.
- **Check a family**: the eligibility rules of a card type, met or not, in plain words; the
  card issued from there; the families that qualify but have no card yet.
- **Benefits counter**: a partner's benefit chosen once, then card numbers typed or read by a
  scanner (it types the number and Enter); the answer is immediate, green or red, with the
  reason, above today's log.
- **Partners**: shops, clubs, venues and their benefits (changed by coordinators), the
  directory booklet.

The tabs load when first shown; after a change in one tab (a card issued, a partner saved)
the others load again when next shown, and all of them after a write elsewhere that touched
cards, partners or the families they check (a card issued from the family page).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from familydesk.i18n import _
from familydesk.trust import permissions
from familydesk.ui.cards.common import CardsTab
from familydesk.ui.cards.counter_tab import CounterTab
from familydesk.ui.cards.eligibility_tab import EligibilityTab
from familydesk.ui.cards.partners_tab import PartnersTab
from familydesk.ui.cards.register_tab import RegisterTab
from familydesk.ui.widgets.page import Page, PageContext, desk_roles_reason


class CardsPage(Page):
    shows = frozenset(
        {
            "card",
            "card_member",
            "card_type",
            "card_sequence",
            "partner",
            "benefit",
            "benefit_card_type",
            "redemption",
            "family",
            "person",
        }
    )

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.available = context.may(permissions.CARDS)
        self._stale: set[CardsTab] = set()
        if self.available:
            self._build()
        self.retranslate_ui()

    def _build(self) -> None:
        self.register = RegisterTab(self.context)
        self.eligibility = EligibilityTab(self.context)
        self.counter = CounterTab(self.context)
        self.partners = PartnersTab(self.context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("cardTabs")
        for tab in self.all_tabs():
            self.tabs.addTab(tab, "")
            tab.changed.connect(lambda t=tab: self._changed(t))
        self._stale = set(self.all_tabs())
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        self.layout_.addWidget(self.tabs, 1)

    def all_tabs(self) -> tuple[CardsTab, ...]:
        return (self.register, self.eligibility, self.counter, self.partners)

    def title(self) -> str:
        return _("Family card")

    def unavailable_reason(self) -> str:
        return desk_roles_reason(self)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self.available:
            return
        for index, tab in enumerate(self.all_tabs()):
            tab.retranslate_ui()
            self.tabs.setTabText(index, tab.title())
        if self._loaded_once:  # names read with the data (categories, states) follow the language
            self._stale = set(self.all_tabs())
            self._tab_shown()

    def load_again(self) -> None:
        """A write elsewhere changed cards or families: every tab is out of date, the tab in
        front loads at once."""
        if self.available:
            self._stale = set(self.all_tabs())
            self._tab_shown()

    def load(self) -> None:
        if self.available:
            self._tab_shown()
        self.ready.emit()

    def focus_search(self) -> None:
        if self.available:
            self.current_tab().focus_search()

    def current_tab(self) -> CardsTab:
        tab = self.tabs.currentWidget()
        assert isinstance(tab, CardsTab)
        return tab

    def show_tab(self, tab: CardsTab) -> None:
        """Bring ``tab`` to the front (it loads if it has not yet, or is out of date)."""
        if self.tabs.currentWidget() is tab:
            self._tab_shown()
        else:
            self.tabs.setCurrentWidget(tab)

    def check_family(self, family_id: int) -> None:
        """Open the eligibility check on family ``family_id``."""
        self.show_tab(self.eligibility)
        self.eligibility.show_family(family_id)

    def _tab_shown(self) -> None:
        if not self._loaded_once:
            return  # the page loads its first tab when it is first shown
        tab = self.current_tab()
        if tab in self._stale:
            self._stale.discard(tab)
            tab.load()
        tab.focus_search()

    def _changed(self, source: CardsTab) -> None:
        self._stale = set(self.all_tabs()) - {source}

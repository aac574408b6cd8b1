"""The Family card page's "Check a family" tab, and the same check as a dialog opened from
the family page.

The tab: find the family (as on the families page: type, ↓, Enter), choose the card type,
read the rules met or not, issue with Ctrl+Enter; on the right, the families that qualify
for the type and have no card yet (Enter checks one). The dialog: the same check for one
family, ``issued(CardRow)`` when a card was issued from it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSplitter, QVBoxLayout, QWidget

from familydesk.i18n import _
from familydesk.ui.cards.common import CardsTab
from familydesk.ui.cards.eligibility_candidates import CandidatesList
from familydesk.ui.cards.eligibility_panel import EligibilityPanel
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.person_picker import PersonPicker


class EligibilityTab(CardsTab):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.picker = PersonPicker(self.runner)
        self.picker.family_label.hide()  # the panel names the family
        self.picker.chosen.connect(self._picked)
        self.panel = EligibilityPanel(context, finder=self.picker)
        self.panel.issued.connect(self._issued)
        self.panel.type_changed.connect(self._type_changed)
        self.candidates = CandidatesList(self.runner)
        self.candidates.chosen.connect(self.show_family)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(self.panel)
        left.setMinimumWidth(520)
        self.candidates.setMinimumWidth(360)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.candidates)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.picker.search, self.panel.card_type)

    def title(self) -> str:
        return _("Check a family")

    def retranslate_ui(self) -> None:
        self.picker.retranslate_ui()
        self.panel.retranslate_ui()
        self.candidates.retranslate_ui()

    def load(self) -> None:
        self.panel.load_types()  # then type_changed: the candidates

    def focus_search(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    def show_family(self, family_id: int) -> None:
        """Check family ``family_id`` (chosen elsewhere, e.g. from the family page)."""
        self.picker.set_family(family_id)

    def _picked(self) -> None:
        self.picker.member.hide()  # the holder is chosen in the panel
        if self.picker.family is not None:
            self.panel.show_detail(self.picker.family)
            self.panel.holder.setFocus()

    def _type_changed(self) -> None:
        self.candidates.load(self.panel.card_type_id())

    def _issued(self, _row: object) -> None:
        self.changed.emit()
        self.candidates.load(self.panel.card_type_id())


class EligibilityDialog(QDialog):
    """The eligibility check of one family, with the card issued from it: ``issued(CardRow)``."""

    issued = Signal(object)

    def __init__(self, context: PageContext, family_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id = family_id
        self.panel = EligibilityPanel(context)
        self.panel.issued.connect(self.issued)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        context.language.changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.panel.load_types()
        self.panel.set_family(family_id)
        self.panel.card_type.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Family card: check and issue"))
        self.panel.retranslate_ui()

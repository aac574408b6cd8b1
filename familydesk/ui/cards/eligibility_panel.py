"""A family checked against a card type, rule by rule, and the card issued from there.

Shared by the Family card page's "Check a family" tab (with a family search above) and the
family page's dialog (one family). The verdict in green or red, each rule with ✓ or ✗ and
its words, the holder (a youth card depends on who holds it: choosing another member checks
again), the members covered, the proposed expiry and why it is shorter, and the family's
cards of that type. Ctrl+Enter or the button issues the card; the banner then offers the
card and its cover letter to print.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from familydesk.cards.eligibility import Eligibility
from familydesk.cards.issue import issue_card
from familydesk.cards.records import CardRow
from familydesk.cards.types import CardTypeRow, list_card_types
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.registry import FamilyDetail, get_family
from familydesk.trust import permissions
from familydesk.ui.cards import printing
from familydesk.ui.cards.eligibility_words import (
    RuleLines,
    cards_text,
    check_with_cards,
    expiry_text,
    verdict,
)
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.dialogs import report
from familydesk.ui.widgets.page import PageContext


class EligibilityPanel(QWidget):
    """``issued(CardRow)`` after a card was issued here; ``type_changed()`` when the card type
    (or the list of types) changed. ``finder`` (the tab's family search) goes above the name."""

    issued = Signal(object)
    type_changed = Signal()

    def __init__(
        self, context: PageContext, finder: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = context.runner
        self.may_issue = context.may(permissions.CARDS)
        self.detail: FamilyDetail | None = None
        self.result: Eligibility | None = None
        self.cards: list[CardRow] = []
        self._current_id: int | None = None
        self.types: dict[int, CardTypeRow] = {}
        self.types_loaded = False
        self.last_issued: CardRow | None = None
        self._asked = 0  # answers to an older check are dropped
        self.has_finder = finder is not None
        self.family_name = QLabel()
        self.family_name.setObjectName("sectionTitle")
        self.family_name.setWordWrap(True)
        family = QVBoxLayout()
        family.setContentsMargins(0, 0, 0, 0)
        if finder is not None:
            family.addWidget(finder)
        family.addWidget(self.family_name)
        self.card_type = QComboBox()
        self.card_type.setObjectName("cardTypeChoice")
        self.card_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.verdict = QLabel()
        self.verdict.setObjectName("eligibilityVerdict")
        self.verdict.setWordWrap(True)
        self.rules = RuleLines()
        self.holder = QComboBox()
        self.holder.setObjectName("holderChoice")
        self.holder.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.covers = QLabel()
        self.expiry = QLabel()
        self.existing = QLabel()
        for label in (self.covers, self.expiry, self.existing):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueCard")
        self.issue_button.setVisible(self.may_issue)
        self.banner = Banner()
        self.print_card_button = QPushButton()
        self.print_card_button.setObjectName("printCard")
        self.print_letter_button = QPushButton()
        self.print_letter_button.setObjectName("printCoverLetter")
        for button in (self.issue_button, self.print_card_button, self.print_letter_button):
            button.setAutoDefault(False)  # Enter in a dialog must not issue or print
        self.captions = {
            key: QLabel() for key in ("family", "type", "holder", "covers", "expiry", "cards")
        }
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for combo in (self.card_type, self.holder):  # as wide as their texts, not the panel
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.form.addRow(self.captions["family"], family)
        self.form.addRow(self.captions["type"], self.card_type)
        self.form.addRow(self.verdict)
        self.form.addRow(self.rules)
        self.form.addRow(self.captions["holder"], self.holder)
        self.form.addRow(self.captions["covers"], self.covers)
        self.form.addRow(self.captions["expiry"], self.expiry)
        self.form.addRow(self.captions["cards"], self.existing)
        actions = QHBoxLayout()
        actions.addWidget(self.issue_button)
        actions.addStretch(1)
        printed = QHBoxLayout()
        printed.addWidget(self.print_card_button)
        printed.addWidget(self.print_letter_button)
        printed.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addLayout(printed)
        layout.addStretch(1)
        self._show_printing(False)
        self.card_type.currentIndexChanged.connect(self._type_chosen)
        self.holder.currentIndexChanged.connect(self._holder_chosen)
        self.issue_button.clicked.connect(self.issue)
        self.print_card_button.clicked.connect(self.print_card)
        self.print_letter_button.clicked.connect(self.print_cover_letter)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self, self.issue)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        captions = {
            "family": _("Family"),
            "type": _("Card type"),
            "holder": _("Holder"),
            "covers": _("Covers"),
            "expiry": _("Proposed expiry"),
            "cards": _("Cards of this type"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.holder.setPlaceholderText(_("No member of the right age"))
        self.issue_button.setText(_("Issue the card"))
        self.issue_button.setToolTip(_("Issue the card (Ctrl+Enter)"))
        self.print_card_button.setText(_("Print the card"))
        self.print_letter_button.setText(_("Print the cover letter"))
        self.banner.retranslate_ui()
        if self.detail is not None and self.card_type_id() is not None:
            self.check(self.result.holder_id if self.result else None)  # the rules' words too
        else:
            self._show()

    # -- what is checked ---------------------------------------------------------
    def load_types(self) -> None:
        """The active card types (keeps the one chosen), then the check again."""
        self.runner.read(
            list_card_types,
            active_only=True,
            owner=self,
            on_done=self._types,
            on_error=self._failed,
        )

    def _types(self, rows: list[CardTypeRow]) -> None:
        keep = self.card_type_id()
        self.types = {r.id: r for r in rows}
        self.types_loaded = True
        self.card_type.blockSignals(True)
        self.card_type.clear()
        for row in rows:
            self.card_type.addItem(row.name, row.id)
        self.card_type.setCurrentIndex(max(0, self.card_type.findData(keep)) if rows else -1)
        self.card_type.blockSignals(False)
        self.type_changed.emit()
        self.check()

    def card_type_id(self) -> int | None:
        return self.card_type.currentData()

    def choose_type(self, card_type_id: int) -> None:
        self.card_type.setCurrentIndex(self.card_type.findData(card_type_id))

    def set_family(self, family_id: int) -> None:
        """Check family ``family_id`` (read from the registry first)."""
        self.runner.read(
            get_family, family_id, owner=self, on_done=self.show_detail, on_error=self._failed
        )

    def show_detail(self, detail: FamilyDetail) -> None:
        """Check the family ``detail`` (as the family search gives it), holder chosen anew."""
        self.detail = detail
        self.result = None
        self.banner.clear()
        self._show_printing(False)
        self.holder.blockSignals(True)
        self.holder.clear()
        for member in detail.members:
            text = member.full_name
            if member.age is not None:
                text = ngettext("{name}, {age} year", "{name}, {age} years", member.age).format(
                    name=text, age=format_number(member.age)
                )
            self.holder.addItem(text, member.id)
        self.holder.setCurrentIndex(-1)
        self.holder.blockSignals(False)
        self.check()

    def _type_chosen(self, _index: int) -> None:
        self.banner.clear()
        self._show_printing(False)
        self.type_changed.emit()
        self.check()

    def _holder_chosen(self, index: int) -> None:
        if index >= 0:
            self.check(self.holder.itemData(index))

    def check(self, holder_id: int | None = None) -> None:
        """Check the family against the chosen type (``holder_id`` None: the first member of
        the right age)."""
        self._asked += 1
        card_type_id = self.card_type_id()
        if self.detail is None or card_type_id is None:
            self.result = None
            self._show()
            return
        asked = self._asked
        self.runner.read(
            check_with_cards,
            self.detail.id,
            card_type_id,
            holder_id,
            owner=self,
            on_done=lambda done: self._checked(done, asked),
            on_error=self._failed,
        )

    def _checked(self, done: tuple[Eligibility, list[CardRow], int | None], asked: int) -> None:
        if asked != self._asked:
            return
        self.result, cards, self._current_id = done
        self.cards = [c for c in cards if c.card_type_id == self.result.card_type_id]
        self.holder.blockSignals(True)
        self.holder.setCurrentIndex(self.holder.findData(self.result.holder_id))
        self.holder.blockSignals(False)
        self._show()

    # -- what is shown -----------------------------------------------------------
    def current_card(self) -> CardRow | None:
        """The family's valid card of this type that a new one would duplicate (the service
        refuses it: renew or replace it instead)."""
        if self.result is None:
            return None
        return next((c for c in self.cards if c.id == self._current_id), None)

    def may_issue_now(self) -> bool:
        return bool(
            self.may_issue and self.result and self.result.eligible and self.current_card() is None
        )

    def _show(self) -> None:
        detail, result = self.detail, self.result
        if detail is None:
            self.family_name.setText(
                _("Find the family above, or choose one in the list on the right.")
                if self.has_finder
                else ""
            )
        else:
            self.family_name.setText(
                " — ".join(
                    p
                    for p in (_("Family {name}").format(name=detail.name), detail.comune_name)
                    if p
                )
            )
        self._set_verdict(result)
        self.rules.set_rules([(r.met, r.text) for r in result.rules] if result else [])
        for widget in (self.holder, self.existing):
            self.form.setRowVisible(widget, result is not None)
        eligible = bool(result and result.eligible and self.current_card() is None)
        for widget in (self.covers, self.expiry):  # what a new card would be
            self.form.setRowVisible(widget, eligible)
        if result is not None:
            self._show_details(result)
        self.issue_button.setEnabled(self.may_issue_now())

    def _set_verdict(self, result: Eligibility | None) -> None:
        text, colour = verdict(self.types_loaded and not self.types, result, self.current_card())
        self.verdict.setText(text)
        self.form.setRowVisible(self.verdict, bool(text))
        self.verdict.setStyleSheet(f"color: {colour}; font-size: 13pt; font-weight: 600;")

    def _show_details(self, result: Eligibility) -> None:
        names = {m.id: m.full_name for m in self.detail.members} if self.detail else {}
        self.covers.setText(", ".join(names.get(i, "?") for i in result.members))
        self.expiry.setText(expiry_text(result, self.types.get(result.card_type_id)))
        self.existing.setText(cards_text(self.cards, self.current_card()))

    def rule_lines(self) -> list[str]:
        return self.rules.lines()

    # -- issuing and printing ----------------------------------------------------
    def issue(self) -> None:
        """Issue the card to the family as checked (Ctrl+Enter)."""
        result = self.result
        if not self.may_issue or result is None or self.detail is None:
            return
        if not self.may_issue_now():
            reason = (
                _("the family already has a valid card of this type.")
                if result.eligible
                else " ".join(result.reasons)
            )
            self.banner.show_message(
                "warning", [_("The card cannot be issued: {reason}").format(reason=reason)]
            )
            return
        self.runner.write(
            issue_card,
            self.detail.id,
            result.card_type_id,
            result.holder_id,
            owner=self,
            on_done=self._issued,
            on_error=self._refused,
        )

    def _issued(self, row: CardRow) -> None:
        self.last_issued = row
        self.banner.show_message(
            "ok",
            [
                _("Card {number} issued to {holder}, valid until {day}.").format(
                    number=row.grouped_number, holder=row.holder, day=format_date(row.expires_on)
                )
            ],
        )
        self._show_printing(True)
        self.issued.emit(row)
        self.check(row.holder_id)
        self.print_card_button.setFocus()

    def _refused(self, exc: BaseException) -> None:
        self._show_printing(False)
        report(self.banner, self, exc)
        if self.result is not None:
            self.check(self.result.holder_id)  # the rules as they are now

    def _show_printing(self, shown: bool) -> None:
        self.print_card_button.setVisible(shown)
        self.print_letter_button.setVisible(shown)

    def print_card(self) -> None:
        if self.last_issued is not None:
            printing.print_card(self.runner, self, self.last_issued.number, self._failed)

    def print_cover_letter(self) -> None:
        if self.last_issued is not None:
            printing.print_cover_letter(self.runner, self, self.last_issued.number, self._failed)

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)

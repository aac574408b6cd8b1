"""The Family card page's "Benefits counter" tab: where a partner's benefit is granted.

The partner and its benefit are chosen once (and remembered for the next day); then the
big number field keeps the keyboard focus. A USB barcode/QR scanner "types" the number
and Enter, as a person would: each Enter records the attempt (``redeem``), shows the
answer in a big green or red panel, clears the field for the next card and refreshes
today's log below (every attempt, accepted or refused, newest first).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.cards.partners import BenefitRow, PartnerRow, list_partners
from familydesk.cards.redemptions import (
    RedemptionResult,
    RedemptionRow,
    redeem,
    redemptions_between,
)
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.kernel import clock
from familydesk.kernel.errors import FamilyDeskError
from familydesk.ui.cards.common import CardsTab
from familydesk.ui.cards.counter_answer import AnswerPanel
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.combo import SearchableCombo
from familydesk.ui.widgets.fields import ErrorLine, record_table
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, Index, RowsTableModel

#: QSettings keys: the last partner and benefit chosen at this desk.
PARTNER_SETTING = "cards/counterPartner"
BENEFIT_SETTING = "cards/counterBenefit"
REFUSED_COLOUR = QColor("#a3231b")


def outcome_text(row: RedemptionRow) -> str:
    return _("accepted") if row.accepted else _("refused: {reason}").format(reason=row.reason_text)


def log_columns() -> list[Column]:
    return [
        Column(lambda: _("Time"), lambda r: f"{r.at:%H:%M:%S}"),
        Column(lambda: _("Card number"), lambda r: r.number),
        Column(lambda: _("Partner"), lambda r: r.partner),
        Column(lambda: _("Benefit"), lambda r: r.benefit),
        Column(lambda: _("Outcome"), outcome_text),
        Column(lambda: _("Operator"), lambda r: r.operator),
    ]


class LogModel(RowsTableModel):
    """Today's attempts; refused ones in red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            return None if self.row_at(index.row()).accepted else REFUSED_COLOUR
        return super().data(index, role)


def benefit_text(benefit: BenefitRow) -> str:
    """ "10% discount (Carta Famiglia)": what it gives and to which cards."""
    return (
        f"{benefit.label} ({', '.join(benefit.card_types)})"
        if benefit.card_types
        else benefit.label
    )


class CounterTab(CardsTab):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        #: Now, in the centre's time zone (tests set a fixed moment).
        self.clock: Callable[[], datetime] = clock.now
        self.partners: list[PartnerRow] = []
        self.banner = Banner()
        self.partner_label, self.benefit_label = QLabel(), QLabel()
        self.partner, self.benefit = SearchableCombo(), SearchableCombo()
        self.partner.setObjectName("counterPartner")
        self.benefit.setObjectName("counterBenefit")
        self.partner_label.setBuddy(self.partner)
        self.benefit_label.setBuddy(self.benefit)
        for combo in (self.partner, self.benefit):
            combo.setMinimumWidth(220)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.conditions = QLabel()
        self.conditions.setObjectName("counterConditions")
        self.conditions.setWordWrap(True)
        self.number_label = QLabel()
        self.number_label.setObjectName("sectionTitle")
        self.number = QLineEdit()
        self.number.setObjectName("cardNumber")
        self.number.setMaxLength(40)
        self.number.setClearButtonEnabled(True)
        self.number.setStyleSheet(
            "QLineEdit#cardNumber { font-size: 22pt; padding: 6px 10px; letter-spacing: 1px; }"
        )
        self.number_label.setBuddy(self.number)
        self.record_button = QPushButton()
        self.record_button.setObjectName("recordUse")
        self.record_button.setMinimumHeight(48)
        self.error = ErrorLine()
        self.answer = AnswerPanel()
        self.log_title = QLabel()
        self.log_title.setObjectName("sectionTitle")
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.model = LogModel(log_columns(), self, tooltips=True)
        self.table = record_table(self.model)
        self.table.setObjectName("counterLog")
        self.table.setMinimumHeight(52)  # the page must fit a 500-pixel high window
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab from the field goes to the button
        self._lay_out()
        self.partner.currentIndexChanged.connect(lambda _i: self._fill_benefits())
        self.benefit.currentIndexChanged.connect(lambda _i: self._benefit_changed())
        self.partner.activated.connect(lambda _i: self._partner_chosen())
        self.benefit.activated.connect(lambda _i: self.focus_search())
        self.number.returnPressed.connect(self.record)
        self.record_button.clicked.connect(self.record)
        self.answer.clear()

    def _lay_out(self) -> None:
        choice = QGridLayout()
        choice.setContentsMargins(0, 0, 0, 0)
        choice.addWidget(self.partner_label, 0, 0)
        choice.addWidget(self.partner, 0, 1)
        choice.addWidget(self.benefit_label, 0, 2)
        choice.addWidget(self.benefit, 0, 3)
        choice.addWidget(self.conditions, 1, 1, 1, 3)
        choice.setColumnStretch(1, 1)
        choice.setColumnStretch(3, 1)
        entry = QHBoxLayout()
        entry.addWidget(self.number, 1)
        entry.addWidget(self.record_button)
        log_head = QHBoxLayout()
        log_head.addWidget(self.log_title)
        log_head.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(choice)
        layout.addSpacing(6)
        layout.addWidget(self.number_label)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addWidget(self.answer)
        layout.addSpacing(6)
        layout.addLayout(log_head)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.partner, self.benefit)
        self.setTabOrder(self.benefit, self.number)
        self.setTabOrder(self.number, self.record_button)

    def title(self) -> str:
        return _("Benefits counter")

    def retranslate_ui(self) -> None:
        self.partner_label.setText(_("&Partner"))
        self.partner.setPlaceholderText(_("Choose a partner"))
        self.benefit.setPlaceholderText(_("Choose the benefit"))
        self.benefit_label.setText(_("&Benefit"))
        self.number_label.setText(_("Card &number"))
        self.number.setPlaceholderText(_("Scan or type the card number"))
        self.record_button.setText(_("Record use"))
        self.record_button.setToolTip(_("Check the card and record the use of the benefit (Enter)"))
        self.log_title.setText(_("Today's uses"))
        self.banner.retranslate_ui()
        self.answer.retranslate_ui()
        self.model.retranslate()
        self._fill_benefits()  # "10% discount" in the new language
        self._show_count()

    def focus_search(self) -> None:
        self.number.setFocus()
        self.number.selectAll()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.focus_search()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """A scan while the focus is elsewhere (the button): the characters go to the field."""
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if plain and text.strip() and text.isprintable() and not self.number.hasFocus():
            self.number.setFocus()
            self.number.end(False)
            self.number.insert(text)
            return
        super().keyPressEvent(event)

    # -- partner and benefit ------------------------------------------------------------
    def load(self) -> None:
        self.runner.read(
            list_partners, owner=self, on_done=self._partners_loaded, on_error=self._failed
        )
        self.load_log()

    def _partners_loaded(self, rows: list[PartnerRow]) -> None:
        """Partners in force today with an active benefit. The one chosen before (here or,
        on the first load, on the last day) stays chosen; nothing is chosen by guess."""
        previous = self._partner_row()
        today = self.clock().date()
        self.partners = [p for p in rows if p.in_force(today) and any(b.active for b in p.benefits)]
        settings = QSettings()
        wanted = previous.id if previous else settings.value(PARTNER_SETTING, None, type=int)
        self.partner.blockSignals(True)
        self.partner.set_items(
            (partner.name + (f" — {partner.comune}" if partner.comune else ""), partner.id)
            for partner in self.partners
        )
        self.partner.setCurrentIndex(self.partner.findData(wanted) if wanted is not None else -1)
        self.partner.blockSignals(False)
        self._fill_benefits(None if previous else settings.value(BENEFIT_SETTING, None, type=int))
        if previous is not None and self._partner_row() is None:
            self.banner.show_message(
                "warning",
                [
                    _(
                        "The agreement with {partner} is no longer in force: choose another "
                        "partner."
                    ).format(partner=previous.name)
                ],
            )
        elif not self.partners:
            self.banner.show_message(
                "info",
                [
                    _(
                        "No partner has an agreement in force today: partners and their benefits "
                        "are added on the Partners tab."
                    )
                ],
            )
        else:
            self.banner.clear()

    def _partner_row(self) -> PartnerRow | None:
        return next((p for p in self.partners if p.id == self.partner.currentData()), None)

    def selected_benefit(self) -> BenefitRow | None:
        partner = self._partner_row()
        if partner is None:
            return None
        return next((b for b in partner.benefits if b.id == self.benefit.currentData()), None)

    def _fill_benefits(self, wanted: int | None = None) -> None:
        """The partner's active benefits; ``wanted`` (or the one chosen) stays chosen, a
        partner's only benefit is chosen, otherwise the operator picks one."""
        keep = self.benefit.currentData() if wanted is None else wanted
        partner = self._partner_row()
        self.benefit.blockSignals(True)
        self.benefit.set_items(
            (benefit_text(benefit), benefit.id)
            for benefit in (partner.benefits if partner else ())
            if benefit.active
        )
        index = self.benefit.findData(keep) if keep is not None else -1
        self.benefit.setCurrentIndex(0 if index < 0 and self.benefit.count() == 1 else index)
        self.benefit.blockSignals(False)
        self._benefit_changed()

    def _benefit_changed(self) -> None:
        self._show_conditions()
        benefit = self.selected_benefit()
        if benefit is not None:
            settings = QSettings()
            settings.setValue(PARTNER_SETTING, benefit.partner_id)
            settings.setValue(BENEFIT_SETTING, benefit.id)

    def _partner_chosen(self) -> None:
        """A partner picked: on to its benefit, or straight to the number when it has one."""
        if self.benefit.count() > 1:
            self.benefit.setFocus()
        else:
            self.focus_search()

    def _show_conditions(self) -> None:
        benefit = self.selected_benefit()
        if benefit is None:
            self.conditions.setText(_("Choose the partner and the benefit the family asks for."))
            return
        conditions = benefit.conditions or _("no particular conditions")
        self.conditions.setText(_("Conditions: {conditions}").format(conditions=conditions))

    def choose(self, partner_id: int, benefit_id: int) -> None:
        """Pick partner ``partner_id`` and its benefit ``benefit_id`` (as an operator would)."""
        self.partner.setCurrentIndex(self.partner.findData(partner_id))
        self.benefit.setCurrentIndex(self.benefit.findData(benefit_id))

    # -- recording ---------------------------------------------------------------------------
    def record(self) -> None:
        """Check the typed number against the chosen benefit and record the attempt."""
        typed = self.number.text().strip()
        self.error.show_message("")
        if not typed:
            self.error.show_message(
                _("Card number: scan the card or type its number, then press Enter.")
            )
            self.focus_search()
            return
        benefit = self.selected_benefit()
        if benefit is None:
            self.error.show_message(_("Benefit: choose the partner and the benefit first."))
            self.partner.setFocus()
            return
        self.number.clear()  # ready for the next scan while this one is recorded
        self.focus_search()
        self.runner.write(
            redeem,
            benefit.id,
            typed,
            self.clock(),
            owner=self,
            on_done=self._answered,
            on_error=self._refused,
        )

    def _answered(self, result: RedemptionResult) -> None:
        self.answer.show_result(result)
        self.changed.emit()
        if result.reason == "agreement":
            self.load()  # the partner or the benefit changed meanwhile: offer what is in force
        else:
            self.load_log()
        self.focus_search()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, FamilyDeskError):
            self.answer.show_problem(exc.message)
            self.load()  # the benefit or partner changed meanwhile
            self.focus_search()
        else:
            show_error(self, exc)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FamilyDeskError):
            self.banner.show_message("warning", [exc.message])
        else:
            show_error(self, exc)

    # -- today's log -------------------------------------------------------------------------
    def load_log(self) -> None:
        day = self.clock().date()
        self.runner.read(
            redemptions_between, day, day, owner=self, on_done=self._logged, on_error=self._failed
        )

    def _logged(self, rows: list[RedemptionRow]) -> None:
        self.model.set_rows(list(reversed(rows)))
        self._show_count()

    def _show_count(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        accepted = sum(1 for r in rows if r.accepted)
        refused = len(rows) - accepted
        self.count.setText(
            _("{day}: {accepted}, {refused}").format(
                day=format_date(self.clock().date()),
                accepted=ngettext("{n} accepted", "{n} accepted", accepted).format(
                    n=format_number(accepted)
                ),
                refused=ngettext("{n} refused", "{n} refused", refused).format(
                    n=format_number(refused)
                ),
            )
        )

"""The Partners tab's right side: the chosen partner's details and agreement, its benefits
(added, changed and removed by coordinators) and its benefit uses over the last 12 months."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.cards.partner_editing import remove_benefit
from familydesk.cards.partners import BENEFIT_KINDS, BenefitRow, PartnerRow
from familydesk.cards.redemptions import RedemptionRow, redemptions_of_partner
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError
from familydesk.ui.cards.benefit_dialog import BenefitDialog
from familydesk.ui.cards.counter_tab import LogModel, outcome_text
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.dialogs import open_dialog
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def agreement_text(partner: PartnerRow, today: date) -> str:
    """The agreement's dates and whether it is in force on ``today``, in a sentence."""
    start, end = format_date(partner.agreement_start), format_date(partner.agreement_end)
    if not partner.active:
        return _("Agreement stopped: the partner is not in use.")
    if partner.agreement_start and today < partner.agreement_start:
        return _("Agreement not started yet: in force from {date}.").format(date=start)
    if partner.agreement_end and partner.agreement_end < today:
        return _("Agreement ended on {date}: its benefits can no longer be given.").format(date=end)
    if partner.agreement_start and partner.agreement_end:
        return _("Agreement in force from {start} to {end}.").format(start=start, end=end)
    if partner.agreement_end:
        return _("Agreement in force until {date}.").format(date=end)
    if partner.agreement_start:
        return _("Agreement in force since {date}.").format(date=start)
    return _("Agreement in force, without an end date.")


def agreement_short(partner: PartnerRow, today: date) -> str:
    """The agreement in a few words, for the list."""
    if not partner.active:
        return _("not in use")
    if partner.agreement_start and today < partner.agreement_start:
        return _("from {date}").format(date=format_date(partner.agreement_start))
    if partner.agreement_end and partner.agreement_end < today:
        return _("ended on {date}").format(date=format_date(partner.agreement_end))
    if partner.agreement_end:
        return _("until {date}").format(date=format_date(partner.agreement_end))
    return _("in force")


def benefit_columns() -> list[Column]:
    return [
        Column(lambda: _("Benefit"), lambda b: b.label),
        Column(lambda: _("Kind"), lambda b: _(BENEFIT_KINDS.get(b.kind, b.kind))),
        Column(lambda: _("Card types"), lambda b: ", ".join(b.card_types)),
        Column(lambda: _("State"), lambda b: _("active") if b.active else _("not in use")),
        Column(lambda: _("Conditions"), lambda b: b.conditions.replace("\n", " ")),
    ]


def use_columns() -> list[Column]:
    return [
        Column(lambda: _("When"), lambda r: f"{format_date(r.at.date())} {r.at:%H:%M}"),
        Column(lambda: _("Card number"), lambda r: r.number),
        Column(lambda: _("Benefit"), lambda r: r.benefit),
        Column(lambda: _("Outcome"), outcome_text),
        Column(lambda: _("Operator"), lambda r: r.operator),
    ]


def _title(label: QLabel) -> QLabel:
    label.setObjectName("sectionTitle")
    return label


class PartnerDetail(QWidget):
    """``changed`` after a benefit was saved or removed; ``message(kind, text)`` for the
    tab's banner; ``stale`` when the partner shown is out of date (reload it)."""

    changed = Signal()
    message = Signal(str, str)
    stale = Signal()

    def __init__(
        self,
        runner: Runner,
        may_edit: bool,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.may_edit, self.today = runner, may_edit, today
        self.partner: PartnerRow | None = None
        self.name = QLabel()
        self.name.setObjectName("familyTitle")
        self.name.setWordWrap(True)
        self.agreement = QLabel()
        self.agreement.setObjectName("agreementNote")
        self.agreement.setWordWrap(True)
        self.values = {
            key: QLabel() for key in ("category", "comune", "address", "contact", "phone", "email")
        }
        self.captions = {key: QLabel() for key in self.values}
        fields = QGridLayout()  # two pairs a row: the tables below keep their height
        fields.setContentsMargins(0, 0, 0, 0)
        fields.setHorizontalSpacing(8)
        for index, (key, value) in enumerate(self.values.items()):
            value.setWordWrap(True)
            value.setObjectName(f"partner_{key}")
            row, column = divmod(index, 2)
            fields.addWidget(self.captions[key], row, column * 2)
            fields.addWidget(value, row, column * 2 + 1)
        fields.setColumnStretch(1, 1)
        fields.setColumnStretch(3, 1)
        self.benefits_title, self.uses_title = _title(QLabel()), _title(QLabel())
        self.uses_count = QLabel()
        self.uses_count.setObjectName("countLabel")
        self.benefits = RowsTableModel(benefit_columns(), self, tooltips=True)
        self.benefit_table = record_table(self.benefits)
        self.benefit_table.setObjectName("benefitsTable")
        self.benefit_table.setWordWrap(True)  # the conditions, in full, on as many lines as needed
        self.benefit_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.benefit_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.benefit_table.horizontalHeader().setMaximumSectionSize(190)
        self.uses = LogModel(use_columns(), self, tooltips=True)
        self.use_table = record_table(self.uses)
        self.use_table.setObjectName("partnerUses")
        header = self.use_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )  # the outcome, elided; whole in the tooltip
        self.use_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.use_table.setWordWrap(False)
        for table in (self.benefit_table, self.use_table):
            table.setMinimumHeight(52)  # the page must fit a 500-pixel high window
        self.add_button, self.edit_button, self.remove_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.add_button.setObjectName("addBenefit")
        bar = QHBoxLayout()
        bar.addWidget(self.benefits_title, 1)
        for button, slot in (
            (self.add_button, self.add_benefit),
            (self.edit_button, self.edit_benefit),
            (self.remove_button, self.remove_benefit),
        ):
            button.setVisible(may_edit)
            button.clicked.connect(slot)
            bar.addWidget(button)
        uses_head = QHBoxLayout()
        uses_head.addWidget(self.uses_title)
        uses_head.addWidget(self.uses_count, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addWidget(self.agreement)
        layout.addLayout(fields)
        layout.addSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.benefit_table, 2)
        layout.addSpacing(4)
        layout.addLayout(uses_head)
        layout.addWidget(self.use_table, 3)
        if may_edit:
            self.benefit_table.doubleClicked.connect(lambda _index: self.edit_benefit())

    def retranslate_ui(self) -> None:
        captions = {
            "category": _("Category"),
            "comune": _("Comune"),
            "address": _("Address"),
            "contact": _("Contact person"),
            "phone": _("Phone"),
            "email": _("E-mail"),
        }
        for key, caption in self.captions.items():
            caption.setText(captions[key] + ":")
        self.benefits_title.setText(_("Benefits"))
        self.uses_title.setText(_("Uses in the last 12 months"))
        # Short beside the "Benefits" heading (the long ones pushed the window past a
        # 1366 px screen at a real display); the tooltip says it whole.
        for button, short, whole in (
            (self.add_button, _("Add…"), _("Add benefit…")),
            (self.edit_button, _("Edit…"), _("Edit benefit…")),
            (self.remove_button, _("Remove…"), _("Remove benefit…")),
        ):
            button.setText(short)
            button.setToolTip(whole)
        self.benefits.retranslate()
        self.uses.retranslate()
        self.show_partner(self.partner)

    def show_partner(self, partner: PartnerRow | None) -> None:
        """Show ``partner`` (None: nothing chosen) and read its uses."""
        changed = partner is None or self.partner is None or partner.id != self.partner.id
        self.partner = partner
        self.setEnabled(partner is not None)
        if partner is None:
            self.name.setText(_("Choose a partner in the list."))
            self.agreement.clear()
            for value in self.values.values():
                value.clear()
            self.benefits.set_rows([])
            self.uses.set_rows([])
            self.uses_count.clear()
            return
        self.name.setText(partner.name)
        self._show_agreement(partner)
        texts = {
            "category": partner.category_name,
            "comune": partner.comune,
            "address": partner.address,
            "contact": partner.contact,
            "phone": partner.phone,
            "email": partner.email,
        }
        for key, value in self.values.items():
            value.setText(texts[key] or "—")
        keep = self.selected_benefit()
        self.benefits.set_rows(list(partner.benefits))
        ids = [b.id for b in partner.benefits]
        if keep is not None and keep.id in ids:
            self.benefit_table.selectRow(ids.index(keep.id))
        if changed:
            self.uses.set_rows([])
        self.load_uses()

    def _show_agreement(self, partner: PartnerRow) -> None:
        today = self.today()
        warn = not partner.in_force(today)
        text = agreement_text(partner, today)
        self.agreement.setText(("⚠ " if warn else "") + text)
        colour = "#8a2b0b" if warn else "#1b6b2f"
        self.agreement.setStyleSheet(f"color: {colour}; font-weight: 600;")

    def load_uses(self) -> None:
        if self.partner is None:
            return
        last = self.today()
        first = last - timedelta(days=365)
        self.runner.read(
            redemptions_of_partner,
            self.partner.id,
            first,
            last,
            owner=self,
            on_done=self._uses_loaded,
            on_error=self._failed,
        )

    def _uses_loaded(self, rows: list[RedemptionRow]) -> None:
        self.uses.set_rows(list(reversed(rows)))
        accepted = sum(1 for r in rows if r.accepted)
        refused = len(rows) - accepted
        self.uses_count.setText(
            _("{accepted}, {refused}").format(
                accepted=ngettext("{n} accepted", "{n} accepted", accepted).format(
                    n=format_number(accepted)
                ),
                refused=ngettext("{n} refused", "{n} refused", refused).format(
                    n=format_number(refused)
                ),
            )
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FamilyDeskError):
            self.message.emit("warning", exc.message)
            self.stale.emit()
        else:
            show_error(self, exc)

    # -- benefits ------------------------------------------------------------------------
    def selected_benefit(self) -> BenefitRow | None:
        rows = self.benefit_table.selectionModel().selectedRows()
        return self.benefits.row_at(rows[0].row()) if rows else None

    def _open(self, dialog: BenefitDialog, done: str) -> BenefitDialog:
        dialog.saved.connect(lambda row: self._saved(done.format(benefit=row.label)))
        dialog.stale.connect(self.stale.emit)
        return open_dialog(self, dialog)

    def _saved(self, text: str) -> None:
        self.message.emit("ok", text)
        self.changed.emit()

    def add_benefit(self) -> BenefitDialog | None:
        if self.partner is None or not self.may_edit:
            return None
        return self._open(
            BenefitDialog(self.runner, self.partner, None, self), _("Benefit added: {benefit}.")
        )

    def edit_benefit(self) -> BenefitDialog | None:
        benefit = self._need_benefit()
        if benefit is None or self.partner is None or not self.may_edit:
            return None
        return self._open(
            BenefitDialog(self.runner, self.partner, benefit, self), _("Benefit saved: {benefit}.")
        )

    def _need_benefit(self) -> BenefitRow | None:
        benefit = self.selected_benefit()
        if benefit is None:
            self.message.emit("info", _("Choose a benefit in the list first."))
        return benefit

    def remove_benefit(self) -> None:
        benefit = self._need_benefit()
        if benefit is None or self.partner is None or not self.may_edit:
            return
        question = _(
            "Remove the benefit “{benefit}” of {partner}? If it was already used it is kept as not "
            "in use, so that its history stays."
        ).format(benefit=benefit.label, partner=self.partner.name)
        if (
            QMessageBox.question(self, _("Remove benefit"), question)
            != QMessageBox.StandardButton.Yes
        ):
            return
        self.runner.write(
            remove_benefit,
            benefit.id,
            benefit.version,
            owner=self,
            on_done=lambda result: self._removed(benefit, result),
            on_error=self._failed,
        )

    def _removed(self, benefit: BenefitRow, result: str) -> None:
        if result == "deleted":
            self._saved(_("Benefit removed: {benefit}.").format(benefit=benefit.label))
        else:
            self._saved(
                _(
                    "Benefit kept as not in use: {benefit} was already used, its history stays."
                ).format(benefit=benefit.label)
            )

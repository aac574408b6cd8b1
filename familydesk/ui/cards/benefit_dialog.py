"""New benefit / Edit benefit of a partner (coordinators and administrators): the kind
(percent, amount, free entry, other) with its value, a description, the conditions and
the card types it is for. Errors appear under the field they name."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from familydesk.cards.partner_editing import BenefitInput, save_benefit
from familydesk.cards.partners import BENEFIT_KINDS, BenefitRow, PartnerRow
from familydesk.cards.types import CardTypeRow, list_card_types
from familydesk.i18n import _
from familydesk.ui.cards.partner_dialog import CardsFormDialog
from familydesk.ui.settings.appointments_form import FieldForm
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import parse_money


def read_value(text: str) -> Decimal | None:
    """``10``, ``2,50``, ``2.50`` or ``1.000,00`` as a number; None when empty or not a
    number (the service then says what the field expects)."""
    try:
        return parse_money(text)
    except ValueError:
        return None


class BenefitDialog(CardsFormDialog):
    """``saved(BenefitRow)`` after the benefit was added or changed."""

    def __init__(
        self,
        runner: Runner,
        partner: PartnerRow,
        benefit: BenefitRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.partner, self.benefit = partner, benefit
        self.setWindowTitle(
            (_("New benefit") if benefit is None else _("Edit benefit")) + " — " + partner.name
        )
        self.kind = QComboBox()
        for key, name in BENEFIT_KINDS.items():
            self.kind.addItem(_(name), key)
        self.value = QLineEdit()
        self.value.setMaximumWidth(120)
        self.unit = QLabel()
        value_row = QWidget()
        row = QHBoxLayout(value_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.value)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.description = QLineEdit()
        self.conditions = QPlainTextEdit()
        self.conditions.setFixedHeight(70)
        self.conditions.setTabChangesFocus(True)
        self.card_types = QListWidget()
        self.card_types.setFixedHeight(90)
        self.active = QCheckBox()
        self.form = FieldForm()
        add = self.form.add
        add("kind", self.kind, lambda: _("&Kind"))
        value_row.setFocusProxy(self.value)  # an error about the value puts the cursor there
        add("value", value_row, lambda: _("&Value"))
        add("description", self.description, lambda: _("&Description"))
        add("conditions", self.conditions, lambda: _("C&onditions"))
        add("card_type_ids", self.card_types, lambda: _("For &card types"))
        add("active", self.active, lambda: _("In &use"))
        self.ready()
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._fill(benefit)
        runner.read(list_card_types, owner=self, on_done=self._types_loaded, on_error=self._failed)

    def _fill(self, benefit: BenefitRow | None) -> None:
        if benefit is None:
            self.kind.setCurrentIndex(0)
            self.active.setChecked(True)
        else:
            self.kind.setCurrentIndex(max(0, self.kind.findData(benefit.kind)))
            if benefit.value is not None:
                self.value.setText(f"{benefit.value.normalize():f}".replace(".", ","))
            self.description.setText(benefit.description)
            self.conditions.setPlainText(benefit.conditions)
            self.active.setChecked(benefit.active)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.value.setEnabled(kind in ("percent", "amount"))
        self.unit.setText({"percent": "%", "amount": "€"}.get(kind, ""))
        if kind not in ("percent", "amount"):
            self.value.clear()
        self.description.setPlaceholderText(
            _("What it gives, in a few words (required)")
            if kind == "other"
            else _("Optional: what it gives, in a few words")
        )

    def _types_loaded(self, types: list[CardTypeRow]) -> None:
        chosen = (
            set(self.benefit.card_type_ids) if self.benefit else {t.id for t in types if t.active}
        )
        self.card_types.clear()
        for card_type in types:
            if not card_type.active and card_type.id not in chosen:
                continue
            item = QListWidgetItem(card_type.name)
            item.setData(Qt.ItemDataRole.UserRole, card_type.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if card_type.id in chosen else Qt.CheckState.Unchecked
            )
            self.card_types.addItem(item)

    def tick_card_types(self, type_ids: list[int]) -> None:
        for row in range(self.card_types.count()):
            item = self.card_types.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in type_ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def ticked_card_types(self) -> tuple[int, ...]:
        items = (self.card_types.item(r) for r in range(self.card_types.count()))
        return tuple(
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        )

    def data(self) -> BenefitInput:
        benefit = self.benefit
        return BenefitInput(
            partner_id=self.partner.id,
            kind=self.kind.currentData(),
            value=read_value(self.value.text()),
            description=self.description.text(),
            conditions=self.conditions.toPlainText(),
            card_type_ids=self.ticked_card_types(),
            active=self.active.isChecked(),
            id=benefit.id if benefit else None,
            version=benefit.version if benefit else None,
        )

    def save(self) -> None:
        self.form.clear_errors()
        self.submit(save_benefit, self.data())

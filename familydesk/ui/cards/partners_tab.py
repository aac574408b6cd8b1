"""The Family card page's "Partners" tab: the partners (esercizi convenzionati) filtered by
category, comune and name on the left; the chosen one's details, benefits and uses on the
right (``ui.cards.partner_detail``); the directory booklet printed from here.

Coordinators and administrators (``SETTINGS``) add, change and remove partners and
benefits; everyone else sees the same, read-only, without the buttons. Ctrl+F goes to
the search, Ctrl+N adds a partner, Enter or a double click edits the one chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from familydesk.cards.lookup import today as local_today
from familydesk.cards.partner_editing import remove_partner
from familydesk.cards.partners import PartnerRow, category_names, list_partners
from familydesk.i18n import _, format_number, ngettext
from familydesk.registry.centre import MemberComuneRow, list_member_comuni
from familydesk.trust import permissions
from familydesk.ui.cards import printing
from familydesk.ui.cards.common import CardsTab
from familydesk.ui.cards.partner_detail import PartnerDetail, agreement_short
from familydesk.ui.cards.partner_dialog import PartnerDialog
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.columns import fit_columns
from familydesk.ui.widgets.dialogs import open_dialog, report
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, RowsTableModel


class PartnersTab(CardsTab):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.may_edit = context.may(permissions.SETTINGS)
        #: Today in the centre's time zone (tests set a fixed day).
        self.today: Callable[[], date] = local_today
        self.rows: list[PartnerRow] = []
        self.comuni: list[MemberComuneRow] = []
        self.category, self.comune = QComboBox(), QComboBox()
        self.category.setObjectName("partnerCategory")
        self.comune.setObjectName("partnerComune")
        self.category.addItem("", None)
        for key, _name in category_names().items():
            self.category.addItem("", key)
        self.comune.addItem("", None)
        for combo in (self.category, self.comune):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search = QLineEdit()
        self.search.setObjectName("partnerSearch")
        self.search.setClearButtonEnabled(True)
        self.retired = QCheckBox()
        self.retired.setObjectName("showRetired")
        self.model = RowsTableModel(self._columns(), self, tooltips=True)
        self.table = record_table(self.model)
        self.table.setObjectName("partnersTable")
        # The agreement ("fino al 31/12/2027") and the category keep their whole text; the
        # names give way first, cut in the middle: they share their start ("Biblioteca
        # Comunale di …") and the end tells them apart. Whole in the tooltip.
        fit_columns(self.table, yielding=(0, 1), spare=0, elide=Qt.TextElideMode.ElideMiddle)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.new_button, self.edit_button, self.remove_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.new_button.setObjectName("newPartner")
        self.booklet_button = QPushButton()
        self.booklet_button.setObjectName("printBooklet")
        self.banner = Banner()
        self.detail = PartnerDetail(self.runner, self.may_edit, lambda: self.today())
        self._lay_out()
        self.category.currentIndexChanged.connect(lambda _i: self.load_partners())
        self.comune.currentIndexChanged.connect(lambda _i: self.load_partners())
        self.retired.toggled.connect(lambda _on: self.load_partners())
        self.search.textChanged.connect(lambda _t: self._show_rows())
        self.search.returnPressed.connect(self.table.setFocus)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _p: self._chosen(current.row())
        )
        self.booklet_button.clicked.connect(self.print_booklet)
        self.detail.changed.connect(self._benefit_changed)
        self.detail.message.connect(lambda kind, text: self.banner.show_message(kind, [text]))
        self.detail.stale.connect(self.load_partners)
        if self.may_edit:
            self.new_button.clicked.connect(self.new_partner)
            self.edit_button.clicked.connect(self.edit_partner)
            self.remove_button.clicked.connect(self.remove_partner)
            self.table.doubleClicked.connect(lambda _index: self.edit_partner())
            for keys, slot in (("Ctrl+N", self.new_partner), ("Return", self.edit_partner)):
                shortcut = QShortcut(
                    QKeySequence(keys), self.table if keys == "Return" else self, slot
                )
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _columns(self) -> list[Column]:
        return [
            Column(lambda: _("Partner"), lambda p: p.name),
            Column(lambda: _("Category"), lambda p: p.category_name),
            Column(lambda: _("Agreement"), lambda p: agreement_short(p, self.today())),
        ]

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.category)
        filters.addWidget(self.comune)
        filters.addWidget(self.search, 1)
        under = QHBoxLayout()
        under.addWidget(self.retired)
        under.addWidget(self.count, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.remove_button):
            button.setVisible(self.may_edit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.booklet_button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        column.addLayout(filters)
        column.addWidget(self.table, 1)
        column.addLayout(under)
        left.setMinimumWidth(400)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([500, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.category, self.comune)
        self.setTabOrder(self.comune, self.search)
        self.setTabOrder(self.search, self.table)

    def title(self) -> str:
        return _("Partners")

    def retranslate_ui(self) -> None:
        self.category.setItemText(0, _("All categories"))
        for index, name in enumerate(category_names().values(), start=1):
            self.category.setItemText(index, name)
        self.comune.setItemText(0, _("All comuni"))
        self.search.setPlaceholderText(_("Search by name (Ctrl+F)"))
        self.retired.setText(_("Also those not in use"))
        self.new_button.setText(_("New partner…"))
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button.setText(_("Edit partner…"))
        self.edit_button.setToolTip(_("Edit the partner chosen in the list (Enter)"))
        self.remove_button.setText(_("Remove partner…"))
        self.booklet_button.setText(_("Print directory booklet"))
        self.booklet_button.setToolTip(
            _(
                "The partners with an agreement in force and their benefits, by category and "
                "comune, to hand to families"
            )
        )
        self.banner.retranslate_ui()
        self.model.retranslate()
        self.detail.retranslate_ui()
        self._show_count()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- the list ----------------------------------------------------------------------------
    def load(self) -> None:
        self.runner.read(
            list_member_comuni, owner=self, on_done=self._comuni_loaded, on_error=self._failed
        )
        self.load_partners()

    def _comuni_loaded(self, comuni: list[MemberComuneRow]) -> None:
        self.comuni = comuni
        keep = self.comune.currentData()
        self.comune.blockSignals(True)
        while self.comune.count() > 1:
            self.comune.removeItem(1)
        for comune in comuni:
            self.comune.addItem(comune.name, comune.cadastral_code)
        self.comune.setCurrentIndex(max(0, self.comune.findData(keep)))
        self.comune.blockSignals(False)

    def load_partners(self, select_id: int | None = None) -> None:
        keep = (
            select_id
            if select_id is not None
            else (self.detail.partner.id if self.detail.partner else None)
        )
        self.runner.read(
            list_partners,
            self.category.currentData(),
            self.comune.currentData(),
            not self.retired.isChecked(),
            owner=self,
            on_error=self._failed,
            on_done=lambda rows: self._listed(rows, keep),
        )

    def _listed(self, rows: list[PartnerRow], keep: int | None) -> None:
        self.rows = rows
        self._show_rows(keep)

    def _show_rows(self, keep: int | None = None) -> None:
        """The partners whose name contains the search text; ``keep`` (or the one shown)
        stays chosen when it is among them, else the first."""
        if keep is None and self.detail.partner is not None:
            keep = self.detail.partner.id
        words = self.search.text().casefold().split()
        shown = [p for p in self.rows if all(w in p.name.casefold() for w in words)]
        self.model.set_rows(shown)
        self._show_count()
        ids = [p.id for p in shown]
        index = ids.index(keep) if keep in ids else (0 if shown else None)
        if index is None:
            self.detail.show_partner(None)
        else:
            self.table.selectRow(index)  # shows it, unless that row was already current
            if self.detail.partner is not shown[index]:
                self.detail.show_partner(shown[index])
        self._enable()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(
            ngettext("{n} partner", "{n} partners", n).format(n=format_number(n))
            if n
            else _("No partners")
        )

    def _chosen(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.detail.show_partner(self.model.row_at(row))
        self._enable()

    def _enable(self) -> None:
        chosen = self.detail.partner is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def select_partner(self, partner_id: int) -> None:
        """Show partner ``partner_id`` when the filters let it through."""
        self._show_rows(partner_id)

    def shown_names(self) -> list[str]:
        return [self.model.row_at(r).name for r in range(self.model.rowCount())]

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)

    # -- changes (coordinators and administrators) -------------------------------------------
    def new_partner(self) -> PartnerDialog | None:
        if not self.may_edit:
            return None
        return self._open(PartnerDialog(self.runner, self.comuni, None, self))

    def edit_partner(self) -> PartnerDialog | None:
        partner = self.detail.partner
        if partner is None or not self.may_edit:
            return None
        return self._open(PartnerDialog(self.runner, self.comuni, partner, self))

    def _open(self, dialog: PartnerDialog) -> PartnerDialog:
        dialog.saved.connect(self._saved)
        dialog.stale.connect(self.load_partners)
        return open_dialog(self, dialog)

    def _saved(self, partner: PartnerRow) -> None:
        self.banner.show_message("ok", [_("Saved: {name}.").format(name=partner.name)])
        self._reset_filters()
        self.load_partners(partner.id)
        self.changed.emit()

    def _reset_filters(self) -> None:
        """After a save the partner must be in the list: the filters let everything through."""
        for widget in (self.category, self.comune, self.retired, self.search):
            widget.blockSignals(True)
        self.category.setCurrentIndex(0)
        self.comune.setCurrentIndex(0)
        self.retired.setChecked(True)
        self.search.clear()
        for widget in (self.category, self.comune, self.retired, self.search):
            widget.blockSignals(False)

    def remove_partner(self) -> None:
        partner = self.detail.partner
        if partner is None or not self.may_edit:
            return
        question = _(
            "Remove {partner} and its benefits? If its benefits were already used it is kept as "
            "not in use, so that their history stays."
        ).format(partner=partner.name)
        if (
            QMessageBox.question(self, _("Remove partner"), question)
            != QMessageBox.StandardButton.Yes
        ):
            return
        self.runner.write(
            remove_partner,
            partner.id,
            partner.version,
            owner=self,
            on_done=lambda result: self._removed(partner, result),
            on_error=self._change_failed,
        )

    def _removed(self, partner: PartnerRow, result: str) -> None:
        if result == "deleted":
            text = _("Removed: {name}.").format(name=partner.name)
        else:
            text = _(
                "{name} is kept as not in use: its benefits were already used, their history stays."
            ).format(name=partner.name)
        self.banner.show_message("ok", [text])
        self.detail.partner = None
        self.load_partners()
        self.changed.emit()

    def _change_failed(self, exc: BaseException) -> None:
        """A refusal (changed or removed by someone else): say so and show what is there now."""
        self._failed(exc)
        self.load_partners()

    def _benefit_changed(self) -> None:
        self.load_partners()
        self.changed.emit()

    def print_booklet(self) -> None:
        printing.print_partner_booklet(self.runner, self, self._failed)

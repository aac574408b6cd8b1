"""Families: the registry's list of households, fetched page by page."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from familydesk.centre import MemberComuneRow, list_member_comuni
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.registry import FamilyRow, family_page
from familydesk.ui.errors import show_error
from familydesk.ui.pages.base import Page, PageContext
from familydesk.ui.table_model import Column, LazyTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SEARCH_DELAY_MS = 200


def family_columns() -> list[Column]:
    return [
        Column(lambda: _("Family"), lambda r: r.name),
        Column(lambda: _("Comune"), lambda r: r.comune),
        Column(lambda: _("Members"), lambda r: r.members, _RIGHT),
        Column(lambda: _("Children"), lambda r: r.children, _RIGHT),
        Column(lambda: _("Phone"), lambda r: r.phone),
        Column(lambda: _("Registered on"), lambda r: format_date(r.created_at.date())),
    ]


class FamiliesPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("familySearch")
        self.comune = QComboBox()
        self.comune.setObjectName("comuneFilter")
        self.comune.setMinimumContentsLength(18)
        self.comune.addItem("", "")
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.comune)
        bar.addWidget(self.count)
        self.layout_.addLayout(bar)

        self.model = LazyTableModel(self.runner, family_page, family_columns(), parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.layout_.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.comune.currentIndexChanged.connect(lambda _index: self._apply_search())
        self.model.loaded.connect(self._on_loaded)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.retranslate_ui()

    def title(self) -> str:
        return _("Families")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.search.setPlaceholderText(_("Filter by family name or comune"))
        self.comune.setItemText(0, _("All comuni"))
        self.model.retranslate()
        self._show_count()

    def activate(self) -> None:
        super().activate()
        # Member comuni may have changed in Settings since the last visit.
        self.runner.read(list_member_comuni, on_done=self._fill_comuni, owner=self)

    def load(self) -> None:
        self.model.reload(**self.filters())

    def filters(self) -> dict[str, str]:
        return {"text": self.search.text(), "comune": self.comune.currentData() or ""}

    def _fill_comuni(self, rows: list[MemberComuneRow]) -> None:
        names = [row.name for row in rows]
        current = self.comune.currentData() or ""
        if names == [self.comune.itemData(i) for i in range(1, self.comune.count())]:
            return
        self.comune.blockSignals(True)
        while self.comune.count() > 1:
            self.comune.removeItem(1)
        for name in names:
            self.comune.addItem(name, name)
        self.comune.setCurrentIndex(max(0, self.comune.findData(current)))
        self.comune.blockSignals(False)
        if (self.comune.currentData() or "") != current:
            self._apply_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_family(self) -> FamilyRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _apply_search(self) -> None:
        self.model.reload(**self.filters())

    def _on_loaded(self, _total: int) -> None:
        self._show_count()
        self.ready.emit()

    def _show_count(self) -> None:
        total = self.model.total
        self.count.setText(
            ngettext("{count} family", "{count} families", total).format(count=format_number(total))
        )

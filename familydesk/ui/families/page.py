"""Families: find anyone as you type, see the family, edit it, print its forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.registry import (
    RELATIONS,
    FamilyDetail,
    FamilyRow,
    PersonHit,
    family_page,
    search_page,
)
from familydesk.registry.centre import MemberComuneRow, list_member_comuni
from familydesk.trust import permissions
from familydesk.ui.families.detail import FamilyDetailView
from familydesk.ui.families.family_dialog import FamilyDialog
from familydesk.ui.families.merge_dialog import MergeDialog
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.columns import ColumnFitter, fit_columns
from familydesk.ui.widgets.page import Page, PageContext
from familydesk.ui.widgets.table_model import Column, LazyTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: People shown for a search; beyond that the operator types more letters.
SEARCH_LIMIT = 100
#: The people list's column with the phone or e-mail a person was found by (shown only
#: when someone was found that way).
FOUND_BY = 2


def family_columns() -> list[Column]:
    return [
        Column(lambda: _("Family"), lambda r: r.name),
        Column(lambda: _("Comune"), lambda r: r.comune),
        Column(lambda: _("Members"), lambda r: format_number(r.members), _RIGHT),
        Column(lambda: _("Markers"), lambda r: ", ".join(_(m) for m in r.markers.labels())),
    ]


def person_columns() -> list[Column]:
    return [
        Column(lambda: _("Surname"), lambda h: h.surname),
        Column(lambda: _("Given name"), lambda h: h.given_name),
        Column(lambda: _("Found by"), lambda h: h.found_by),
        Column(lambda: _("Born"), lambda h: format_date(h.birth_date)),
        Column(lambda: _("Tax code"), lambda h: h.tax_code or ""),
        Column(lambda: _("Relationship"), lambda h: _(RELATIONS.get(h.relation, h.relation))),
        Column(lambda: _("Family"), lambda h: h.family_name),
        Column(lambda: _("Comune"), lambda h: h.comune),
    ]


class FamiliesPage(Page):
    #: The list, the family beside it and its tabs (desk contacts, appointments, groups,
    #: cards), and the comuni of the filter.
    shows = frozenset(
        {
            "family",
            "person",
            "consent",
            "person_merge",
            "member_comune",
            "contact",
            "contact_request",
            "appointment",
            "enrolment",
            "card",
            "card_member",
        }
    )

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("familySearch")
        self.comune = QComboBox()
        self.comune.setObjectName("comuneFilter")
        self.comune.setMinimumContentsLength(16)
        self.comune.addItem("", "")
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_family)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_families)
        self.import_button.setVisible(context.may(permissions.IMPORT))
        self.duplicates_button = QPushButton()
        self.duplicates_button.clicked.connect(self.show_duplicates)
        bar = QHBoxLayout()
        for widget, stretch in (
            (self.search, 1),
            (self.comune, 0),
            (self.count, 0),
            (self.new_button, 0),
            (self.import_button, 0),
            (self.duplicates_button, 0),
        ):
            bar.addWidget(widget, stretch)
        self.layout_.addLayout(bar)

        self.model = LazyTableModel(
            self.runner, family_page, family_columns(), parent=self, tooltips=True
        )
        self.people = LazyTableModel(
            self.runner,
            search_page,
            person_columns(),
            page_size=SEARCH_LIMIT,
            parent=self,
            tooltips=True,
        )
        self.table = QTableView()
        self._fitter: ColumnFitter | None = None
        self.table.setObjectName("resultsTable")
        self._show_model(self.model)
        self.table.setMinimumWidth(340)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.detail = FamilyDetailView(self.runner, context=self.context)
        self.detail.changed.connect(self._reload_list)
        self.detail.open_family.connect(self.open_family)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        # At 1366 px the list needs half the width to show "San Benedetto Po" whole.
        splitter.setSizes([560, 560])
        self.splitter = splitter
        self.layout_.addWidget(splitter, 1)

        self.search.textChanged.connect(lambda _text: self._apply_search())
        self.search.returnPressed.connect(self._focus_results)
        self.comune.currentIndexChanged.connect(lambda _index: self._apply_search())
        for model in (self.model, self.people):
            model.loaded.connect(self._on_loaded)
            model.failed.connect(lambda exc: show_error(self, exc))
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_family)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Families")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.search.setPlaceholderText(
            _("Search: surname, given name, tax code, phone or e-mail (Ctrl+F)")
        )
        self.comune.setItemText(0, _("All comuni"))
        self.new_button.setText(_("New family"))
        self.new_button.setToolTip("Ctrl+N")
        self.import_button.setText(_("Import…"))
        self.duplicates_button.setText(_("Duplicates…"))
        self.model.retranslate()
        self.people.retranslate()
        self.detail.retranslate_ui()  # the family's buttons and tabs (Cards, Groups...)
        self._show_count()

    # -- loading -----------------------------------------------------------
    def activate(self) -> None:
        super().activate()
        self.focus_search()

    def load(self) -> None:
        self.runner.read(list_member_comuni, on_done=self._fill_comuni, owner=self)
        self._apply_search()

    def load_again(self) -> None:
        """The comuni, the list, and the family shown beside it."""
        self.load()
        self.detail.refresh()

    @property
    def searching(self) -> bool:
        return bool(self.search.text().strip())

    def current_model(self) -> LazyTableModel:
        return self.people if self.searching else self.model

    def _apply_search(self) -> None:
        """Every keystroke starts a query; the runner answers later and stale answers are
        dropped."""
        model = self.current_model()
        if self.table.model() is not model:
            self._show_model(model)
        if self.searching:
            self.people.reload(text=self.search.text())
        else:
            self.model.reload(text="", comune=self.comune.currentData() or "")
        self.comune.setEnabled(not self.searching)

    def _show_model(self, model: LazyTableModel) -> None:
        self.table.setModel(model)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._row_chosen())
        # Short values (comune, count, tax code, birth date) show whole; names, markers and
        # what found a person give way, elided with the whole text in the tooltip, so the
        # list never scrolls sideways beside the family pane (Segnali was cut at 1366 px).
        if self._fitter is not None:
            self._fitter.setParent(None)
            self._fitter.deleteLater()
        if model is self.model:
            self._fitter = fit_columns(self.table, yielding=((0, 3),), spare=3)
        else:
            self._fitter = fit_columns(self.table, yielding=((2, 5, 6), (0, 1)), spare=6)
        for column in range(model.columnCount()):
            self.table.setColumnHidden(column, False)
        self._show_found_by()

    def _show_found_by(self) -> None:
        """People found by a phone or an e-mail show it beside their name, so the operator
        sees why they are listed; a search by name keeps the column out of the way."""
        if self.table.model() is not self.people:
            return
        found = any(self.people.row_at(r).found_by for r in range(self.people.rowCount()))
        self.table.setColumnHidden(FOUND_BY, not found)

    def _reload_list(self) -> None:
        self.current_model().reload()

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

    def _on_loaded(self, _total: int) -> None:
        self._show_found_by()
        self._show_count()
        self._drop_stale_detail()
        self.ready.emit()

    def _show_count(self) -> None:
        total = self.current_model().total
        if self.searching and total >= SEARCH_LIMIT:
            text = _("first {count} people: type more to narrow")
        elif self.searching:
            text = (
                ngettext("{count} person", "{count} people", total) if total else _("Nobody found")
            )
        elif not total:
            text = _("No families")
        else:
            text = ngettext("{count} family", "{count} families", total)
        self.count.setText(text.format(count=format_number(total)))

    def _drop_stale_detail(self) -> None:
        """The detail pane never shows a family the results no longer hold (a search
        typed after choosing it excludes it)."""
        shown = self.detail.family
        model = self.current_model()
        if shown is None or model.rowCount() < model.total:
            return  # not all rows are loaded: it may be further down
        ids = set()
        for row in range(model.rowCount()):
            item = model.row_at(row)
            ids.add(item.family_id if isinstance(item, PersonHit) else item.id)
        if shown.id not in ids:
            self.detail.show_family(None)

    # -- selection and actions ----------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_results(self) -> None:
        self.table.setFocus()
        if self.table.model().rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.table.model().row_at(rows[0].row())
        if isinstance(item, PersonHit):
            self.detail.load(item.family_id, item.person_id)
        elif isinstance(item, FamilyRow):
            self.detail.load(item.id)

    def open_family(self, family_id: int) -> None:
        self.detail.load(family_id)

    def new_family(self) -> None:
        dialog = FamilyDialog(self.runner, None, self)
        dialog.saved.connect(self._created)
        dialog.open()
        self.last_dialog = dialog

    def _created(self, detail: FamilyDetail) -> None:
        self.detail.show_family(detail)
        self._reload_list()
        self.detail.add_member()

    def import_families(self) -> None:
        from familydesk.ui.families.import_dialog import ImportFamiliesDialog

        dialog = ImportFamiliesDialog(self.runner, self)
        dialog.finished.connect(lambda _code: self._reload_list())
        dialog.open()
        self.last_dialog = dialog

    def show_duplicates(self) -> None:
        dialog = MergeDialog(self.runner, self)
        dialog.merged.connect(self._reload_list)
        dialog.open()
        self.last_dialog = dialog

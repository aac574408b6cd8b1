"""Servizi del territorio: the directory of the territory's services, searched as the
operator types (accents ignored), filtered by need, comune and "to review"; the chosen
service's every field beside the list. Coordinators and administrators (``SETTINGS``) add
and change services and organisations; everyone else reads."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from familydesk.directory.editing import mark_checked
from familydesk.directory.records import ServiceRow, get_organisation, list_services
from familydesk.directory.search import search
from familydesk.frontdesk import NeedRow, list_needs
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel import clock
from familydesk.trust import permissions
from familydesk.ui.directory.organisation_dialog import OrganisationDialog
from familydesk.ui.directory.service_detail import ServiceDetail
from familydesk.ui.directory.service_dialog import ServiceDialog
from familydesk.ui.directory.services_model import ServicesModel
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.columns import fit_columns
from familydesk.ui.widgets.dialogs import open_dialog, report
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import Page, PageContext


class DirectoryPage(Page):
    shows = frozenset({"organisation", "directory_service", "directory_service_need", "need"})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.may_edit = context.may(permissions.SETTINGS)
        self.may_print = context.may(permissions.PRINT)
        self.rows: list[ServiceRow] = []
        self.needs: list[NeedRow] = []
        self.search = QLineEdit()
        self.search.setObjectName("serviceSearch")
        self.search.setClearButtonEnabled(True)
        self.need, self.comune = QComboBox(), QComboBox()
        self.need.setObjectName("serviceNeed")
        self.comune.setObjectName("serviceComune")
        for combo in (self.need, self.comune):
            combo.addItem("", None)
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.review = QCheckBox()
        self.review.setObjectName("toReview")
        self.model = ServicesModel(clock.today, self)
        self.table = record_table(self.model)
        self.table.setObjectName("servicesTable")
        # The names shrink last: they tell the rows apart.
        fit_columns(self.table, yielding=(3, 5, 4, 2, (0, 1)), spare=0)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.banner = Banner()
        self.detail = ServiceDetail(clock.today)
        self.buttons: dict[str, QPushButton] = {}
        for key in (
            "new",
            "edit",
            "checked",
            "new_org",
            "edit_org",
            "merge",
            "import",
            "export",
            "print",
        ):
            button = self.buttons[key] = QPushButton()
            button.setObjectName(f"directory_{key}")
        self._lay_out()
        self.search.textChanged.connect(lambda _t: self.show_rows())
        self.need.currentIndexChanged.connect(lambda _i: self.show_rows())
        self.comune.currentIndexChanged.connect(lambda _i: self.show_rows())
        self.review.toggled.connect(lambda _on: self.show_rows())
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _p: self._chosen(current.row())
        )
        actions = {
            "new": self.new_service,
            "edit": self.edit_service,
            "checked": self.mark_checked,
            "new_org": self.new_organisation,
            "edit_org": self.edit_organisation,
            "merge": self.merge,
            "import": self.import_services,
            "export": self.export_services,
            "print": self.print_guide,
        }
        for key, slot in actions.items():
            self.buttons[key].clicked.connect(lambda _c=False, s=slot: s())
        self.table.doubleClicked.connect(lambda _i: self.edit_service())
        self.retranslate_ui()

    def _lay_out(self) -> None:
        edit_keys = ("new", "edit", "checked", "new_org", "edit_org", "merge", "import", "export")
        bar = QHBoxLayout()
        for key in edit_keys:
            self.buttons[key].setVisible(self.may_edit)
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        self.buttons["print"].setVisible(self.may_print)
        bar.addWidget(self.buttons["print"])
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.need, 1)
        filters.addWidget(self.comune, 1)
        filters.addWidget(self.review)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        column.addLayout(filters)
        column.addWidget(self.table, 1)
        column.addWidget(self.count)
        left.setMinimumWidth(360)
        self.detail.setMinimumWidth(260)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        # The list gets the width first: the names of services and organisations must read.
        splitter.setSizes([760, 300])
        self.layout_.addLayout(bar)
        self.layout_.addWidget(self.banner)
        self.layout_.addWidget(splitter, 1)
        self.setTabOrder(self.search, self.table)

    def title(self) -> str:
        return _("Services")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.search.setPlaceholderText(_("Search services, organisations, needs (Ctrl+F)"))
        self.need.setItemText(0, _("All needs"))
        self.comune.setItemText(0, _("All comuni"))
        self.review.setText(_("To review"))
        self.review.setToolTip(_("Only the entries not checked for 12 months"))
        texts = {
            "new": _("New service…"),
            "edit": _("Edit…"),
            "checked": _("Checked today"),
            "new_org": _("New organisation…"),
            "edit_org": _("Edit organisation…"),
            "merge": _("Merge with…"),
            "import": _("Import…"),
            "export": _("Export…"),
            "print": _("Print guide…"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.buttons["checked"].setToolTip(_("Mark the entry as checked today"))
        self.banner.retranslate_ui()
        self.model.retranslate()
        self.detail.retranslate_ui()
        self._show_count()

    def activate(self) -> None:
        super().activate()
        self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search and event.key() == Qt.Key.Key_Down:
                self.table.setFocus()
                if self.model.rowCount() and self.table.currentIndex().row() < 0:
                    self.table.selectRow(0)
                return True
            if watched is self.table and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_service()
                return True
        return super().eventFilter(watched, event)

    # -- reading -----------------------------------------------------------------------------
    def load(self, select_id: int | None = None) -> None:
        self.runner.read(list_needs, owner=self, on_done=self._needs_read, on_error=self._failed)
        keep = select_id if select_id is not None else getattr(self.detail.service, "id", None)
        self.runner.read(
            list_services,
            active_only=False,
            owner=self,
            on_done=lambda rows: self._read(rows, keep),
            on_error=self._failed,
        )

    def _needs_read(self, needs: list[NeedRow]) -> None:
        self.needs = needs
        self._refill(self.need, [(n.name, n.key) for n in needs])

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)

    def _read(self, rows: list[ServiceRow], keep: int | None) -> None:
        self.rows = rows
        comuni = sorted({r.place_comune for r in rows if r.place_comune})
        self._refill(self.comune, [(name, name) for name in comuni])
        self.show_rows(keep)
        self.ready.emit()

    def shown(self) -> list[ServiceRow]:
        found = search(
            self.rows, self.search.text(), self.need.currentData(), self.comune.currentData()
        )
        if self.review.isChecked():
            today = clock.today()
            found = [r for r in found if r.needs_review(today)]
        return found

    def show_rows(self, keep: int | None = None) -> None:
        if keep is None and self.detail.service is not None:
            keep = self.detail.service.id
        shown = self.shown()
        self.model.set_rows(shown)
        self._show_count()
        ids = [r.id for r in shown]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
            self.detail.show_service(shown[ids.index(keep)])
        else:
            self.detail.show_service(shown[0] if shown else None)
            if shown:
                self.table.selectRow(0)
        self._enable()

    def shown_names(self) -> list[str]:
        return [r.name for r in self.model.rows()]

    def _show_count(self) -> None:
        n = self.model.rowCount()
        due = sum(1 for r in self.model.rows() if r.needs_review(clock.today()))
        text = ngettext("{n} service", "{n} services", n).format(n=format_number(n))
        if due:
            text += " · " + ngettext("{n} to review", "{n} to review", due).format(
                n=format_number(due)
            )
        self.count.setText(text if n else _("No services"))

    def _chosen(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.detail.show_service(self.model.row_at(row))
        self._enable()

    def _enable(self) -> None:
        chosen = self.detail.service is not None
        for key in ("edit", "checked", "edit_org", "merge"):
            self.buttons[key].setEnabled(chosen)

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)

    # -- changes (coordinators and administrators) -------------------------------------------
    def new_service(self) -> ServiceDialog | None:
        if not self.may_edit:
            return None
        return self._open(ServiceDialog(self.runner, self.needs, None, self))

    def edit_service(self) -> ServiceDialog | None:
        if not self.may_edit or self.detail.service is None:
            return None
        return self._open(ServiceDialog(self.runner, self.needs, self.detail.service, self))

    def _open(self, dialog):  # type: ignore[no-untyped-def]
        dialog.saved.connect(self._saved)
        return open_dialog(self, dialog)

    def _saved(self, row) -> None:  # type: ignore[no-untyped-def]
        self.banner.show_message("ok", [_("Saved: {name}.").format(name=row.name)])
        self.load(row.id if isinstance(row, ServiceRow) else None)

    def mark_checked(self) -> None:
        service = self.detail.service
        if not self.may_edit or service is None:
            return
        self.runner.write(
            mark_checked,
            service.id,
            service.version,
            owner=self,
            on_done=self._saved,
            on_error=lambda exc: (self._failed(exc), self.load()),
        )

    def new_organisation(self) -> OrganisationDialog | None:
        if not self.may_edit:
            return None
        return self._open(OrganisationDialog(self.runner, None, self))

    def edit_organisation(self) -> None:
        service = self.detail.service
        if not self.may_edit or service is None:
            return
        self.runner.read(
            get_organisation,
            service.organisation_id,
            owner=self,
            on_done=lambda o: self._open(OrganisationDialog(self.runner, o, self)),
            on_error=self._failed,
        )

    # -- written by other helpers: imported when used ----------------------------------------
    def merge(self) -> None:
        if not self.may_edit or self.detail.service is None:
            return
        from familydesk.ui.directory.merge_dialog import merge_service

        merge_service(self, self.runner, self.detail.service, self.rows)

    def import_services(self) -> None:
        from familydesk.ui.directory.transfer_actions import import_services

        import_services(self, self.runner)

    def export_services(self) -> None:
        from familydesk.ui.directory.transfer_actions import export_services

        export_services(self, self.runner)

    def print_guide(self) -> None:
        from familydesk.ui.directory.printing import print_guide

        print_guide(self, self.runner, self.need.currentData(), self.comune.currentData())

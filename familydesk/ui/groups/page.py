"""Groups: parenting groups and courses. The list on the left (by phase, or searched), the
group on the right in tabs: Overview, Sessions, Participants, Attendance, Figures.

Ctrl+N: new group (educators, coordinators, administrators). On the Attendance tab an
educator marks a whole session from the keyboard (see ``ui.groups.attendance_tab``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from familydesk.groups.catalog import GroupRow, get_group, list_groups
from familydesk.groups.figures import GroupFigures, group_figures
from familydesk.groups.names import PHASES, translated
from familydesk.i18n import _, format_number, ngettext
from familydesk.trust import permissions
from familydesk.ui.groups import printing
from familydesk.ui.groups.attendance_tab import AttendanceTab
from familydesk.ui.groups.group_dialog import GroupDialog
from familydesk.ui.groups.overview import FiguresTab, OverviewTab
from familydesk.ui.groups.participants_tab import ParticipantsTab
from familydesk.ui.groups.sessions_tab import SessionsTab
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.dialogs import open_dialog, report
from familydesk.ui.widgets.elided import ElidedLabel
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import Page, PageContext
from familydesk.ui.widgets.table_model import Column, RowsTableModel

#: The list's filter: (phase for ``list_groups`` or None, label).
FILTERS = ((None, "all"), ("open", "open"), ("running", "running"), ("ended", "ended"))


def places_text(row: GroupRow) -> str:
    text = f"{row.places_taken}/{row.capacity}" if row.capacity else str(row.places_taken)
    return text + (f" +{row.waiting}" if row.waiting else "")


def group_columns() -> list[Column]:
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    return [
        Column(lambda: _("Group"), lambda r: r.title),
        Column(lambda: _("Comune"), lambda r: r.comune),
        Column(lambda: _("Places"), places_text, right),
    ]  # by first session; the phase and dates are in the detail's heading


class GroupsPage(Page):
    shows = frozenset(
        {
            "parent_group",
            "group_educator",
            "group_session",
            "enrolment",
            "attendance",
            "family",
            "person",
            "staff",
            "place",
            "room",
        }
    )

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.available = context.may(permissions.GROUPS) or context.may(permissions.GROUPS_RUN)
        self.may_run = context.may(permissions.GROUPS_RUN)
        self.group: GroupRow | None = None
        if self.available:
            self._build()
        self.retranslate_ui()

    def _build(self) -> None:
        self.filter = QComboBox()
        self.filter.setObjectName("groupFilter")
        for phase, _label in FILTERS:
            self.filter.addItem("", phase)
        self.filter.setCurrentIndex(0)
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search = QLineEdit()
        self.search.setObjectName("groupSearch")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newGroup")
        self.new_button.setVisible(self.may_run)
        self.new_button.clicked.connect(self.new_group)
        self.model = RowsTableModel(group_columns(), self, tooltips=True)
        self.table = record_table(self.model)
        self.table.setObjectName("groupsTable")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(False)
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        bar = QHBoxLayout()
        bar.addWidget(self.filter)
        bar.addWidget(self.search, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        under = QHBoxLayout()
        under.addWidget(self.count, 1)
        under.addWidget(self.new_button)
        left_layout.addLayout(under)

        self.group_title = ElidedLabel()
        self.group_title.setObjectName("sectionHeading")
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editGroup")
        self.edit_button.setVisible(self.may_run)
        self.edit_button.clicked.connect(self.edit_group)
        self.summary_button = QPushButton()
        self.summary_button.setObjectName("printSummary")
        self.summary_button.clicked.connect(self.print_summary)
        self.banner = Banner()
        self.overview = OverviewTab(self.runner)
        self.sessions = SessionsTab(self.context)
        self.participants = ParticipantsTab(self.context)
        self.attendance = AttendanceTab(self.context)
        self.figures = FiguresTab(self.runner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("groupTabs")
        for tab in (self.overview, self.sessions, self.participants, self.attendance, self.figures):
            self.tabs.addTab(tab, "")
        for tab in (self.sessions, self.participants, self.attendance):
            tab.changed.connect(self.refresh_group)
        head = QHBoxLayout()
        head.addWidget(self.group_title, 1)
        head.addWidget(self.summary_button)
        head.addWidget(self.edit_button)
        self.detail = QWidget()
        right = QVBoxLayout(self.detail)
        right.setContentsMargins(6, 0, 0, 0)
        right.addLayout(head)
        right.addWidget(self.banner)
        right.addWidget(self.tabs, 1)
        self.detail.setEnabled(False)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        left.setMinimumWidth(360)  # the titles stay readable; the grid takes what is left
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([470, 830])
        self.layout_.addWidget(splitter, 1)

        self.filter.currentIndexChanged.connect(lambda _i: self.load())
        self.search.textChanged.connect(lambda _t: self.load())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._chosen(current.row())
        )
        if self.may_run:
            shortcut = QShortcut(QKeySequence("Ctrl+N"), self, self.new_group)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def title(self) -> str:
        return _("Groups")

    def unavailable_reason(self) -> str:
        return "" if self.available else _("{title}: not for your role").format(title=self.title())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not self.available:
            return
        labels = {
            "all": _("All groups"),
            "open": _("Open for sign-up"),
            "running": _("Running"),
            "ended": _("Ended"),
        }
        for index, (_phase, key) in enumerate(FILTERS):
            self.filter.setItemText(index, labels[key])
        self.search.setPlaceholderText(_("Search: title or comune (Ctrl+F)"))
        self.new_button.setText(_("New group"))
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button.setText(_("Edit group…"))
        self.summary_button.setText(_("Print attendance summary"))
        for index, text in enumerate(
            (_("Overview"), _("Sessions"), _("Participants"), _("Attendance"), _("Figures"))
        ):
            self.tabs.setTabText(index, text)
        for tab in (self.overview, self.sessions, self.participants, self.attendance, self.figures):
            tab.retranslate_ui()
        self.banner.retranslate_ui()
        self.model.retranslate()
        self._show_title()

    def focus_search(self) -> None:
        if self.available:
            self.search.setFocus()
            self.search.selectAll()

    # -- the list ------------------------------------------------------------------
    def load(self) -> None:
        if not self.available:
            return
        self.runner.read(
            list_groups,
            self.filter.currentData(),
            self.search.text(),
            owner=self,
            on_done=self._listed,
            on_error=self._failed,
        )

    def _listed(self, rows: list[GroupRow]) -> None:
        keep = self.group.id if self.group else None
        self.model.set_rows(rows)
        self.count.setText(
            ngettext("{n} group", "{n} groups", len(rows)).format(n=format_number(len(rows)))
            if rows
            else _("No groups")
        )
        ids = [r.id for r in rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        elif rows:
            self.table.selectRow(0)
        else:
            self._show(None)
        self.ready.emit()

    def load_again(self) -> None:
        """The list, and the group shown with its tabs (changed elsewhere)."""
        self.load()
        if self.group is not None:
            self._show(self.group)

    def select_group(self, group_id: int) -> None:
        """Show group ``group_id`` (in the list when the filter lets it through)."""
        ids = [self.model.row_at(r).id for r in range(self.model.rowCount())]
        if group_id in ids:
            self.table.selectRow(ids.index(group_id))
        else:
            self.runner.read(
                get_group, group_id, owner=self, on_done=self._show, on_error=self._failed
            )

    def _chosen(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._show(self.model.row_at(row))

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)

    # -- the group -------------------------------------------------------------------
    def _show(self, group: GroupRow | None, figures: GroupFigures | None = None) -> None:
        self.group = group
        self.detail.setEnabled(group is not None)
        self._show_title()
        self.overview.show_group(group, figures)
        if figures is None or group is None:
            for tab in (self.sessions, self.participants, self.attendance):
                tab.show_group(group)
            self.figures.load(group.id if group else None)
        if group is not None and figures is None:
            self.runner.read(
                group_figures,
                group.id,
                owner=self,
                on_error=self._failed,
                on_done=lambda done: self._figures(group, done),
            )

    def _figures(self, group: GroupRow, figures: GroupFigures) -> None:
        if self.group is not None and self.group.id == group.id:
            self.overview.show_group(self.group, figures)
            self.figures.show_figures(figures)

    def _show_title(self) -> None:
        group = self.group
        if group is None:
            self.group_title.setText(_("Choose a group in the list."))
            return
        self.group_title.setText(f"{group.title} — {translated(PHASES, group.phase)}")

    def refresh_group(self) -> None:
        """After a change in a tab: the group's counts, figures and the list again."""
        if self.group is None:
            return
        group_id = self.group.id
        self.runner.read(
            get_group, group_id, owner=self, on_error=self._failed, on_done=self._refreshed
        )

    def _refreshed(self, group: GroupRow) -> None:
        self.group = group
        self._show_title()
        self.overview.show_group(group)
        self.figures.load(group.id)
        self.runner.read(
            group_figures,
            group.id,
            owner=self,
            on_error=self._failed,
            on_done=lambda done: self._figures(group, done),
        )
        rows = [
            group if self.model.row_at(r).id == group.id else self.model.row_at(r)
            for r in range(self.model.rowCount())
        ]
        self.model.set_rows(rows)
        ids = [r.id for r in rows]
        if group.id in ids:
            self.table.blockSignals(True)
            self.table.selectRow(ids.index(group.id))
            self.table.blockSignals(False)

    def new_group(self) -> GroupDialog | None:
        if not self.may_run:
            return None
        dialog = GroupDialog(self.runner, None, self)
        dialog.saved.connect(self._saved)
        return open_dialog(self, dialog)

    def edit_group(self) -> GroupDialog | None:
        if self.group is None or not self.may_run:
            return None
        dialog = GroupDialog(self.runner, self.group, self)
        dialog.saved.connect(self._saved)
        return open_dialog(self, dialog)

    def _saved(self, group: GroupRow) -> None:
        self.banner.show_message("ok", [_("Saved: {title}.").format(title=group.title)])
        self.group = group
        self.filter.blockSignals(True)
        self.filter.setCurrentIndex(0)
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter.blockSignals(False)
        self.load()

    def print_summary(self) -> None:
        if self.group is not None:
            printing.print_summary(self.runner, self, self.group.id, self._failed)

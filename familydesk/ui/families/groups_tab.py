"""The family page's "Groups" tab: the members' sign-ups to parenting groups — which
group, who, enrolled or waiting (with the place in the queue) or withdrawn, sessions
attended — the groups still running or to come first, in bold."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from familydesk.groups.family import FamilyGroupRow, groups_of_family
from familydesk.groups.names import ENROLMENT_STATUSES, PHASES, translated
from familydesk.i18n import _, format_date, format_number
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def _status(row: FamilyGroupRow) -> str:
    text = translated(ENROLMENT_STATUSES, row.status)
    if row.position:
        text = _("{status}, no. {position}").format(status=text, position=row.position)
    if row.to_inform:
        text = _("{status} (to inform)").format(status=text)
    return text


def _dates(row: FamilyGroupRow) -> str:
    if row.first_session is None:
        return ""
    first, last = row.first_session.date(), (row.last_session or row.first_session).date()
    return f"{format_date(first)} – {format_date(last)}"


class GroupsModel(RowsTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Group"), lambda r: r.group),
                Column(lambda: _("Dates"), _dates),
                Column(lambda: _("Phase"), lambda r: translated(PHASES, r.phase)),
                Column(lambda: _("Who"), lambda r: r.person),
                Column(lambda: _("Sign-up"), _status),
                Column(
                    lambda: _("Present"), lambda r: f"{r.present}/{r.marked}" if r.marked else ""
                ),
            ],
            parent,
            tooltips=True,
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.FontRole:
            row: FamilyGroupRow = self.row_at(index.row())
            if row.phase not in ("ended", "cancelled") and row.status != "withdrawn":
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


class FamilyGroupsTab(QWidget):
    """``counted(n)`` after each load, for the tab's title."""

    counted = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = GroupsModel(self)
        self.view = record_table(self.model)
        self.view.setObjectName("familyGroups")
        self.view.setMinimumHeight(44)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (0, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.view)

    def title(self, count: int) -> str:
        return _("Groups ({count})").format(count=format_number(count))

    def retranslate_ui(self) -> None:
        self.model.retranslate()

    def show_family(self, family_id: int | None) -> None:
        if family_id is None:
            self._show([])
            return
        self.context.runner.read(
            groups_of_family,
            family_id,
            on_done=self._show,
            on_error=lambda exc: show_error(self, exc),
            owner=self,
        )

    def _show(self, rows: list[FamilyGroupRow]) -> None:
        self.model.set_rows(rows)
        self.counted.emit(len(rows))

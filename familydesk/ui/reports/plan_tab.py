"""Plan monitoring (*monitoraggio del Piano*): each action of the plan with its
indicators, target against actual, the percent reached drawn as a bar and the trend
as an arrow. Coordinators and administrators (``SETTINGS``) add and change actions and
indicators and tag groups; the sheet goes to PDF or Excel through the report writers
(imported only when asked for)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from familydesk.i18n import _, format_number
from familydesk.kernel.errors import FamilyDeskError
from familydesk.reports.plan import editing, monitoring, records
from familydesk.reports.plan.files import write_sheet
from familydesk.trust import permissions
from familydesk.ui.reports.plan_dialogs import ActionDialog, GroupsDialog, IndicatorDialog
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.dialogs import open_dialog, report
from familydesk.ui.widgets.table_model import Column, RowsTableModel

ARROWS = {"up": "▲", "down": "▼", "same": "="}
PERCENT_COLUMN = 3


@dataclass(frozen=True)
class SheetRow:
    """A line of the table: an action (``line`` None) or one of its indicators."""

    action: monitoring.ActionLines
    line: monitoring.IndicatorLine | None = None


def _number(value: Any) -> str:
    return "" if value is None else format_number(value)


def _what(row: SheetRow) -> str:
    if row.line is None:
        return row.action.action.heading
    return "    " + row.line.indicator.name


def _trend(row: SheetRow) -> str:
    if row.line is None or not row.line.trend:
        return ""
    return f"{ARROWS[row.line.trend]} {_number(row.line.before)}"


def _percent(row: SheetRow) -> str:
    if row.line is None or row.line.percent is None:
        return ""
    return f"{format_number(row.line.percent)} %"


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def columns() -> list[Column]:
    return [
        Column(lambda: _("Action / indicator"), _what),
        Column(lambda: _("Target"), lambda r: _number(r.line.target) if r.line else "", _RIGHT),
        Column(lambda: _("Actual"), lambda r: _number(r.line.actual) if r.line else "", _RIGHT),
        Column(lambda: _("% reached"), _percent, _RIGHT),
        Column(lambda: _("Period before"), _trend, _RIGHT),
        Column(lambda: _("Source"), lambda r: r.line.source if r.line else ""),
        Column(
            lambda: _("Period"),
            lambda r: monitoring.period_label(r.line.indicator) if r.line else "",
        ),
    ]


class PercentBar(QStyledItemDelegate):
    """The percent reached as a bar under its figure (full at 100 %, green from there)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.model().row_at(index.row())
        percent = row.line.percent if row.line is not None else None
        if percent is not None:
            rect: QRect = option.rect.adjusted(3, option.rect.height() - 7, -3, -3)
            width = int(rect.width() * min(percent, 100) / 100)
            painter.save()
            painter.fillRect(rect, QColor("#e4e4e4"))
            colour = "#3a8a3a" if percent >= 100 else "#c98a1b" if percent >= 50 else "#b04030"
            painter.fillRect(QRect(rect.left(), rect.top(), width, rect.height()), QColor(colour))
            painter.restore()
        super().paint(painter, option, index)


class PlanTab(QWidget):
    """The monitoring sheet; ``refresh()`` reads it again."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.may_edit = runner.may(permissions.SETTINGS)
        self.banner = Banner()
        self.plan = QComboBox()
        self.plan.setObjectName("planChoice")
        self.plan.addItem("", None)
        self.model = RowsTableModel(columns(), self, tooltips=True)
        self.table = QTableView()
        self.table.setObjectName("planSheet")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setItemDelegateForColumn(PERCENT_COLUMN, PercentBar(self.table))
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(self.plan, 1)
        for key, slot in (
            ("new_action", self.new_action),
            ("new_indicator", self.new_indicator),
            ("edit", self.edit),
            ("delete", self.delete),
            ("groups", self.tag_groups),
            ("pdf", lambda: self.write_file("pdf")),
            ("xlsx", lambda: self.write_file("xlsx")),
        ):
            button = QPushButton()
            button.setObjectName(f"plan_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
            if key not in ("pdf", "xlsx"):
                button.setVisible(self.may_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.rows: list[SheetRow] = []
        self.plan.currentIndexChanged.connect(lambda _i: self.refresh())
        self.last_dialog: Any = None
        self.last_written: Path | None = None
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.plan.setItemText(0, _("Every plan"))
        for key, text in (
            ("new_action", _("New action…")),
            ("new_indicator", _("New indicator…")),
            ("edit", _("Edit…")),
            ("delete", _("Delete")),
            ("groups", _("Groups…")),
            ("pdf", _("PDF…")),
            ("xlsx", _("Excel…")),
        ):
            self.buttons[key].setText(text)
        self.model.retranslate()

    # -- reading ------------------------------------------------------------------
    def refresh(self) -> None:
        self.runner.read(records.plans, on_done=self._got_plans, owner=self)
        self.runner.read(
            monitoring.lines, self.plan.currentData(), on_done=self._got_lines, owner=self
        )

    def _got_plans(self, plans: list[str]) -> None:
        chosen = self.plan.currentData()
        self.plan.blockSignals(True)
        while self.plan.count() > 1:
            self.plan.removeItem(1)
        for name in plans:
            self.plan.addItem(name or _("(no plan)"), name)
        self.plan.setCurrentIndex(max(0, self.plan.findData(chosen)) if chosen else 0)
        self.plan.blockSignals(False)

    def _got_lines(self, found: list[monitoring.ActionLines]) -> None:
        self.rows = []
        for item in found:
            self.rows.append(SheetRow(item))
            self.rows.extend(SheetRow(item, one) for one in item.lines)
        self.model.set_rows(self.rows)
        self.table.resizeColumnsToContents()

    def selected(self) -> SheetRow | None:
        index = self.table.currentIndex()
        return self.rows[index.row()] if index.isValid() else None

    # -- changing -----------------------------------------------------------------
    def _open(self, dialog: Any) -> None:
        dialog.saved.connect(lambda _result: self.refresh())
        self.last_dialog = open_dialog(self, dialog)

    def _need_selection(self) -> SheetRow | None:
        row = self.selected()
        if row is None:
            self.banner.show_message("info", [_("Choose an action or an indicator first.")])
        return row

    def new_action(self) -> None:
        self._open(ActionDialog(self.runner, parent=self))

    def new_indicator(self) -> None:
        row = self._need_selection()
        if row is not None:
            self._open(IndicatorDialog(self.runner, row.action.action.id, parent=self))

    def edit(self) -> None:
        row = self._need_selection() if self.may_edit else None
        if row is None:
            return
        if row.line is None:
            self._open(ActionDialog(self.runner, row.action.action, parent=self))
        else:
            indicator = row.line.indicator
            self._open(IndicatorDialog(self.runner, indicator.action_id, indicator, parent=self))

    def delete(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        if row.line is None:
            call = (editing.delete_action, row.action.action.id, row.action.action.version)
        else:
            call = (editing.delete_indicator, row.line.indicator.id, row.line.indicator.version)
        self.runner.write(
            *call,
            on_done=lambda _r: self.refresh(),
            on_error=lambda exc: report(self.banner, self, exc),
            owner=self,
        )

    def tag_groups(self) -> None:
        row = self._need_selection()
        if row is not None:
            self._open(GroupsDialog(self.runner, row.action.action, parent=self))

    # -- files --------------------------------------------------------------------
    def choose_file(self, fmt: str) -> str:
        """The file to write (a save dialog; tests replace it)."""
        pattern = _("PDF files (*.pdf)") if fmt == "pdf" else _("Excel workbooks (*.xlsx)")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the monitoring sheet"), f"monitoraggio.{fmt}", pattern
        )
        return name

    def write_file(self, fmt: str) -> None:
        name = self.choose_file(fmt)
        if not name:
            return
        path = Path(name)

        def written(_result: Any) -> None:
            self.last_written = path
            self.banner.show_message("info", [_("Written to {path}.").format(path=path)])

        def failed(exc: BaseException) -> None:
            if isinstance(exc, FamilyDeskError):
                self.banner.show_message("warning", [exc.message])
            else:
                report(self.banner, self, exc)

        # A write: the print or export goes into the audit trail.
        self.runner.write(
            write_sheet,
            fmt,
            path,
            self.plan.currentData(),
            on_done=written,
            on_error=failed,
            owner=self,
        )

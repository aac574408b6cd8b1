"""The rows of a file to import and what happens to each, as a table model
(``familydesk.ui.families.import_dialog``): rejected rows in red with their reason, rows
already in the registry in grey."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from familydesk.i18n import _
from familydesk.transfer import DONE_LABELS, NEW, REJECTED, STATUS_LABELS, RowOutcome

Index = QModelIndex | QPersistentModelIndex
_REJECTED_COLOUR = QColor("#b3261e")
_PRESENT_COLOUR = QColor("#6b6b6b")


class PreviewModel(QAbstractTableModel):
    """The file's rows and what happens to each (plain ``RowOutcome`` records)."""

    COLUMNS = ("line", "family", "surname", "given_name", "tax_code", "status", "reason")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RowOutcome, ...] = ()
        self._done = False

    def set_rows(self, rows: tuple[RowOutcome, ...], done: bool = False) -> None:
        self.beginResetModel()
        self._rows, self._done = rows, done
        self.endResetModel()

    def row_at(self, row: int) -> RowOutcome:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802 - Qt API
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            _("Line"),
            _("Family"),
            _("Surname"),
            _("Given name"),
            _("Tax code"),
            _("Status"),
            _("Reason"),
        )
        return titles[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[index.column()] != "reason":
                return None
            return self._text(row, self.COLUMNS[index.column()])
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status == REJECTED:
                return QBrush(_REJECTED_COLOUR)
            if row.status != NEW:
                return QBrush(_PRESENT_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _text(self, row: RowOutcome, column: str) -> str:
        if column == "line":
            return str(row.line)
        if column == "family":
            return row.family_key
        if column == "status":
            return _((DONE_LABELS if self._done else STATUS_LABELS)[row.status])
        return str(getattr(row, column))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

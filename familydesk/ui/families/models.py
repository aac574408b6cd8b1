"""Table models for one family's members and one member's consents (short lists)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from familydesk.i18n import _, format_date
from familydesk.registry import CONSENT_KINDS, RELATIONS, ConsentRow, MemberDetail

Index = QModelIndex | QPersistentModelIndex


class ListTableModel(QAbstractTableModel):
    """Rows of plain objects, columns of (title, value) functions; all rows in memory."""

    def __init__(self, columns: list[tuple[Callable[[], str], Callable[[Any], Any]]],
                 parent: Any = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._columns = columns
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            value = self._columns[index.column()][1](self._rows[index.row()])
            return "" if value is None else str(value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]()
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._columns) - 1))
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )


def _code(member: MemberDetail) -> str:
    if member.tax_code:
        return member.tax_code
    return _("none: {reason}").format(reason=member.no_code_reason)


def _age(member: MemberDetail) -> str:
    if member.age is None:
        return ""
    return _("{years} y").format(years=member.age)


def members_model(parent: Any = None) -> ListTableModel:
    return ListTableModel([
        (lambda: _("Surname"), lambda m: m.last_name),
        (lambda: _("Given name"), lambda m: m.first_name),
        (lambda: _("Relationship"), lambda m: _(RELATIONS.get(m.relation, m.relation))),
        (lambda: _("Born"), lambda m: format_date(m.birth_date)),
        (lambda: _("Age"), _age),
        (lambda: _("Tax code"), _code),
        (lambda: _("Privacy"), lambda m: _("yes") if m.privacy_acknowledged else _("MISSING")),
    ], parent)  # fmt: skip


def _consent_state(row: ConsentRow) -> str:
    if row.withdrawn_on:
        return _("withdrawn on {date}").format(date=format_date(row.withdrawn_on))
    return _("given")


def consents_model(parent: Any = None) -> ListTableModel:
    return ListTableModel([
        (lambda: _("Consent"), lambda c: _(CONSENT_KINDS.get(c.kind, c.kind))),
        (lambda: _("Date"), lambda c: format_date(c.given_on)),
        (lambda: _("Signed by"), lambda c: c.signed_by or _("the person")),
        (lambda: _("Operator"), lambda c: c.operator),
        (lambda: _("State"), _consent_state),
    ], parent)  # fmt: skip

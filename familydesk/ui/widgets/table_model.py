"""A table model over plain data objects that fetches pages as the user scrolls.

Like Anki's browser table and calibre's ``BooksModel``: the view asks
``canFetchMore``/``fetchMore`` when it nears the end, and the model asks the
runner for the next page of frozen dataclasses. Headers and cell texts are
computed when shown, so a language switch only needs a repaint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from familydesk.kernel.paging import PAGE_SIZE, Page
from familydesk.ui.shell.runner import Runner

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """``title`` is called at display time (translated); ``value`` maps a row to its text."""

    title: Callable[[], str]
    value: Callable[[Any], Any]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class RowsTableModel(QAbstractTableModel):
    """A table of plain objects (rows) shown through :class:`Column` definitions.

    ``set_rows`` replaces them all (short lists, e.g. a family's members);
    :class:`LazyTableModel` adds fetching page by page.
    """

    def __init__(
        self, columns: list[Column], parent: Any = None, *, tooltips: bool = False
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._rows: list[Any] = []
        #: Cells repeat their text as a tooltip (columns narrower than their text).
        self._tooltips = tooltips

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
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole or (
            role == Qt.ItemDataRole.ToolTipRole and self._tooltips
        ):
            value = column.value(self._rows[index.row()])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title()
        return None

    def retranslate(self) -> None:
        """Repaint headers and cells after a language change."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )


class LazyTableModel(RowsTableModel):
    """Rows come from ``fetch(session, offset, limit, **filters) -> Page``.

    Signals: ``loaded(total)`` after each page arrives; ``failed(exc)``.
    """

    loaded = Signal(int)
    failed = Signal(object)

    def __init__(
        self,
        runner: Runner,
        fetch: Callable[..., Page[Any]],
        columns: list[Column],
        page_size: int = PAGE_SIZE,
        parent: Any = None,
        *,
        tooltips: bool = False,
    ) -> None:
        super().__init__(columns, parent, tooltips=tooltips)
        self._runner = runner
        self._fetch = fetch
        self._page_size = page_size
        self._total = 0
        self._filters: dict[str, Any] = {}
        self._loading = False
        self._generation = 0  # drops pages that belong to an older query

    # -- loading -----------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._loading

    def reload(self, **filters: Any) -> None:
        """Start again from the first page (with new filters, if given)."""
        if filters:
            self._filters = filters
        self._generation += 1
        self._request(0, self._generation, replace=True)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._request(len(self._rows), self._generation, replace=False)

    def _request(self, offset: int, generation: int, replace: bool) -> None:
        self._loading = True
        self._runner.read(
            self._fetch,
            offset,
            self._page_size,
            **self._filters,
            on_done=lambda page: self._arrived(page, generation, replace),
            on_error=self._error,
            owner=self,
        )

    def _arrived(self, page: Page[Any], generation: int, replace: bool) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if replace:
            self.beginResetModel()
            self._rows = list(page.rows)
            self._total = page.total
            self.endResetModel()
        elif page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self._total = page.total
            self.endInsertRows()
        self.loaded.emit(self._total)

    def _error(self, exc: BaseException) -> None:
        self._loading = False
        self.failed.emit(exc)

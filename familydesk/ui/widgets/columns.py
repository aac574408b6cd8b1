"""Table columns that show their whole text while there is room, and give way in a set order
when there is not.

Qt's own modes choose one rule per column: ``ResizeToContents`` never cuts a text but can
push the last columns past the right edge; ``Stretch`` shares the room equally and cuts
"San Benedetto Po" to "San …" while a date column has space to spare. :func:`fit_columns`
gives every column the width of its longest text (and of its title); when the table is
narrower than that, the columns named as yielding shrink, one after the other in the order
given (or together, sharing the room), down to a few characters each, their text elided and
whole in the tooltip (the model should give one). Room left over goes to one column.

Widths follow the rows (a reset, rows added, data changed) and the table's width.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

#: A yielding column keeps at least this many characters (then "…").
LEAST_CHARACTERS = "MMMM…"


class ColumnFitter(QObject):
    """Keeps ``view``'s column widths fitted (see the module); made by :func:`fit_columns`."""

    def __init__(
        self, view: QTableView, yielding: Sequence[int | Sequence[int]], spare: int | None
    ) -> None:
        super().__init__(view)
        self.view = view
        #: Groups of columns, in the order they give way; a group's columns share it.
        self.yielding = [[c] if isinstance(c, int) else list(c) for c in yielding]
        self.spare = spare
        self._wanted: list[int] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
            model.headerDataChanged,
        ):
            signal.connect(self._contents_changed)
        self.fit()

    def _contents_changed(self, *_args: object) -> None:
        self._wanted = None
        self.fit()  # at once: whoever filled the table may read the widths next

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._viewport:  # (not self.view: it may be going away)
            if event.type() in (QEvent.Type.Show, QEvent.Type.FontChange, QEvent.Type.StyleChange):
                self._wanted = None  # the stylesheet's font may have come since
            if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
                self._timer.start()
        return False

    def wanted(self) -> list[int]:
        """Each column's width for its whole text and its title."""
        if self._wanted is None:
            header = self.view.horizontalHeader()
            columns = self.view.model().columnCount()
            self._wanted = [
                max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c))
                for c in range(columns)
            ]
        return self._wanted

    def least(self) -> int:
        return self.view.fontMetrics().horizontalAdvance(LEAST_CHARACTERS) + 12

    def fit(self) -> None:
        """Set the widths now (it also runs by itself after a change)."""
        view = self.view
        columns = view.model().columnCount()
        if not columns:
            return
        widths = list(self.wanted())
        room = view.viewport().width()
        excess = sum(w for c, w in enumerate(widths) if not view.isColumnHidden(c)) - room
        least = self.least()
        for group in self.yielding:
            if excess <= 0:
                break
            group = [c for c in group if c < columns and not view.isColumnHidden(c)]
            before = sum(widths[c] for c in group)
            target = max(sum(min(widths[c], least) for c in group), before - excess)
            # Share the room evenly: the narrow ones keep their width, the wide ones get
            # the same cap each.
            remaining, left = target, sorted(group, key=lambda c: widths[c])
            while left:
                share = remaining // len(left)
                if widths[left[0]] <= share:
                    remaining -= widths[left.pop(0)]
                    continue
                for c in left:
                    widths[c] = max(share, min(widths[c], least))
                break
            excess -= before - sum(widths[c] for c in group)
        if excess < 0:
            spare = self.spare if self.spare is not None else columns - 1
            if 0 <= spare < columns:
                widths[spare] -= excess
        header = view.horizontalHeader()
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)


def fit_columns(
    view: QTableView,
    yielding: Sequence[int | Sequence[int]],
    *,
    spare: int | None = None,
    elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
) -> ColumnFitter:
    """Fit ``view``'s columns to their texts; when they do not fit, the ``yielding`` columns
    shrink in that order (elided with ``elide``); a tuple of columns among them shrinks
    together, the widest first, so that none is cut to nothing while another stays whole. Room
    left over goes to ``spare`` (by default the last column). Call it after the view has its
    model."""
    view.setTextElideMode(elide)
    view.setWordWrap(False)
    return ColumnFitter(view, yielding, spare)

"""The attendance grid's model: participants x sessions, with the marks typed and not saved yet.

Marks typed go to ``pending`` (cell -> mark, None clears) and are shown in italics with an
asterisk until the session is saved; a refused save leaves them there, so nothing typed is
lost. A reload of the grid from the database keeps the pending marks on top of it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from familydesk.groups.attendance import AttendanceGrid
from familydesk.groups.names import MARK_LETTERS, MARKS, translated
from familydesk.groups.sessions import SessionRow
from familydesk.i18n import _, format_date

Index = QModelIndex | QPersistentModelIndex
Cell = tuple[int, int]  # (enrolment id, session id)

#: The order Space goes through.
CYCLE: tuple[str | None, ...] = (None, "present", "absent", "excused")
#: mark -> (background, text)
COLOURS = {
    "present": ("#dcefe1", "#14461f"),
    "absent": ("#f8dcd9", "#6b140f"),
    "excused": ("#fbeccb", "#5c4300"),
}
GREY = ("#eeeeee", "#8a8a8a")


def mark_for_key(text: str) -> str | None:
    """The mark a typed letter stands for: the translated letters first, then the English ones."""
    letter = text.strip().upper()
    if not letter:
        return None
    for mark in MARK_LETTERS:
        if translated(MARK_LETTERS, mark).upper() == letter:
            return mark
    for mark, msgid in MARK_LETTERS.items():
        if msgid.upper() == letter:
            return mark
    return None


def letter(mark: str | None) -> str:
    return translated(MARK_LETTERS, mark) if mark else ""


class AttendanceModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: AttendanceGrid | None = None
        self.sessions: list[SessionRow] = []
        self.pending: dict[Cell, str | None] = {}

    # -- data in ---------------------------------------------------------------
    def set_grid(self, grid: AttendanceGrid) -> None:
        """Show ``grid``; pending marks of cells still markable stay on top of it."""
        self.beginResetModel()
        self.grid = grid
        self.sessions = list(grid.sessions)
        self.pending = {
            cell: mark
            for cell, mark in self.pending.items()
            if cell in grid.markable and grid.marks.get(cell) != mark
        }
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.grid, self.sessions, self.pending = None, [], {}
        self.endResetModel()

    def discard(self) -> None:
        """Forget the marks not saved: the grid shows what the database has."""
        self.pending = {}
        self._repaint()

    def session_saved(self, row: SessionRow, sent: dict[Cell, str | None]) -> None:
        """``row`` was saved with the marks ``sent``: they are no longer pending."""
        for cell, mark in sent.items():
            if self.pending.get(cell, "-") == mark:
                del self.pending[cell]
        self.sessions = [row if s.id == row.id else s for s in self.sessions]
        if self.grid is not None:
            marks = dict(self.grid.marks)
            for cell, mark in sent.items():
                if mark is None:
                    marks.pop(cell, None)
                else:
                    marks[cell] = mark
            self.grid = AttendanceGrid(
                self.grid.group_id,
                tuple(self.sessions),
                self.grid.participants,
                marks,
                self.grid.markable,
            )
        self._repaint()

    # -- reading -----------------------------------------------------------------
    def cell(self, index: Index) -> Cell | None:
        if self.grid is None or not index.isValid():
            return None
        return self.grid.participants[index.row()].id, self.sessions[index.column()].id

    def mark(self, cell: Cell) -> str | None:
        if cell in self.pending:
            return self.pending[cell]
        return self.grid.marks.get(cell) if self.grid else None

    def markable(self, cell: Cell | None) -> bool:
        return self.grid is not None and cell is not None and cell in self.grid.markable

    def changed_sessions(self) -> list[SessionRow]:
        ids = {session_id for _enrolment, session_id in self.pending}
        return [s for s in self.sessions if s.id in ids]

    def column_marks(self, session_id: int) -> dict[int, str | None]:
        """What to save for a session: every markable person's mark (None: none)."""
        assert self.grid is not None
        return {
            p.id: self.mark((p.id, session_id))
            for p in self.grid.participants
            if (p.id, session_id) in self.grid.markable
        }

    def focus_column(self, today: date) -> int:
        """Today's session, else the latest held, else the first not cancelled."""
        for number, row in enumerate(self.sessions):
            if row.starts_at.date() == today and not row.cancelled:
                return number
        held = [n for n, row in enumerate(self.sessions) if row.held]
        if held:
            return held[-1]
        open_ = [n for n, row in enumerate(self.sessions) if not row.cancelled]
        return open_[0] if open_ else 0

    # -- writing -------------------------------------------------------------------
    def set_mark(self, index: Index, mark: str | None) -> bool:
        cell = self.cell(index)
        if not self.markable(cell) or self.grid is None:
            return False
        assert cell is not None
        if self.grid.marks.get(cell) == mark:
            self.pending.pop(cell, None)
        else:
            self.pending[cell] = mark
        self.dataChanged.emit(index, index)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, index.column(), index.column())
        return True

    def cycle(self, index: Index) -> bool:
        cell = self.cell(index)
        if cell is None:
            return False
        following = CYCLE[(CYCLE.index(self.mark(cell)) + 1) % len(CYCLE)]
        return self.set_mark(index, following)

    def fill_present(self, column: int) -> int:
        """Every empty markable cell of ``column`` present; how many were filled."""
        filled = 0
        for row in range(self.rowCount()):
            index = self.index(row, column)
            cell = self.cell(index)
            if self.markable(cell) and self.mark(cell) is None:  # type: ignore[arg-type]
                filled += self.set_mark(index, "present")
        return filled

    def _repaint(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    # -- Qt --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.grid is None else len(self.grid.participants)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.sessions)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        mark, waiting = self.mark(cell), cell in self.pending
        if role == Qt.ItemDataRole.DisplayRole:
            return letter(mark) + ("*" if waiting else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = COLOURS.get(mark or "", ("#ffffff", "#202020"))
            if not self.markable(cell):
                colours = GREY if mark is None else colours
            return QBrush(QColor(colours[0 if role == Qt.ItemDataRole.BackgroundRole else 1]))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(waiting)
            font.setBold(not waiting and mark is not None)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            person = self.grid.participants[index.row()].name if self.grid else ""
            day = format_date(self.sessions[index.column()].starts_at.date())
            what = translated(MARKS, mark) if mark else _("no mark")
            if waiting:
                what = _("{mark} (not saved yet)").format(mark=what)
            elif not self.markable(cell):
                what = _(
                    "{mark} (cannot be marked: session not held, or not enrolled then)"
                ).format(mark=what)
            return f"{person}, {day}: {what}"
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and section < len(self.sessions):
            row = self.sessions[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.number}\n{row.starts_at:%d/%m}" + (
                    "*" if any(s == row.id for _e, s in self.pending) else ""
                )
            if role == Qt.ItemDataRole.ToolTipRole:
                text = (
                    f"{format_date(row.starts_at.date())} {row.starts_at:%H:%M}-{row.ends_at:%H:%M}"
                )
                if row.cancelled:
                    text += " — " + _("cancelled: {reason}").format(reason=row.cancel_reason)
                return text
            if role == Qt.ItemDataRole.ForegroundRole and row.cancelled:
                return QBrush(QColor(GREY[1]))
        if (
            orientation == Qt.Orientation.Vertical
            and self.grid is not None
            and section < len(self.grid.participants)
        ):
            person = self.grid.participants[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return person.name + (" " + _("(walk-in)") if person.walk_in else "")
            if role == Qt.ItemDataRole.ToolTipRole and person.status == "withdrawn":
                return _("withdrawn on {day}").format(day=format_date(person.withdrawn_on))
        return None

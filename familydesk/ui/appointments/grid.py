"""The time grid of the calendar page: appointments as blocks, closed times in grey.

Mouse: a click selects a block, dragging a booked or confirmed block moves it
(snapped to 15 minutes, to another day in the week view), a double click opens
it, a double click on an empty time books there. Keyboard: Tab/Shift+Tab and
the arrows go from block to block, Ctrl+Up/Down moves the selected block by
15 minutes (Ctrl+Left/Right by a day), Enter opens it.

The grid never talks to the database: it emits ``move_requested`` and waits.
The page calls :meth:`CalendarGrid.set_data` with the new data once a move is
saved, or :meth:`CalendarGrid.snap_back` when it was refused.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from familydesk.appointments.calendar_view import ClosedSpan
from familydesk.appointments.names import STATUSES
from familydesk.appointments.queries import AppointmentRow
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.text import hhmm
from familydesk.ui.appointments.grid_paint import (
    HEADER,
    MAX_ROW,
    MIN_ROW,
    SNAP,
    Geometry,
    block_lines,
    lanes,
    paint_background,
    paint_block,
    paint_closed,
    paint_lines,
)

MOVABLE = ("booked", "confirmed")


class CalendarGrid(QWidget):
    """Signals: ``move_requested(row, new_start)``, ``open_requested(row)``,
    ``empty_activated(start)`` (a double click on a free time), ``selection_changed(row|None)``."""

    move_requested = Signal(object, object)
    open_requested = Signal(object)
    empty_activated = Signal(object)
    selection_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarGrid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.days: tuple[date, ...] = ()
        self.first_minute, self.last_minute = 8 * 60, 19 * 60
        self.kind = "staff"
        self.rows: list[AppointmentRow] = []
        self.closed: list[ClosedSpan] = []
        self.today = clock.today()
        self.selected_id: int | None = None
        #: Moves sent to the database and not answered yet: id -> new start.
        self.pending: dict[int, datetime] = {}
        self._press: tuple[QPointF, AppointmentRow, float] | None = None
        self._drag_start: datetime | None = None
        self._fit_height = 0

    # -- data ------------------------------------------------------------------
    def set_data(
        self,
        days: list[date],
        rows: list[AppointmentRow],
        closed: list[ClosedSpan],
        first_minute: int,
        last_minute: int,
        kind: str,
    ) -> None:
        """Show ``rows`` over ``days`` from ``first_minute`` to ``last_minute`` of each day.
        Pending moves are forgotten: the rows are the truth."""
        self.days, self.rows, self.closed, self.kind = tuple(days), list(rows), list(closed), kind
        self.first_minute, self.last_minute = first_minute, last_minute
        self.pending.clear()
        self._press, self._drag_start = None, None
        if self.selected_id is not None and self.row(self.selected_id) is None:
            self.select(None)
        self._resize()

    def fit_to(self, height: int) -> None:
        """Stretch the hours to fill ``height`` pixels (the scroll area's viewport)."""
        self._fit_height = height
        self._resize()

    def _resize(self) -> None:
        self.setMinimumHeight(self.geometry_().height)
        self.updateGeometry()
        self.update()

    def row(self, appointment_id: int | None) -> AppointmentRow | None:
        return next((r for r in self.rows if r.id == appointment_id), None)

    def selected(self) -> AppointmentRow | None:
        return self.row(self.selected_id)

    def select(self, appointment_id: int | None) -> None:
        if appointment_id == self.selected_id:
            return
        self.selected_id = appointment_id
        row = self.selected()
        self.setAccessibleDescription(" — ".join(block_lines(row, self.kind)) if row else "")
        self.selection_changed.emit(row)
        self.update()

    def snap_back(self, appointment_id: int) -> None:
        """A refused move: the block returns where it was."""
        self.pending.pop(appointment_id, None)
        self.update()

    # -- geometry ----------------------------------------------------------------
    def geometry_(self) -> Geometry:
        half_hours = max(1, (self.last_minute - self.first_minute) / 30)
        row = min(MAX_ROW, max(MIN_ROW, (self._fit_height - HEADER - 2) / half_hours))
        return Geometry(self.days, self.first_minute, self.last_minute, self.width(), row)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, self.geometry_().height)

    def start_of(self, row: AppointmentRow) -> datetime:
        if self._drag_start is not None and self._press and self._press[1].id == row.id:
            return self._drag_start
        return self.pending.get(row.id, row.starts_at)

    def block_rect(self, appointment_id: int) -> QRectF | None:
        """Where the block of ``appointment_id`` is drawn now (None when not shown)."""
        row = self.row(appointment_id)
        if row is None:
            return None
        start = self.start_of(row)
        lane, count = self._lanes().get(row.id, (0, 1))
        return self.geometry_().span_rect(start, start + (row.ends_at - row.starts_at), lane, count)

    def _lanes(self) -> dict[int, tuple[int, int]]:
        moving = {**self.pending}
        if self._drag_start is not None and self._press:
            moving[self._press[1].id] = self._drag_start
        return lanes(self.rows, moving)

    def block_at(self, point: QPointF) -> AppointmentRow | None:
        """The block under ``point``; a live appointment wins over a cancelled one."""
        hits = [r for r in self.rows if (rect := self.block_rect(r.id)) and rect.contains(point)]
        hits.sort(key=lambda r: r.status == "cancelled")
        return hits[0] if hits else None

    def ordered(self) -> list[AppointmentRow]:
        """Blocks in reading order: by day, then time (the order of Tab and the arrows)."""
        return sorted(
            (r for r in self.rows if r.starts_at.date() in self.days),
            key=lambda r: (r.starts_at, r.id),
        )

    # -- painting ----------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        geo = self.geometry_()
        paint_background(painter, geo, self.today)
        paint_closed(painter, geo, self.closed)
        paint_lines(painter, geo)
        placed = self._lanes()
        dragging = self._press[1].id if self._press and self._drag_start is not None else None
        for row in sorted(
            self.rows, key=lambda r: (r.status != "cancelled", r.id == self.selected_id)
        ):
            lane, count = placed.get(row.id, (0, 1))
            if row.id == dragging:  # the original place stays faintly visible
                rect = geo.span_rect(row.starts_at, row.ends_at, lane, count)
                if rect is not None:
                    paint_block(painter, rect, row, self.kind, faded=True)
            rect = self.block_rect(row.id)
            if rect is not None:
                paint_block(
                    painter,
                    rect,
                    row,
                    self.kind,
                    selected=row.id == self.selected_id,
                    ghost=row.id == dragging or row.id in self.pending,
                    faded=row.status == "cancelled" and row.id != self.selected_id,
                )
        if self.hasFocus() and self.selected_id is None and self.rows:
            painter.setPen(Qt.PenStyle.DotLine)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    # -- mouse -------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = event.position()
        row = self.block_at(point)
        self.select(row.id if row else None)
        self._press, self._drag_start = None, None
        if row is not None and row.status in MOVABLE and row.id not in self.pending:
            rect = self.block_rect(row.id)
            self._press = (point, row, point.y() - rect.top() if rect else 0.0)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        origin, row, grab = self._press
        point = event.position()
        if (
            self._drag_start is None
            and (point - origin).manhattanLength() < QApplication.startDragDistance()
        ):
            return
        found = self.geometry_().moment_at(
            QPointF(point.x(), point.y() - grab + SNAP / 2 * self.geometry_().per_minute)
        )
        if found is not None:
            _day, start = found
            self._drag_start = start
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        press, start = self._press, self._drag_start
        self._press, self._drag_start = None, None
        if press is not None and start is not None and start != press[1].starts_at:
            self.request_move(press[1], start)
        self.update()
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position()
        row = self.block_at(point)
        if row is not None:
            self.open_requested.emit(row)
            return
        found = self.geometry_().moment_at(point)
        if found is not None:
            self.empty_activated.emit(found[1])

    def request_move(self, row: AppointmentRow, start: datetime) -> None:
        """Show the block at ``start`` until the page answers, and ask for the move."""
        if row.status not in MOVABLE or start.date() not in self.days:
            return
        self.pending[row.id] = start
        self.update()
        self.move_requested.emit(row, start)

    # -- keyboard ----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        row = self.selected()
        steps = {Qt.Key.Key_Up: -SNAP, Qt.Key.Key_Down: SNAP}
        days = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        if ctrl and row is not None and key in steps | days:
            shift = timedelta(minutes=steps.get(key, 0), days=days.get(key, 0))
            self.request_move(row, self.start_of(row) + shift)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row is not None:
            self.open_requested.emit(row)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(1 if key == Qt.Key.Key_Down else -1)
        elif key in days:
            self._next_day(days[key])
        else:
            return super().keyPressEvent(event)
        event.accept()

    def step(self, direction: int) -> bool:
        """Select the next (1) or previous (-1) block; False at either end."""
        blocks = self.ordered()
        ids = [r.id for r in blocks]
        if not ids:
            return False
        if self.selected_id not in ids:
            self.select(ids[0] if direction > 0 else ids[-1])
            return True
        index = ids.index(self.selected_id) + direction
        if not 0 <= index < len(ids):
            return False
        self.select(ids[index])
        return True

    def _next_day(self, direction: int) -> None:
        row = self.selected()
        if row is None:
            self.step(1)
            return
        index = self.days.index(row.starts_at.date()) if row.starts_at.date() in self.days else 0
        for other in range(index + direction, len(self.days) if direction > 0 else -1, direction):
            same_day = [r for r in self.ordered() if r.starts_at.date() == self.days[other]]
            if same_day:
                minute = row.starts_at.hour * 60 + row.starts_at.minute
                nearest = min(
                    same_day, key=lambda r: abs(r.starts_at.hour * 60 + r.starts_at.minute - minute)
                )
                self.select(nearest.id)
                return

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        """Tab goes through the blocks before leaving the grid."""
        if self.hasFocus() and self.step(1 if forward else -1):
            return True
        return super().focusNextPrevChild(forward)

    # -- tooltips ----------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, point: QPointF) -> str:
        row = self.block_at(point)
        if row is not None:
            lines = block_lines(row, self.kind)
            lines.append(
                _("Status: {status}").format(status=_(STATUSES.get(row.status, row.status)))
            )
            if row.cancel_reason:
                lines.append(_("Cancelled because: {reason}").format(reason=row.cancel_reason))
            if row.note:
                lines.append(row.note)
            return "\n".join(lines)
        geo = self.geometry_()
        found = geo.moment_at(point)
        if found is None:
            return ""
        _day, moment = found
        for span in self.closed:
            if span.starts_at <= moment < span.ends_at:
                return span.reason
        return _("{time}: double click to book").format(time=hhmm(moment))

"""Geometry and drawing of the calendar grid: hours down, days across.

Kept apart from the widget (``grid.py``) so that what goes where can be
computed without events: the widget asks :class:`Geometry` for rectangles and
hands a painter to the ``paint_*`` functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from babel.dates import format_date as babel_format
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from familydesk.appointments.calendar_view import ClosedSpan
from familydesk.appointments.queries import AppointmentRow
from familydesk.i18n import babel_locale
from familydesk.kernel.text import hhmm

RULER = 52
HEADER = 42
#: Pixels for half an hour: the grid stretches to fit its window within these.
ROW, MIN_ROW, MAX_ROW = 26, 20, 40
SNAP = 15

#: status -> (fill, border, text)
STATUS_COLOURS: dict[str, tuple[str, str, str]] = {
    "booked": ("#d6e6f7", "#3b73b0", "#10263c"),
    "confirmed": ("#d3efd9", "#2e7d43", "#0f2e17"),
    "done": ("#e4e1f3", "#5e55a0", "#2a2450"),
    "no_show": ("#fbdfd5", "#b3261e", "#5a130e"),
    "cancelled": ("#f4f5f6", "#b8c0c8", "#7a8794"),
}
CLOSED = QColor("#e3e6ea")
CLOSED_TEXT = QColor("#5d6975")
LINE = QColor("#e3e8ee")
HOUR_LINE = QColor("#c9d2dc")
TODAY = QColor("#fff8e1")


@dataclass(frozen=True)
class Geometry:
    """Where each day column and each minute is, for a widget ``width`` pixels wide."""

    days: tuple[date, ...]
    first_minute: int
    last_minute: int
    width: int
    #: Pixels for half an hour.
    row: float = ROW

    @property
    def column_width(self) -> float:
        return max(1.0, (self.width - RULER) / max(1, len(self.days)))

    @property
    def per_minute(self) -> float:
        return self.row / 30

    @property
    def height(self) -> int:
        return int(HEADER + (self.last_minute - self.first_minute) * self.per_minute) + 1

    def x_of(self, index: int) -> float:
        return RULER + index * self.column_width

    def y_of(self, moment: datetime) -> float:
        minutes = moment.hour * 60 + moment.minute
        return HEADER + (minutes - self.first_minute) * self.per_minute

    def column_rect(self, index: int) -> QRectF:
        return QRectF(self.x_of(index), HEADER, self.column_width, self.height - HEADER)

    def span_rect(
        self, start: datetime, end: datetime, lane: int = 0, lanes: int = 1
    ) -> QRectF | None:
        """The rectangle of ``start``-``end`` (same day), clipped to the hours shown."""
        if start.date() not in self.days:
            return None
        index = self.days.index(start.date())
        top = max(self.y_of(start), HEADER)
        bottom = self.height if end.date() > start.date() else min(self.y_of(end), self.height)
        if bottom <= top:
            return None
        width = self.column_width / lanes
        return QRectF(self.x_of(index) + lane * width, top, width, bottom - top)

    def moment_at(self, point: QPointF) -> tuple[date, datetime] | None:
        """The day and the time (snapped down to 15 minutes) under ``point``."""
        if point.x() < RULER or point.y() < HEADER or not self.days:
            return None
        index = min(int((point.x() - RULER) // self.column_width), len(self.days) - 1)
        minutes = self.first_minute + (point.y() - HEADER) / self.per_minute
        minutes = max(self.first_minute, min(int(minutes // SNAP * SNAP), self.last_minute - SNAP))
        day = self.days[index]
        return day, datetime.combine(day, time()) + timedelta(minutes=minutes)


def lanes(rows: list[AppointmentRow], starts: dict[int, datetime]) -> dict[int, tuple[int, int]]:
    """Side-by-side places for overlapping blocks: id -> (lane, lanes of its cluster).

    ``starts`` overrides a row's start (a block being dragged keeps its lane).
    """
    placed: dict[int, tuple[int, int]] = {}
    by_day: dict[date, list[tuple[datetime, datetime, int]]] = {}
    for row in rows:
        start = starts.get(row.id, row.starts_at)
        by_day.setdefault(start.date(), []).append(
            (start, start + (row.ends_at - row.starts_at), row.id)
        )
    for items in by_day.values():
        items.sort()
        cluster: list[tuple[int, int]] = []  # (id, lane)
        ends: list[datetime] = []  # end of each lane
        cluster_end = None
        for start, end, key in items:
            if cluster_end is not None and start >= cluster_end:
                for member, lane in cluster:
                    placed[member] = (lane, len(ends))
                cluster, ends = [], []
            lane = next((i for i, e in enumerate(ends) if e <= start), len(ends))
            if lane == len(ends):
                ends.append(end)
            else:
                ends[lane] = end
            cluster.append((key, lane))
            cluster_end = max(cluster_end or end, end)
        for member, lane in cluster:
            placed[member] = (lane, len(ends))
    return placed


def day_heading(day: date) -> tuple[str, str]:
    locale = babel_locale()
    return babel_format(day, "EEEE", locale=locale).capitalize(), babel_format(
        day, "d MMM", locale=locale
    )


def paint_background(painter: QPainter, geo: Geometry, today: date) -> None:
    painter.fillRect(QRectF(0, 0, geo.width, geo.height), QColor("white"))
    if today in geo.days:
        painter.fillRect(geo.column_rect(geo.days.index(today)), TODAY)
    painter.save()
    base = QFont(painter.font())
    bold = QFont(base)
    bold.setBold(True)
    for index, day in enumerate(geo.days):
        name, number = day_heading(day)
        rect = QRectF(geo.x_of(index), 2, geo.column_width, HEADER - 4)
        painter.setPen(QColor("#b3261e") if day == today else QColor("#1d2a36"))
        painter.setFont(bold)
        painter.drawText(
            rect.adjusted(0, 0, 0, -HEADER / 2 + 2), Qt.AlignmentFlag.AlignCenter, name
        )
        painter.setFont(base)
        painter.drawText(
            rect.adjusted(0, HEADER / 2 - 2, 0, 0), Qt.AlignmentFlag.AlignCenter, number
        )
    painter.restore()


def paint_lines(painter: QPainter, geo: Geometry) -> None:
    """Half-hour lines, hour labels in the ruler, day separators."""
    painter.save()
    small = QFont(painter.font())
    small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
    painter.setFont(small)
    for minute in range(geo.first_minute, geo.last_minute + 1, 30):
        y = HEADER + (minute - geo.first_minute) * geo.per_minute
        on_hour = minute % 60 == 0
        painter.setPen(QPen(HOUR_LINE if on_hour else LINE, 1))
        painter.drawLine(QPointF(RULER if on_hour else RULER + 4, y), QPointF(geo.width, y))
        if on_hour and minute < geo.last_minute:
            painter.setPen(QColor("#4a5a6a"))
            painter.drawText(
                QRectF(0, y + 1, RULER - 6, 14),
                Qt.AlignmentFlag.AlignRight,
                f"{minute // 60:02d}:00",
            )
    painter.setPen(QPen(HOUR_LINE, 1))
    for index in range(len(geo.days) + 1):
        x = geo.x_of(index)
        painter.drawLine(QPointF(x, 0), QPointF(x, geo.height))
    painter.drawLine(QPointF(RULER, HEADER), QPointF(geo.width, HEADER))
    painter.restore()


def paint_closed(painter: QPainter, geo: Geometry, spans: list[ClosedSpan]) -> None:
    """Grey where nothing can be booked; whole days carry their name (holiday, absence)."""
    hatch = QBrush(QColor("#cfd5dc"), Qt.BrushStyle.BDiagPattern)
    painter.save()
    for span in spans:
        rect = geo.span_rect(span.starts_at, span.ends_at)
        if rect is None:
            continue
        painter.fillRect(rect, CLOSED)
        if span.all_day:
            painter.fillRect(rect, hatch)
            label = rect.adjusted(6, 8, -6, 0)
            label.setHeight(60)
            painter.setPen(CLOSED_TEXT)
            font = QFont(painter.font())
            font.setItalic(True)
            font.setBold(True)
            painter.setFont(font)
            back = painter.boundingRect(
                label, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, span.label
            )
            painter.fillRect(back.adjusted(-4, -2, 4, 2), CLOSED)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, span.label
            )
    painter.restore()


def block_lines(row: AppointmentRow, kind: str) -> list[str]:
    """The texts of a block, most important first (what fits is shown)."""
    lines = [f"{hhmm(row.starts_at)}-{hhmm(row.ends_at)} {row.who}", row.service]
    where = {
        "staff": row.room or row.place,
        "room": row.staff,
        "place": ", ".join(t for t in (row.staff, row.room) if t),
    }[kind]
    if row.interpreter:
        where = f"{where} + {row.interpreter}" if where else row.interpreter
    if where:
        lines.append(where)
    return lines


def paint_block(
    painter: QPainter,
    rect: QRectF,
    row: AppointmentRow,
    kind: str,
    *,
    selected: bool = False,
    ghost: bool = False,
    faded: bool = False,
) -> None:
    fill, border, text = STATUS_COLOURS.get(row.status, STATUS_COLOURS["booked"])
    box = rect.adjusted(2, 1, -2, -1)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if faded or ghost:
        painter.setOpacity(0.45 if faded else 0.85)
    pen = QPen(QColor("#10263c") if selected else QColor(border), 2.5 if selected else 1)
    if ghost:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(box, 4, 4)
    painter.fillRect(QRectF(box.left() + 1, box.top() + 1, 4, box.height() - 2), QColor(border))
    font = QFont(painter.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
    font.setStrikeOut(row.status == "cancelled")
    painter.setFont(font)
    painter.setPen(QColor(text))
    line_height = painter.fontMetrics().height()
    inner = box.adjusted(8, 1, -3, -1)
    y = inner.top()
    for number, line in enumerate(block_lines(row, kind)):
        if y + line_height > inner.bottom() + 2 and number:
            break
        font.setBold(number == 0)
        painter.setFont(font)
        shown = painter.fontMetrics().elidedText(
            line, Qt.TextElideMode.ElideRight, int(inner.width())
        )
        painter.drawText(
            QRectF(inner.left(), y, inner.width(), line_height), Qt.AlignmentFlag.AlignLeft, shown
        )
        y += line_height
    painter.restore()

"""The attendance grid's view: letters, Space and Delete mark the current cell, and the
session opened on stays in the middle until the operator moves
(``familydesk.ui.groups.attendance_tab``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from familydesk.ui.groups.attendance_model import AttendanceModel, mark_for_key


class AttendanceView(QTableView):
    """The grid; letters, Space and Delete change the current cell."""

    def __init__(self, model: AttendanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.editable = True
        self.setObjectName("attendanceGrid")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # By pixel: by whole columns Qt "centres" a session a column or two off the middle.
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._fit_columns()
        self.horizontalHeader().setMinimumHeight(40)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        #: The session opened on stays centred until the operator moves (go_to_column).
        self._keep_centred = False
        self.horizontalScrollBar().sliderPressed.connect(self._operator_scrolls)

    def _operator_scrolls(self) -> None:
        self._keep_centred = False

    def _fit_columns(self) -> None:
        """Session columns wide enough for "23/02*" (a session with marks not saved) in the
        header's semi-bold font and padding (52 px cut it at a real display)."""
        font = QFont(self.horizontalHeader().font())
        font.setWeight(QFont.Weight.DemiBold)
        needed = QFontMetrics(font).horizontalAdvance("00/00*") + 2 * 5 + 10  # padding, margin
        self.horizontalHeader().setDefaultSectionSize(max(52, needed))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._keep_centred = False  # the operator takes over
        index = self.currentIndex()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if self.editable and index.isValid() and plain:
            key = event.key()
            mark = mark_for_key(event.text())
            if mark is not None:
                if self.grid_model.set_mark(index, mark):
                    self._down(index)
                event.accept()
                return
            if key == Qt.Key.Key_Space:
                self.grid_model.cycle(index)
                event.accept()
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.grid_model.set_mark(index, None)
                event.accept()
                return
        super().keyPressEvent(event)

    def _down(self, index: QModelIndex) -> None:
        if index.row() + 1 < self.grid_model.rowCount():
            self.setCurrentIndex(self.grid_model.index(index.row() + 1, index.column()))

    def go_to_column(self, column: int) -> None:
        """Make ``column``'s first cell current, its session in the middle of the grid.

        A grid filled while hidden (another tab in front) was scrolled for the size it had
        then, and at a real display it showed the first sessions, the current one off to
        the right: until the operator moves, clicks or scrolls, the session is centred
        again whenever the grid is shown or changes size.
        """
        if self.grid_model.rowCount() and self.grid_model.columnCount():
            index = self.grid_model.index(0, column)
            self.setCurrentIndex(index)
            self._keep_centred = True
            self._centre_current()

    def _centre_current(self) -> None:
        if self._keep_centred and self.currentIndex().isValid():
            self.scrollTo(self.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self._centre_current)  # once its size is settled

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._centre_current()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self._keep_centred = False  # the operator takes over
        return super().viewportEvent(event)

"""The family page's "Appointments" tab: the family's appointments, newest first, the ones
still to come in bold on a light background, cancelled ones struck through; a button
(Ctrl+Shift+B, the family page's key) books another for the family or the member selected.

Only for operators who book appointments (``permissions.APPOINTMENTS``: not educators).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from familydesk.appointments.names import STATUSES
from familydesk.appointments.queries import AppointmentRow, appointments_of_family
from familydesk.i18n import _, format_date, format_number
from familydesk.kernel import clock
from familydesk.kernel.text import hhmm
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, RowsTableModel

BOOK_KEY = "Ctrl+Shift+B"
UPCOMING_BACKGROUND = QColor("#fff8e1")
PAST_TEXT = QColor("#6b7785")
STILL_ON = ("booked", "confirmed")
#: Service, professional, place, for whom: the columns that give up width.
STRETCHED = (1, 2, 3, 4)


def _place(row: AppointmentRow) -> str:
    return f"{row.place}, {row.room}" if row.room else row.place


class AppointmentsModel(RowsTableModel):
    """Rows of ``AppointmentRow``; ``series`` maps a series id to its number of appointments
    (for "2/6"); ``now`` (local wall-clock time) tells upcoming from past."""

    def __init__(self, parent: Any = None) -> None:
        self.now = clock.local_now()
        self.series: dict[int, int] = {}
        super().__init__(
            [
                Column(
                    lambda: _("When"),
                    lambda r: f"{format_date(r.starts_at.date())} {hhmm(r.starts_at)}",
                ),
                Column(lambda: _("Service"), lambda r: r.service),
                Column(lambda: _("Professional"), lambda r: r.staff),
                Column(lambda: _("Place"), _place),
                Column(lambda: _("For"), lambda r: r.person or _("The whole family")),
                Column(lambda: _("Status"), lambda r: _(STATUSES.get(r.status, r.status))),
                Column(lambda: _("Series"), self._series),
            ],
            parent,
            tooltips=True,
        )

    def _series(self, row: AppointmentRow) -> str:
        if row.series_id is None or row.series_index is None:
            return ""
        return f"{row.series_index}/{self.series.get(row.series_id, row.series_index)}"

    def set_rows(self, rows: list[AppointmentRow]) -> None:
        self.now = clock.local_now()
        self.series = {}
        for row in rows:
            if row.series_id is not None:
                self.series[row.series_id] = self.series.get(row.series_id, 0) + 1
        super().set_rows(rows)

    def upcoming(self, row: AppointmentRow) -> bool:
        return row.status in STILL_ON and row.ends_at >= self.now

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row: AppointmentRow = self.row_at(index.row())
        if role == Qt.ItemDataRole.BackgroundRole and self.upcoming(row):
            return UPCOMING_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and not self.upcoming(row):
            return PAST_TEXT if row.status in ("cancelled", "no_show") else None
        if role == Qt.ItemDataRole.FontRole and (self.upcoming(row) or row.status == "cancelled"):
            font = QFont()
            font.setBold(self.upcoming(row))
            font.setStrikeOut(row.status == "cancelled")
            return font
        return super().data(index, role)


class FamilyAppointmentsTab(QWidget):
    """``counted(n)`` after each load (the tab's title says how many); ``member()`` gives the
    member selected on the family page (None: the whole family)."""

    counted = Signal(int)
    booked = Signal()

    def __init__(
        self, context: PageContext, member: Callable[[], int | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.member = member
        self.family_id: int | None = None
        self.model = AppointmentsModel(self)
        self.view = record_table(self.model)
        self.view.setObjectName("familyAppointments")
        self.view.setMinimumHeight(44)  # a heading and a line: small windows still fit
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in STRETCHED:  # the texts share the width left, elided (no side scrolling)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel()
        self.hint.setObjectName("countLabel")
        self.book_button = QPushButton()
        self.book_button.setObjectName("familyBookButton")
        self.book_button.clicked.connect(self.book)
        bar = QHBoxLayout()
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.dialog: QWidget | None = None
        self.retranslate_ui()
        self.show_family(None)

    def title(self, count: int) -> str:
        return _("Appointments ({count})").format(count=format_number(count))

    def retranslate_ui(self) -> None:
        self.book_button.setText(_("Book appointment…"))
        self.book_button.setToolTip(BOOK_KEY)
        self.model.retranslate()
        self._show_hint()

    def _coming(self) -> list[int]:
        """The rows of the appointments still to come."""
        return [
            i for i in range(self.model.rowCount()) if self.model.upcoming(self.model.row_at(i))
        ]

    def _show_hint(self) -> None:
        coming = len(self._coming())
        self.hint.setText(
            _("Still to come: {count} (highlighted)").format(count=coming) if coming else ""
        )

    def show_family(self, family_id: int | None) -> None:
        """Read the family's appointments (none shown without a family)."""
        self.family_id = family_id
        self.book_button.setEnabled(family_id is not None)
        if family_id is None:
            self._show([])
            return
        self.context.runner.read(
            appointments_of_family,
            family_id,
            on_done=self._show,
            on_error=lambda exc: show_error(self, exc),
            owner=self,
        )

    def _show(self, rows: list[AppointmentRow]) -> None:
        self.model.set_rows(rows)
        self._show_hint()
        self.counted.emit(len(rows))
        self._next_in_sight()

    def _next_in_sight(self) -> None:
        """Scroll to the next appointment, however many are booked after it (newest first)."""
        coming = self._coming()
        if coming and self.isVisible():
            self.view.scrollTo(self.model.index(coming[-1], 0))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self._next_in_sight)  # once the table has its size

    def book(self) -> None:
        """Open the booking dialog for the family and the member selected; read the list
        again once booked."""
        from familydesk.ui.appointments.booking_dialog import open_booking_dialog

        if self.family_id is None or self.dialog is not None:
            return
        dialog = open_booking_dialog(
            self, self.context, family_id=self.family_id, person_id=self.member()
        )
        dialog.booked.connect(self._booked)
        dialog.finished.connect(self._closed)
        self.dialog = dialog

    def _booked(self, _result: object) -> None:
        self.show_family(self.family_id)
        self.booked.emit()

    def _closed(self, _code: int) -> None:
        self.dialog = None

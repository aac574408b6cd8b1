"""Today's queue: who is waiting (longest wait on top), who is being served, who is done.

One key per move, written on its button: F6 calls the next visitor in, F7 calls in the one
selected, F8 finishes, Shift+F7 sends back to waiting; F10 (the page's key) books an
appointment for the visitor selected. The list reloads every 30 seconds while it is on screen
(other desks' visitors appear, waiting times grow).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QWidget

from familydesk import frontdesk
from familydesk.frontdesk import STATUSES, QueueRow
from familydesk.i18n import _, format_number
from familydesk.kernel import clock
from familydesk.ui.frontdesk.panel import ListPanel
from familydesk.ui.frontdesk.quick_booking import BOOK_KEY
from familydesk.ui.shell.errors import show_inline
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.table_model import Column, RowsTableModel

REFRESH_MS = 30_000
#: Minutes after which a waiting visitor's time shows in bold.
LONG_WAIT = 20
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
KEYS = {"call_next": "F6", "call_in": "F7", "finish": "F8", "requeue": "Shift+F7"}


def _clock(moment: datetime) -> str:
    return moment.astimezone(clock.ROME).strftime("%H:%M")


class QueueModel(RowsTableModel):
    """Rows of :class:`QueueRow`; minutes waited are counted up to ``now``."""

    def __init__(self, parent: Any = None) -> None:
        self.now = clock.utcnow()
        columns = [
            Column(lambda: _("Arrived"), lambda r: _clock(r.arrived_at)),
            Column(
                lambda: _("Waited"),
                lambda r: _("{minutes} min").format(minutes=r.minutes_waited(self.now)),
                _RIGHT,
            ),
            Column(lambda: _("Who"), lambda r: r.who),
            Column(lambda: _("Needs"), lambda r: ", ".join(r.needs)),
            Column(lambda: _("Status"), lambda r: _(STATUSES[r.status])),
            Column(lambda: _("Operator"), lambda r: r.handled_by),
        ]
        super().__init__(columns, parent, tooltips=True)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row: QueueRow = self.row_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "done":
            return QColor("#6b7785")
        if role == Qt.ItemDataRole.FontRole and (
            row.status == "serving"
            or (
                index.column() == 1
                and row.status == "waiting"
                and row.minutes_waited(self.now) >= LONG_WAIT
            )
        ):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class QueuePanel(ListPanel):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, QueueModel(), "queueTable", parent)
        self.model.setParent(self)
        self.counts = QLabel()
        self.counts.setObjectName("queueCounts")
        self.heading.addWidget(self.counts)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the needs take the room left, elided
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.buttons: dict[str, QPushButton] = {}
        slots = {
            "call_next": self.call_next,
            "call_in": self.call_in,
            "finish": self.finish,
            "requeue": self.requeue,
        }
        bar = QHBoxLayout()
        for key, slot in slots.items():
            button = QPushButton()
            button.setObjectName(f"{key}Button")
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
            QShortcut(QKeySequence(KEYS[key]), self, slot)
        bar.addStretch(1)
        self.heading.addWidget(self.book_button)  # the moves fill their row at 1366 px
        self.lay_out(bar)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.load)
        self._wanted: int | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Today's queue"))
        texts = {
            "call_next": _("Call next ({key})"),
            "call_in": _("Call in ({key})"),
            "finish": _("Done ({key})"),
            "requeue": _("Back to waiting ({key})"),
        }
        tips = {
            "call_next": _("Call in the visitor who has waited longest"),
            "call_in": _("Call in the visitor selected in the list"),
            "finish": _("The selected visitor's contact is over"),
            "requeue": _("Called in by mistake: back to waiting, in the same place"),
        }
        for key, button in self.buttons.items():
            button.setText(texts[key].format(key=KEYS[key]))
            button.setToolTip(tips[key])
        self.model.retranslate()
        self._show_counts()
        self._enable_book()

    # -- loading -------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.timer.stop()
        super().hideEvent(event)

    def load(self, select: int | None = None) -> None:
        """Read today's queue again; ``select`` a contact once it arrives."""
        if select is not None:
            self._wanted = select
        self.runner.read(
            frontdesk.today_queue, on_done=self.show_rows, on_error=self._failed, owner=self
        )

    def show_rows(self, rows: list[QueueRow]) -> None:
        current = self.selected()
        wanted = self._wanted if self._wanted is not None else (current.id if current else None)
        self._wanted = None
        self.model.now = clock.utcnow()
        self.model.set_rows(rows)
        ids = [row.id for row in rows]
        if wanted in ids:
            self.table.selectRow(ids.index(wanted))
            self.table.scrollTo(self.model.index(ids.index(wanted), 0))
        self._show_counts()
        self._enable()

    def _show_counts(self) -> None:
        statuses = [row.status for row in self.rows()]
        self.counts.setText(
            _("Waiting: {waiting} · Being served: {serving} · Done today: {done}").format(
                waiting=format_number(statuses.count("waiting")),
                serving=format_number(statuses.count("serving")),
                done=format_number(statuses.count("done")),
            )
        )

    def _enable(self) -> None:
        row = self.selected()
        status = row.status if row else ""
        self.buttons["call_next"].setEnabled("waiting" in [r.status for r in self.rows()])
        self.buttons["call_in"].setEnabled(status == "waiting")
        self.buttons["finish"].setEnabled(status in ("waiting", "serving"))
        self.buttons["requeue"].setEnabled(status == "serving")
        self._enable_book()

    def select_first(self) -> str:
        return _("Select a visitor in the queue first.")

    def book_tip(self) -> str:
        return _("Book an appointment for the visitor selected ({key})").format(key=BOOK_KEY)

    # -- moves ---------------------------------------------------------------
    def call_next(self) -> None:
        self.error.show_message("")
        self.runner.write(
            frontdesk.call_next, on_done=self._called_next, on_error=self._refused, owner=self
        )

    def _called_next(self, row: QueueRow | None) -> None:
        if row is None:
            self.error.show_message(_("Nobody is waiting."))
        self.load(select=row.id if row else None)

    def _move(self, service: Any) -> None:
        """Move the selected visitor; the service refuses (in words) what cannot be done."""
        row = self.selected()
        self.error.show_message("")
        if row is None:
            self.error.show_message(self.select_first())
            return
        self.runner.write(
            service,
            row.id,
            row.version,
            on_error=self._refused,
            owner=self,
            on_done=lambda moved: self.load(select=moved.id),
        )

    def call_in(self) -> None:
        self._move(frontdesk.call_contact)

    def finish(self) -> None:
        self._move(frontdesk.finish_contact)

    def requeue(self) -> None:
        self._move(frontdesk.requeue)

    def _failed(self, exc: BaseException) -> None:
        show_inline(self.error, exc)

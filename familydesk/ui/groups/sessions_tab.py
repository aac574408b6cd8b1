"""The Sessions tab: the group's calendar, planned from a pattern and changed one by one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from familydesk.groups.catalog import GroupRow
from familydesk.groups.sessions import SessionRow, cancel_session, sessions_of
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.trust import permissions
from familydesk.ui.groups.session_dialogs import PlanDialog, ReasonDialog, SessionDialog
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.columns import fit_columns
from familydesk.ui.widgets.dialogs import day_label, open_dialog, report
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def status_text(row: SessionRow) -> str:
    if row.cancelled:
        return _("cancelled: {reason}").format(reason=row.cancel_reason)
    text = _("held") if row.held else _("planned")
    return text + (" · " + _("extra") if row.extra else "")


def session_columns() -> list[Column]:
    return [
        Column(
            lambda: _("No."),
            lambda r: r.number,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        ),
        Column(lambda: _("Day"), lambda r: day_label(r.starts_at)),
        Column(lambda: _("Time"), lambda r: f"{r.starts_at:%H:%M}-{r.ends_at:%H:%M}"),
        Column(lambda: _("Where"), lambda r: f"{r.place}, {r.room}" if r.room else r.place),
        Column(lambda: _("Topic"), lambda r: r.topic),
        Column(lambda: _("Status"), status_text),
    ]


class SessionsTab(QWidget):
    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = context.runner
        self.group: GroupRow | None = None
        self.model = RowsTableModel(session_columns(), self, tooltips=True)
        self.table = record_table(self.model)
        self.table.setObjectName("sessionsTable")
        # The topic keeps its whole text; when the table is too narrow the place and a long
        # status (a cancellation's reason) give way first, sharing the room (cut in the
        # middle: "Centro per…Mediazione" keeps the room), then the topic; whole in the
        # tooltip.
        fit_columns(self.table, yielding=((3, 5), 4), spare=3, elide=Qt.TextElideMode.ElideMiddle)
        self.banner = Banner()
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.plan_button, self.extra_button = QPushButton(), QPushButton()
        self.move_button, self.cancel_button = QPushButton(), QPushButton()
        self.plan_button.clicked.connect(self.plan)
        self.extra_button.clicked.connect(self.extra)
        self.move_button.clicked.connect(self.move)
        self.cancel_button.clicked.connect(self.cancel)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        may_plan = context.may(permissions.GROUPS_RUN)
        for button in (self.plan_button, self.extra_button, self.move_button, self.cancel_button):
            button.setVisible(may_plan)
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        # Under the table, as the groups' own count: beside four buttons it pushed the window
        # past a 1366 px screen at a real display (the window-fits journey).
        layout.addWidget(self.count)
        self.table.doubleClicked.connect(lambda _index: self.move())

    def retranslate_ui(self) -> None:
        self.plan_button.setText(_("Plan sessions…"))
        self.extra_button.setText(_("Extra session…"))
        self.move_button.setText(_("Move…"))
        self.cancel_button.setText(_("Cancel…"))
        self.cancel_button.setToolTip(_("Cancel the selected session, with a reason."))
        self.banner.retranslate_ui()
        self.model.retranslate()

    def show_group(self, group: GroupRow | None) -> None:
        self.group = group
        self.banner.clear()
        if group is None:
            self.model.set_rows([])
        else:
            self.load()

    def load(self) -> None:
        if self.group is not None:
            self.runner.read(
                sessions_of, self.group.id, owner=self, on_done=self._loaded, on_error=self._failed
            )

    def _loaded(self, rows: list[SessionRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        held = sum(1 for r in rows if r.held)
        live = sum(1 for r in rows if not r.cancelled)
        self.count.setText(
            _("No sessions")
            if not live
            else ngettext("{n} session", "{n} sessions", live).format(n=format_number(live))
            + ", "
            + ngettext("{held} held", "{held} held", held).format(held=format_number(held))
        )
        for number, row in enumerate(rows):
            if selected is not None and row.id == selected.id:
                self.table.selectRow(number)

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)

    def selected(self) -> SessionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _open(self, dialog, message: str):  # type: ignore[no-untyped-def]
        dialog.saved.connect(lambda _result: self._done(message))
        return open_dialog(self, dialog)

    def _done(self, message: str) -> None:
        self.banner.show_message("ok", [message])
        self.load()
        self.changed.emit()

    def plan(self) -> PlanDialog | None:
        if self.group is None:
            return None
        return self._open(PlanDialog(self.runner, self.group, self), _("Sessions planned."))

    def extra(self) -> SessionDialog | None:
        if self.group is None:
            return None
        return self._open(
            SessionDialog(self.runner, self.group, None, self), _("Extra session added.")
        )

    def _need_selection(self) -> SessionRow | None:
        row = self.selected()
        if row is None:
            self.banner.show_message("info", [_("Choose a session in the list first.")])
        return row

    def move(self) -> SessionDialog | None:
        row = self._need_selection()
        if row is None or self.group is None or not self.move_button.isVisible():
            return None
        return self._open(SessionDialog(self.runner, self.group, row, self), _("Session moved."))

    def cancel(self) -> ReasonDialog | None:
        row = self._need_selection()
        if row is None:
            return None
        question = _("Cancel session {n} of {day}? The participants should be told.").format(
            n=row.number, day=format_date(row.starts_at.date())
        )
        dialog = ReasonDialog(
            self.runner,
            _("Cancel a session"),
            question,
            cancel_session,
            row.id,
            row.version,
            parent=self,
        )
        return self._open(dialog, _("Session cancelled."))

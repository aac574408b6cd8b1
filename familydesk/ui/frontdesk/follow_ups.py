"""My follow-ups: the signed-in operator's to-do list of people to call back, overdue in red.
F9 marks the selected one done (a referral's asks whether the family reached the service);
F10 (the page's key, while this list has the focus) books an appointment for it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from familydesk import frontdesk
from familydesk.frontdesk import FollowUp
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.kernel import clock
from familydesk.ui.frontdesk import referral_outcome
from familydesk.ui.frontdesk.panel import ListPanel
from familydesk.ui.frontdesk.quick_booking import BOOK_KEY
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.table_model import Column, RowsTableModel

DONE_KEY = "F9"


def _when(follow_up: FollowUp) -> str:
    if follow_up.overdue:
        return _("{date} (overdue)").format(date=format_date(follow_up.follow_up_on))
    if follow_up.follow_up_on == clock.today():
        return _("today")
    return format_date(follow_up.follow_up_on)


class FollowUpModel(RowsTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("When"), _when),
                Column(lambda: _("Who"), lambda f: f.who),
                Column(lambda: _("Need"), lambda f: f.need),
                Column(lambda: _("Referral"), lambda f: f.question()),
                Column(lambda: _("Note"), lambda f: f.note),
            ],
            parent,
            tooltips=True,
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#b3261e") if self.row_at(index.row()).overdue else None
        return super().data(index, role)


class FollowUpsPanel(ListPanel):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, FollowUpModel(), "followUpsTable", parent)
        self.model.setParent(self)
        self.done_button = QPushButton()
        self.done_button.setObjectName("followUpDone")
        self.done_button.clicked.connect(self.mark_done)
        QShortcut(QKeySequence(DONE_KEY), self, self.mark_done)
        self.heading.addWidget(self.book_button)
        self.heading.addWidget(self.done_button)
        self.lay_out()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.done_button.setText(_("Follow-up done ({key})").format(key=DONE_KEY))
        self.done_button.setToolTip(_("The selected follow-up has been done: off the list"))
        self.model.retranslate()
        self._show_title()
        self._enable_book()

    def load(self) -> None:
        """The signed-in operator's open follow-ups, soonest first."""
        self.runner.read(
            frontdesk.open_follow_ups,
            self.runner.database.operator or "",
            on_done=self.show_rows,
            on_error=lambda exc: show_error(self, exc),
            owner=self,
        )

    def show_rows(self, rows: list[FollowUp]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._show_title()
        self._enable()

    def _show_title(self) -> None:
        rows = self.rows()
        overdue = sum(1 for row in rows if row.overdue)
        text = _("My follow-ups: {count}").format(count=format_number(len(rows)))
        if overdue:
            text += " · " + ngettext("{n} overdue", "{n} overdue", overdue).format(
                n=format_number(overdue)
            )
        self.title.setText(text)

    def _enable(self) -> None:
        self.done_button.setEnabled(self.selected() is not None)
        self._enable_book()

    def select_first(self) -> str:
        return _("Select a follow-up in the list first.")

    def book_tip(self) -> str:
        return _(
            "Book an appointment for the follow-up selected ({key} while this list has the focus)"
        ).format(key=BOOK_KEY)

    def mark_done(self) -> None:
        follow_up = self.selected()
        self.error.show_message("")
        if follow_up is None:
            self.error.show_message(self.select_first())
            return
        answer: dict[str, object] = {}
        if follow_up.is_referral:
            asked = referral_outcome.ask_outcome(self, follow_up)
            if asked is None:
                return
            answer = {"outcome": asked[0], "next_on": asked[1]}
        self.runner.write(
            frontdesk.close_follow_up,
            follow_up.request_id,
            follow_up.version,
            **answer,
            on_done=lambda _r: self.load(),
            owner=self,
            on_error=self._refused,
        )

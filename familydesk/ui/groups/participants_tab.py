"""The Participants tab: who is enrolled, waiting (with their place in line) or withdrawn;
sign-ups from the registry, withdrawals with a reason, and the people moved up from the
waiting list who still have to be told ("To inform", with their phone and a "Told" button)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from familydesk.groups.catalog import GroupRow
from familydesk.groups.enrolment import (
    EnrolmentRow,
    ToInformRow,
    WithdrawResult,
    enrol,
    mark_informed,
    participants,
    to_inform,
    withdraw,
)
from familydesk.groups.names import ENROLMENT_STATUSES, translated
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.trust import permissions
from familydesk.ui.groups import printing
from familydesk.ui.groups.people_dialog import PeopleDialog
from familydesk.ui.groups.session_dialogs import ReasonDialog
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.dialogs import open_dialog, report
from familydesk.ui.widgets.fields import record_table
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.table_model import Column, RowsTableModel


def status_text(row: EnrolmentRow) -> str:
    text = translated(ENROLMENT_STATUSES, row.status)
    if row.status == "waiting" and row.position:
        text = _("{status} ({n})").format(status=text, n=row.position)
    return text + (" · " + _("walk-in") if row.walk_in else "")


def participant_columns() -> list[Column]:
    return [
        Column(lambda: _("Name"), lambda r: r.name),
        Column(lambda: _("Born"), lambda r: format_date(r.birth_date)),
        Column(lambda: _("Status"), status_text),
        Column(lambda: _("Signed up"), lambda r: format_date(r.signed_up_on)),
        Column(lambda: _("Enrolled on"), lambda r: format_date(r.enrolled_on)),
        Column(lambda: _("Withdrawn"), lambda r: format_date(r.withdrawn_on)),
        Column(lambda: _("Reason"), lambda r: r.withdraw_reason),
    ]


def inform_columns() -> list[Column]:
    return [
        Column(lambda: _("Name"), lambda r: r.enrolment.name),
        Column(lambda: _("Phone"), lambda r: r.enrolment.phone),
        Column(lambda: _("Place since"), lambda r: format_date(r.enrolment.enrolled_on)),
    ]


class ParticipantsTab(QWidget):
    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = context.runner
        self.group: GroupRow | None = None
        self.model = RowsTableModel(participant_columns(), self)
        self.table = record_table(self.model)
        self.table.setObjectName("participantsTable")
        self.inform_model = RowsTableModel(inform_columns(), self)
        self.inform_table = record_table(self.inform_model)
        self.inform_table.setObjectName("toInformTable")
        self.banner = Banner()
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.inform_title = QLabel()
        self.inform_title.setObjectName("sectionHeading")
        self.signup_button, self.withdraw_button = QPushButton(), QPushButton()
        self.form_button, self.told_button = QPushButton(), QPushButton()
        self.form_button.setObjectName("printEnrolmentForm")
        self.signup_button.clicked.connect(self.sign_up)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.form_button.clicked.connect(self.print_form)
        self.told_button.clicked.connect(self.told)
        may_enrol = context.may(permissions.GROUPS)
        for button in (
            self.signup_button,
            self.withdraw_button,
            self.told_button,
            self.form_button,
        ):
            button.setVisible(may_enrol)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.signup_button, self.withdraw_button, self.form_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.banner)
        top_layout.addWidget(self.table, 1)
        inform_bar = QHBoxLayout()
        inform_bar.addWidget(self.inform_title, 1)
        inform_bar.addWidget(self.told_button)
        self.inform_box = QWidget()
        inform_layout = QVBoxLayout(self.inform_box)
        inform_layout.setContentsMargins(0, 0, 0, 0)
        inform_layout.addLayout(inform_bar)
        inform_layout.addWidget(self.inform_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.inform_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def retranslate_ui(self) -> None:
        self.signup_button.setText(_("Sign up…"))
        self.withdraw_button.setText(_("Withdraw…"))
        self.form_button.setText(_("Print enrolment form"))
        self.form_button.setToolTip(_("The enrolment form of the person selected, to sign."))
        self.told_button.setText(_("Told"))
        self.told_button.setToolTip(_("The person selected was told they have a place."))
        self.inform_title.setText(_("To inform: moved up from the waiting list, not told yet"))
        self.banner.retranslate_ui()
        self.model.retranslate()
        self.inform_model.retranslate()

    # -- loading -------------------------------------------------------------------
    def show_group(self, group: GroupRow | None) -> None:
        if group is None or self.group is None or group.id != self.group.id:
            self.banner.clear()
        self.group = group
        if group is None:
            self.model.set_rows([])
            self.inform_model.set_rows([])
        else:
            self.load()

    def load(self) -> None:
        if self.group is None:
            return
        self.runner.read(
            participants, self.group.id, owner=self, on_done=self._loaded, on_error=self._failed
        )
        self.runner.read(
            to_inform, self.group.id, owner=self, on_done=self._inform, on_error=self._failed
        )

    def _loaded(self, rows: list[EnrolmentRow]) -> None:
        self.model.set_rows(rows)
        enrolled = sum(1 for r in rows if r.status == "enrolled")
        waiting = sum(1 for r in rows if r.status == "waiting")
        self.count.setText(
            ngettext("{n} enrolled", "{n} enrolled", enrolled).format(n=format_number(enrolled))
            + ", "
            + ngettext("{n} waiting", "{n} waiting", waiting).format(n=format_number(waiting))
        )

    def _inform(self, rows: list[ToInformRow]) -> None:
        self.inform_model.set_rows(rows)
        self.inform_box.setVisible(bool(rows))

    def _failed(self, exc: BaseException) -> None:
        report(self.banner, self, exc)

    def selected(self) -> EnrolmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.banner.show_message("info", [_("Choose a person in the list first.")])
            return None
        return self.model.row_at(rows[0].row())

    def _done(self, message: str) -> None:
        self.banner.show_message("ok", [message])
        self.load()
        self.changed.emit()

    # -- actions ---------------------------------------------------------------------
    def sign_up(self) -> PeopleDialog | None:
        group = self.group
        if group is None:
            return None
        intro = _(
            "Places: {used} of {capacity}. Beyond them people go on the waiting list."
        ).format(used=group.places_taken, capacity=group.capacity or "∞")
        dialog = PeopleDialog(
            self.runner,
            _("Sign up to {title}").format(title=group.title),
            intro,
            lambda ids: dialog.submit(enrol, group.id, ids),
            self,
        )
        dialog.saved.connect(self._signed_up)
        return open_dialog(self, dialog)

    def _signed_up(self, rows: list[EnrolmentRow]) -> None:
        lines = [f"{r.name}: {status_text(r)}" for r in rows]
        self.banner.show_message("ok", [_("Signed up:")] + lines)
        self.load()
        self.changed.emit()

    def withdraw(self) -> ReasonDialog | None:
        row = self.selected()
        if row is None:
            return None
        if row.status == "withdrawn":
            self.banner.show_message(
                "info", [_("{name} has already withdrawn.").format(name=row.name)]
            )
            return None
        dialog = ReasonDialog(
            self.runner,
            _("Withdraw"),
            _(
                "Withdraw {name} from the group? A place freed goes to the first one waiting."
            ).format(name=row.name),
            withdraw,
            row.id,
            row.version,
            parent=self,
            required=False,
        )
        dialog.saved.connect(self._withdrawn)
        return open_dialog(self, dialog)

    def _withdrawn(self, result: WithdrawResult) -> None:
        lines = [_("Withdrawn: {name}.").format(name=result.withdrawn.name)]
        if result.promoted:
            names = ", ".join(r.name for r in result.promoted)
            lines.append(
                _("Moved up from the waiting list: {names}. Tell them (see To inform).").format(
                    names=names
                )
            )
        self.banner.show_message("ok", lines)
        self.load()
        self.changed.emit()

    def told(self) -> None:
        rows = self.inform_table.selectionModel().selectedRows()
        if not rows and self.inform_model.rowCount() == 1:
            self.inform_table.selectRow(0)
            rows = self.inform_table.selectionModel().selectedRows()
        if not rows:
            self.banner.show_message("info", [_("Choose a person in the To inform list first.")])
            return
        row: ToInformRow = self.inform_model.row_at(rows[0].row())
        self.runner.write(
            mark_informed,
            row.enrolment.id,
            row.enrolment.version,
            owner=self,
            on_error=self._failed,
            on_done=lambda done: self._done(_("{name} was told.").format(name=done.name)),
        )

    def print_form(self) -> None:
        row = self.selected()
        if row is not None:
            printing.print_enrolment_form(self.runner, self, row.id, self._failed)

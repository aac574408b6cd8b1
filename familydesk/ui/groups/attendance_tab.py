"""The attendance grid: participants x sessions, marked from the keyboard.

Keys in the grid (``familydesk.ui.groups.attendance_view``): arrows move; P, A, E
(Italian: P, A, G) mark the cell and go down to the next participant; Space goes through
the marks; Delete clears; Ctrl+Shift+P marks present every empty cell of the session;
Ctrl+S saves the sessions changed (one save each, with its version). Marks not saved are in
italics with an asterisk; a refused save keeps them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.groups.attendance import (
    AttendanceGrid,
    add_walk_in,
    attendance_grid,
    open_attendance,
    save_attendance,
)
from familydesk.groups.catalog import GroupRow
from familydesk.groups.names import MARK_LETTERS, MARKS, translated
from familydesk.groups.sessions import SessionRow
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import permissions
from familydesk.ui.groups import printing
from familydesk.ui.groups.attendance_model import AttendanceModel
from familydesk.ui.groups.attendance_view import AttendanceView
from familydesk.ui.groups.people_dialog import PeopleDialog
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.elided import ElidedLabel
from familydesk.ui.widgets.page import PageContext

SAVE_KEY, ALL_PRESENT_KEY = "Ctrl+S", "Ctrl+Shift+P"


class AttendanceTab(QWidget):
    #: Marks were saved or someone was added (figures change).
    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = context.runner
        self.may_mark = context.may(permissions.GROUPS_RUN)
        self.group: GroupRow | None = None
        self._saving = 0
        self.model = AttendanceModel(self)
        self.view = AttendanceView(self.model)
        self.view.editable = self.may_mark
        self.banner = Banner()
        self.status = ElidedLabel()  # "3 marks not saved" must not widen the window
        self.status.setObjectName("countLabel")
        self.legend = QLabel()
        self.legend.setObjectName("countLabel")
        self.legend.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveAttendance")
        self.save_button.clicked.connect(self.save)
        self.present_button = QPushButton()
        self.present_button.clicked.connect(self.all_present)
        self.walk_in_button = QPushButton()
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self.signatures_button = QPushButton()
        self.signatures_button.setObjectName("printSignatures")
        self.signatures_button.clicked.connect(self.print_signatures)
        self.certificates_button = QPushButton()
        self.certificates_button.setObjectName("printCertificates")
        self.certificates_button.clicked.connect(self.print_certificates)
        for button in (self.save_button, self.present_button, self.walk_in_button):
            button.setVisible(self.may_mark)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.save_button, self.present_button, self.walk_in_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.signatures_button)
        bar.addWidget(self.certificates_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)  # a line of its own: the bar has no room to spare
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        if self.may_mark:
            for keys, slot in ((SAVE_KEY, self.save), (ALL_PRESENT_KEY, self.all_present)):
                shortcut = QShortcut(QKeySequence(keys), self, slot)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.model.dataChanged.connect(lambda *_a: self._show_status())
        self.model.modelReset.connect(self._show_status)

    def retranslate_ui(self) -> None:
        self.save_button.setText(_("Save ({key})").format(key=SAVE_KEY))
        self.present_button.setText(_("All present"))
        self.present_button.setToolTip(
            _(
                "Marks present every empty cell of the current session; then correct the absent "
                "ones."
            )
            + f" ({ALL_PRESENT_KEY})"
        )
        self.walk_in_button.setText(_("Add walk-in…"))
        self.walk_in_button.setToolTip(
            _("Someone who came today without signing up: signed up and marked present.")
        )
        self.signatures_button.setText(_("Signature sheet"))
        self.certificates_button.setText(_("Certificates"))
        self.certificates_button.setToolTip(
            _("Certificates of attendance for everyone who completed the course.")
        )
        self.signatures_button.setToolTip(_("The signature sheet of the current session."))
        letters = " · ".join(
            f"{translated(MARK_LETTERS, m)} = {translated(MARKS, m)}" for m in MARKS
        )
        keys = _(
            "Arrows move; a letter marks and goes down; Space changes the mark; Delete clears; "
            "{all} marks the empty cells present; {save} saves. * = not saved yet; grey = cannot "
            "be marked."
        ).format(all=ALL_PRESENT_KEY, save=SAVE_KEY)
        self.legend.setText(f"{letters}. {keys}" if self.may_mark else letters)
        self.banner.retranslate_ui()
        self.model._repaint()
        self._show_status()

    def _show_status(self) -> None:
        count = len(self.model.pending)
        self.status.setText(
            ngettext("{n} mark not saved", "{n} marks not saved", count).format(
                n=format_number(count)
            )
            if count
            else ""
        )
        self.status.setVisible(bool(count))

    # -- loading -------------------------------------------------------------------
    def show_group(self, group: GroupRow | None) -> None:
        opened = group is not None and (self.group is None or group.id != self.group.id)
        if group is None or opened:
            self.model.clear()
            self.banner.clear()
        self.group = group
        if group is not None:
            self.load(keep_column=not opened, audited=opened)

    def load(self, keep_column: bool = False, audited: bool = False) -> None:
        """Fetch the grid; opening a group's grid is audited (it lists the participants)."""
        if self.group is None:
            return
        column = self.view.currentIndex().column() if keep_column else None
        fetch = self.runner.write if audited else self.runner.read
        fetch(
            open_attendance if audited else attendance_grid,
            self.group.id,
            owner=self,
            on_error=self._failed,
            on_done=lambda grid: self._loaded(grid, column),
        )

    def _loaded(self, grid: AttendanceGrid, column: int | None) -> None:
        if self.group is None or grid.group_id != self.group.id:
            return
        row = max(0, self.view.currentIndex().row())
        self.model.set_grid(grid)
        if column is None or column < 0:
            self.view.go_to_column(self.model.focus_column(local_now().date()))
        elif self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), column))
        if not grid.participants:
            self.banner.show_message(
                "info", [_("Nobody is enrolled yet: sign people up on the Participants tab.")]
            )

    def current_session(self) -> SessionRow | None:
        column = self.view.currentIndex().column()
        if not self.model.sessions:
            return None
        return self.model.sessions[
            column if column >= 0 else self.model.focus_column(local_now().date())
        ]

    # -- marking and saving -----------------------------------------------------------
    def all_present(self) -> None:
        column = self.view.currentIndex().column()
        if column >= 0:
            self.model.fill_present(column)
            self.view.setFocus()

    def save(self) -> None:
        """One save per session changed, each with its version; refused ones stay pending."""
        changed = self.model.changed_sessions()
        if not changed or self._saving:
            return
        self.banner.clear()
        self._saving = len(changed)
        self._refused: list[str] = []
        for row in changed:
            marks = self.model.column_marks(row.id)
            sent = {(enrolment_id, row.id): mark for enrolment_id, mark in marks.items()}
            self.runner.write(
                save_attendance,
                row.id,
                row.version,
                marks,
                owner=self,
                on_done=lambda saved, sent=sent: self._saved(saved, sent),
                on_error=lambda exc, row=row: self._refused_save(row, exc),
            )

    def _saved(self, row: SessionRow, sent: dict[tuple[int, int], str | None]) -> None:
        self.model.session_saved(row, sent)
        self._one_done()

    def _refused_save(self, row: SessionRow, exc: BaseException) -> None:
        reason = (
            exc.message
            if isinstance(exc, FamilyDeskError)
            else _("the database could not be reached ({error}).").format(error=type(exc).__name__)
        )
        self._refused.append(
            _("Session of {day}: {reason}").format(
                day=format_date(row.starts_at.date()), reason=reason
            )
        )
        self._one_done()

    def _one_done(self) -> None:
        self._saving -= 1
        if self._saving:
            return
        if self._refused:
            lines = [
                _(
                    "Not saved: your marks are still on screen (in italics). Press {key} to try "
                    "again."
                ).format(key=SAVE_KEY)
            ]
            self.banner.show_message("warning", lines + self._refused)
        else:
            self.banner.show_message("ok", [_("Attendance saved.")])
        self.changed.emit()
        self.load(keep_column=True)  # fresh versions; what is still pending stays on top

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FamilyDeskError):
            self.banner.show_message("warning", [exc.message])
        else:
            show_error(self, exc)

    # -- before quitting, locking or switching operator (ui.unsaved) --------------------
    def unsaved_changes(self) -> str:
        count = len(self.model.pending)
        if not count or self.group is None:
            return ""
        return ngettext(
            "Attendance of “{group}”: {n} mark not saved",
            "Attendance of “{group}”: {n} marks not saved",
            count,
        ).format(group=self.group.title, n=format_number(count))

    def save_changes(self) -> None:
        self.save()

    def discard_changes(self) -> None:
        self.model.discard()

    # -- walk-ins and printouts ----------------------------------------------------------
    def add_walk_in(self) -> PeopleDialog | None:
        row = self.current_session()
        if row is None or self.group is None:
            return None
        day = format_date(row.starts_at.date())
        dialog = PeopleDialog(
            self.runner,
            _("Walk-in at the session of {day}").format(day=day),
            _(
                "Who came without signing up: they are signed up to the group and marked present "
                "at this session."
            ),
            lambda ids: dialog.run_each(
                add_walk_in,
                lambda: (row.id, row.version),
                ids,
                lambda done: (done.id, done.version),
            ),
            self,
        )
        dialog.buttons.button(dialog.buttons.StandardButton.Save).setText(_("Add"))
        dialog.saved.connect(lambda _row: self._walked_in())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _walked_in(self) -> None:
        self.banner.show_message("ok", [_("Added and marked present.")])
        self.changed.emit()
        self.load(keep_column=True)

    def print_signatures(self) -> None:
        row = self.current_session()
        if row is not None and self.group is not None:
            printing.print_signatures(self.runner, self, self.group.id, row.number, self._failed)

    def print_certificates(self) -> None:
        """One PDF with a certificate per participant who completed (refused, with the
        reason, when nobody has)."""
        if self.group is not None:
            printing.print_certificates(self.runner, self, self.group.id, self._failed)

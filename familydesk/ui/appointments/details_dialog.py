"""One appointment: who, what, where; confirm, done, no-show, cancel (one or the rest of
its series), move the rest of the series, print the family's slip. Every action is a
button with a mnemonic."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.appointments import series
from familydesk.appointments.booking import TRANSITIONS, set_status
from familydesk.appointments.names import STATUSES
from familydesk.appointments.queries import AppointmentRow
from familydesk.i18n import _, format_date
from familydesk.kernel.errors import FamilyDeskError
from familydesk.kernel.text import hhmm
from familydesk.scheduling.calendar_rules import local_now
from familydesk.ui.appointments.fields import TimeField, read_moment
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import DateField, ErrorLine
from familydesk.ui.widgets.printing import print_pdf

#: Status buttons, in the order shown.
STATUS_ACTIONS = ("confirmed", "done", "no_show", "booked")


class AppointmentDialog(QDialog):
    """``changed(result)`` after a saved action (the dialog then closes)."""

    changed = Signal(object)

    def __init__(self, runner: Runner, row: AppointmentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.row = row
        self.setMinimumWidth(560)
        self.heading = QLabel()
        self.heading.setObjectName("familyTitle")
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        self.keys: dict[str, QLabel] = {}
        for key in (
            "who",
            "staff",
            "interpreter",
            "place",
            "room",
            "status",
            "series",
            "note",
            "booked_by",
            "cancel_reason",
        ):
            self.keys[key], self.values[key] = QLabel(), QLabel()
            self.values[key].setWordWrap(True)
            self.form.addRow(self.keys[key], self.values[key])
        self.status_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for status in STATUS_ACTIONS:
            button = QPushButton()
            button.clicked.connect(lambda _c=False, s=status: self.set_status(s))
            self.status_buttons[status] = button
            actions.addWidget(button)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self._show_cancel)
        self.move_button = QPushButton()
        self.move_button.clicked.connect(self._show_move)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printSlip")
        self.print_button.clicked.connect(self.print_slip)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_slip)
        actions.addStretch(1)
        more = QHBoxLayout()
        more.addWidget(self.print_button)
        more.addWidget(self.cancel_button)
        more.addWidget(self.move_button)
        more.addStretch(1)

        self.cancel_box = QGroupBox()
        self.reason = QLineEdit()
        self.reason.setObjectName("cancelReason")
        self.reason.setMaxLength(200)
        self.rest_of_series = QCheckBox()
        self.confirm_cancel = QPushButton()
        self.confirm_cancel.clicked.connect(self.cancel)
        self.reason.returnPressed.connect(self.cancel)
        cancel_form = QFormLayout(self.cancel_box)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        cancel_form.addRow(self.reason_label, self.reason)
        cancel_form.addRow("", self.rest_of_series)
        cancel_form.addRow("", self.confirm_cancel)
        self.cancel_box.hide()

        self.move_box = QGroupBox()
        self.move_day, self.move_time = DateField(), TimeField()
        self.confirm_move = QPushButton()
        self.confirm_move.clicked.connect(self.move_rest)
        self.move_time.returnPressed.connect(self.move_rest)
        move_row = QHBoxLayout(self.move_box)
        self.move_label = QLabel()
        self.move_label.setWordWrap(True)
        for widget in (self.move_day, self.move_time, self.confirm_move):
            move_row.addWidget(widget)
        move_layout = QVBoxLayout()
        move_layout.addWidget(self.move_label)
        move_layout.addWidget(self.move_box)
        self.move_box.hide()
        self.move_label.hide()

        self.error = ErrorLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        layout.addLayout(more)
        layout.addWidget(self.cancel_box)
        layout.addLayout(move_layout)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        row = self.row
        self.setWindowTitle(_("Appointment"))
        self.heading.setText(
            _("{service}, {day} {start}-{end}").format(
                service=row.service,
                day=format_date(row.starts_at.date()),
                start=hhmm(row.starts_at),
                end=hhmm(row.ends_at),
            )
        )
        labels = {
            "who": _("For"),
            "staff": _("Professional"),
            "interpreter": _("Interpreter"),
            "place": _("Place"),
            "room": _("Room"),
            "status": _("Status"),
            "series": _("Series"),
            "note": _("Note"),
            "booked_by": _("Booked by"),
            "cancel_reason": _("Cancelled because"),
        }
        who = row.who + (f" ({row.family})" if row.person and row.family else "")
        values = {
            "who": f"{who} · {row.phone}" if row.phone else who,
            "staff": row.staff,
            "interpreter": row.interpreter,
            "room": row.room,
            "note": row.note,
            "place": ", ".join(t for t in (row.place, row.address, row.comune) if t),
            "status": _(STATUSES.get(row.status, row.status)),
            "booked_by": row.booked_by,
            "series": _("appointment {n} of a series").format(n=row.series_index)
            if row.series_id
            else "",
            "cancel_reason": row.cancel_reason,
        }
        for key, label in labels.items():
            self.keys[key].setText(label)
            self.values[key].setText(values[key])
            self.form.setRowVisible(self.values[key], bool(values[key]))
        texts = {
            "confirmed": _("&Confirm"),
            "done": _("&Done"),
            "no_show": _("&No-show"),
            "booked": _("Back to &booked"),
        }
        allowed = TRANSITIONS.get(row.status, ())
        started = row.starts_at <= local_now()
        for status, button in self.status_buttons.items():
            button.setText(texts[status])
            button.setVisible(status in allowed)
            early = status in ("done", "no_show") and not started
            button.setEnabled(not early)
            button.setToolTip(_("Once the appointment has started.") if early else "")
        movable = row.status in ("booked", "confirmed")
        self.print_button.setText(_("&Print the slip (Ctrl+P)"))
        self.print_button.setVisible(movable)
        self.cancel_button.setText(_("Cance&l appointment…"))
        self.cancel_button.setVisible("cancelled" in allowed)
        self.move_button.setText(_("&Move the rest of the series…"))
        self.move_button.setVisible(movable and row.series_id is not None)
        self.cancel_box.setTitle(_("Cancel the appointment"))
        self.reason_label.setText(_("&Reason"))
        self.reason.setPlaceholderText(_("e.g. the family asked to postpone"))
        self.rest_of_series.setText(_("Also the rest of the s&eries"))
        self.rest_of_series.setVisible(row.series_id is not None)
        self.confirm_cancel.setText(_("Cancel the appointment"))
        self.move_box.setTitle(_("New date and time of this appointment"))
        self.move_label.setText(
            _("This appointment and the following ones of the series move by the same amount.")
        )
        self.confirm_move.setText(_("Move the rest of the series"))
        self.move_day.retranslate_ui()

    # -- actions ---------------------------------------------------------------
    def _show_cancel(self) -> None:
        self.move_box.hide()
        self.move_label.hide()
        self.cancel_box.show()
        self.reason.setFocus()

    def _show_move(self) -> None:
        self.cancel_box.hide()
        self.move_day.set_value(self.row.starts_at.date())
        self.move_time.set_value(self.row.starts_at)
        self.move_label.show()
        self.move_box.show()
        self.move_day.setFocus()
        self.move_day.selectAll()

    def print_slip(self) -> None:
        """The family's slip (when, where, with whom, what to bring), opened as a PDF."""
        if self.row.status not in ("booked", "confirmed"):
            return
        self.error.show_message("")
        # ReportLab (~150 ms to import) only when a slip is printed.
        from familydesk.appointments.printouts import print_slip

        print_pdf(
            self.runner,
            self,
            print_slip,
            self.row.id,
            kind="slip",
            key=self.row.id,
            on_error=self._failed,
        )

    def set_status(self, status: str) -> None:
        self._write(set_status, self.row.id, self.row.version, status)

    def cancel(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.error.show_message(_("Reason: say why the appointment is cancelled."))
            self.reason.setFocus()
            return
        self._write(
            series.cancel,
            self.row.id,
            self.row.version,
            reason,
            rest_of_series=self.rest_of_series.isChecked(),
        )

    def move_rest(self) -> None:
        try:
            starts_at = read_moment(self.move_day, self.move_time)
        except ValueError as exc:
            self.error.show_message(str(exc))
            return
        self._write(series.move_rest, self.row.id, self.row.version, starts_at)

    def _write(self, fn: object, *args: object, **kwargs: object) -> None:
        self.error.show_message("")
        self.runner.write(
            fn, *args, on_done=self._done, on_error=self._failed, owner=self, **kwargs
        )  # type: ignore[arg-type]

    def _done(self, result: object) -> None:
        self.changed.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FamilyDeskError):
            self.error.show_message(exc.message)
        else:
            show_error(self, exc)

"""Book an appointment (or a weekly / fortnightly series) from the keyboard.

The form is on the left, the free-slot finder on the right. Ctrl+Enter books
(and prints the family's slip, unless the operator unticks it).
A refused booking shows its reasons under the form and the free alternatives
in the finder's list: Enter on one books it there. Other pages open the
dialog with :func:`open_booking_dialog` (e.g. the front desk, from a walk-in request).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familydesk.appointments.booking import BookingConflict, book
from familydesk.appointments.calendar_view import CalendarChoices, calendar_choices
from familydesk.appointments.series import SeriesResult, book_series
from familydesk.appointments.slots import FreeSlot, SlotQuery, find_free_slots
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.kernel.text import hhmm
from familydesk.scheduling.calendar_rules import local_now
from familydesk.ui.appointments.booking_form import BookingForm
from familydesk.ui.appointments.slot_panel import SlotPanel
from familydesk.ui.shell.errors import show_error
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.fields import ErrorLine
from familydesk.ui.widgets.page import PageContext
from familydesk.ui.widgets.printing import print_pdf

PRINT_SLIP_SETTING = "appointments/print_slip_after_booking"


def conflict_text(exc: BookingConflict) -> str:
    """The reasons of a refusal, one per line."""
    return "\n".join([_("This appointment cannot be booked:"), *(f"• {r}" for r in exc.reasons)])


class BookingDialog(QDialog):
    """``booked(result)`` with the ``AppointmentRow`` (or ``SeriesResult``) booked;
    the dialog then closes."""

    booked = Signal(object)

    def __init__(
        self,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        family_id: int | None = None,
        person_id: int | None = None,
        request_id: int | None = None,
        service_key: str | None = None,
        starts_at: datetime | None = None,
        staff_id: int | None = None,
        place_id: int | None = None,
        room_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.request_id = request_id
        self._family_given = family_id is not None
        self._prefill: dict[str, Any] = dict(
            service_key=service_key,
            starts_at=starts_at,
            staff_id=staff_id,
            place_id=place_id,
            room_id=room_id,
        )
        self.form = BookingForm(runner)
        self.slots = SlotPanel()
        self.slots.search_requested.connect(self.find_slots)
        self.slots.picked.connect(self._slot_picked)
        self.error = ErrorLine()
        #: Print the family's slip once booked (the choice is remembered on this computer).
        self.print_slip = QCheckBox()
        self.print_slip.setObjectName("printSlipAfterBooking")
        self.print_slip.setChecked(QSettings().value(PRINT_SLIP_SETTING, True, type=bool))
        self.print_slip.toggled.connect(lambda on: QSettings().setValue(PRINT_SLIP_SETTING, on))
        self.buttons = QDialogButtonBox()
        self.book_button = QPushButton()
        self.book_button.setObjectName("bookButton")
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.book_button.clicked.connect(self.book)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        columns = QHBoxLayout()
        columns.addWidget(self.form, 3)
        columns.addWidget(self.slots, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_slip)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.book)
        self.setMinimumWidth(940)
        self.retranslate_ui()
        runner.read(calendar_choices, on_done=self._choices, on_error=self._failed, owner=self)
        if family_id is not None:
            self.form.person.set_family(family_id, person_id)
        self.form.person.setFocus()
        if self._family_given:
            self._focus_first_missing()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Book an appointment"))
        self.book_button.setText(_("&Book (Ctrl+Enter)"))
        self.print_slip.setText(_("Print the slip for the famil&y"))
        self.form.retranslate_ui()
        self.slots.retranslate_ui()

    def _choices(self, choices: CalendarChoices) -> None:
        self.form.set_choices(choices)
        self.form.prefill(**self._prefill)
        if self._family_given:
            self._focus_first_missing()
        places: list[tuple[str, int, str]] = []
        for place in choices.places:
            if not any(kind == "comune" and key == place.comune_id for kind, key, _l in places):
                places.append(
                    (
                        "comune",
                        place.comune_id,
                        _("{comune}: every place").format(comune=place.comune_name),
                    )
                )
            places.append(("place", place.id, f"   {place.name}"))
        self.slots.set_choices([(s.id, s.name) for s in choices.professionals], places)
        self.slots.retranslate_ui()

    def _focus_first_missing(self) -> None:
        """Who is known (booked from a family or a walk-in): on to what is still missing."""
        form = self.form
        if self._prefill.get("staff_id") is None:
            form.staff.setFocus()
        elif not form.day.text().strip():
            form.day.setFocus()
        else:
            self.book_button.setFocus()

    # -- free slots ----------------------------------------------------------------
    def slot_query(self) -> SlotQuery:
        family_id, _person = self.form.person.value()
        start = self.form.starts_at()
        after = start if start is not None and start > local_now() else None
        return SlotQuery(
            minutes=self.form.minutes.value(),
            family_id=family_id,
            service_id=self.form.service.currentData(),
            interpreter_id=self.form.interpreter.currentData(),
            after=after,
            limit=8,
            **self.slots.criteria(),
        )  # type: ignore[arg-type]

    def find_slots(self) -> None:
        self.error.show_message("")
        self.runner.read(
            find_free_slots,
            self.slot_query(),
            owner=self,
            on_error=self._failed,
            on_done=self._slots_found,
        )

    def _slots_found(self, slots: list[FreeSlot]) -> None:
        self.slots.show_slots(slots, "find")
        if slots:
            self.slots.list.setFocus()

    def _slot_picked(self, slot: FreeSlot, mode: str) -> None:
        self.form.apply_slot(slot)
        if mode == "alternative":
            self.book()
        else:
            self.book_button.setFocus()

    # -- booking -------------------------------------------------------------------
    def book(self) -> None:
        """Book what the form says (a series when a repetition is chosen)."""
        self.error.show_message("")
        try:
            data = self.form.read(self.request_id)
            repeat = self.form.read_repeat()
        except ValidationError as exc:
            self._show_field_error(exc)
            return
        if repeat is None:
            self.runner.write(book, data, on_done=self._booked, on_error=self._failed, owner=self)
            return
        self.runner.write(
            book_series,
            data,
            every_weeks=repeat.every_weeks,
            occurrences=repeat.occurrences,
            until=repeat.until,
            skip_unavailable=repeat.skip_unavailable,
            on_done=self._booked,
            on_error=self._failed,
            owner=self,
        )

    def _booked(self, result: object) -> None:
        if self.print_slip.isChecked():
            first: Any = result.booked[0] if isinstance(result, SeriesResult) else result
            owner = self.parentWidget() or self
            # ReportLab (~150 ms to import) only when a slip is printed.
            from familydesk.appointments.printouts import print_slip

            print_pdf(
                self.runner,
                owner,
                print_slip,
                first.id,
                kind="slip",
                key=first.id,
                on_error=lambda exc: show_error(owner, exc),
            )
        self.booked.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, BookingConflict):
            self.error.show_message(conflict_text(exc))
            alternatives = [a for a in exc.alternatives if isinstance(a, FreeSlot)]
            self.slots.show_slots(alternatives, "alternative")
            if alternatives:
                self.slots.list.setFocus()
        elif isinstance(exc, ValidationError):
            self._show_field_error(exc)
        elif isinstance(exc, FamilyDeskError):
            self.error.show_message(exc.message)
        else:
            show_error(self, exc)

    def _show_field_error(self, exc: ValidationError) -> None:
        """Every wrong field at once, top to bottom as the form shows them; focus the first."""
        ordered = sorted(exc.errors, key=lambda error: self._position(error[0]))
        self.error.show_message("\n".join(message for _field, message in ordered))
        widget = self.form.field_widget(ordered[0][0])
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _position(self, field: str) -> tuple[int, int]:
        widget = self.form.field_widget(field)
        if widget is None:
            return (1 << 30, 0)
        point = widget.mapTo(self, QPoint(0, 0))
        return (point.y(), point.x())


def booked_summary(result: object) -> str:
    """One sentence for the page after a booking."""
    if isinstance(result, SeriesResult):
        text = ngettext(
            "{n} appointment booked in a series.",
            "{n} appointments booked in a series.",
            len(result.booked),
        ).format(n=format_number(len(result.booked)))
        if result.skipped:
            text += " " + _("Left out: {days}.").format(
                days=", ".join(format_date(day) for day, _reason in result.skipped)
            )
        return text
    row: Any = result
    return _("Booked: {who}, {day} {start} with {staff}.").format(
        who=row.who,
        day=format_date(row.starts_at.date()),
        start=hhmm(row.starts_at),
        staff=row.staff,
    )


def open_booking_dialog(
    parent: QWidget | None,
    context: PageContext,
    family_id: int | None = None,
    person_id: int | None = None,
    request_id: int | None = None,
    service_key: str | None = None,
    **prefill: Any,
) -> BookingDialog:
    """Open the booking dialog (window-modal, not blocking) with what the caller knows:
    the family and person, the walk-in request booked from, the service's key. ``prefill``
    may add ``starts_at``, ``staff_id``, ``place_id``, ``room_id``. Connect to the
    returned dialog's ``booked`` signal to hear of the booking."""
    dialog = BookingDialog(
        context.runner,
        parent,
        family_id=family_id,
        person_id=person_id,
        request_id=request_id,
        service_key=service_key,
        **prefill,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

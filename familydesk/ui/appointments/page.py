"""Appointments: the day or week of a professional, a room or a place, as a time grid.

Blocks are dragged (or moved with Ctrl+arrows) with the same checks as a
booking; a refused move snaps back and the banner says why and what is free.
A double click on a free time (or Ctrl+N) books; Enter on a block opens it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QWidget

from familydesk.appointments import booking
from familydesk.appointments.booking import BookingConflict
from familydesk.appointments.calendar_view import (
    CalendarChoices,
    CalendarSpan,
    calendar_choices,
    calendar_span,
)
from familydesk.appointments.printouts import print_agenda, print_call_list
from familydesk.appointments.queries import AppointmentRow
from familydesk.appointments.slots import FreeSlot
from familydesk.i18n import _, format_date
from familydesk.kernel import clock
from familydesk.kernel.errors import FamilyDeskError
from familydesk.kernel.text import hhmm
from familydesk.trust import permissions
from familydesk.ui.appointments.booking_dialog import (
    booked_summary,
    conflict_text,
    open_booking_dialog,
)
from familydesk.ui.appointments.details_dialog import AppointmentDialog
from familydesk.ui.appointments.grid import CalendarGrid
from familydesk.ui.appointments.shown import (
    FIRST_HOUR,
    LAST_HOUR,
    alternatives,
    shown_days,
    shown_minutes,
)
from familydesk.ui.appointments.toolbar import CalendarToolbar, Resource, StatusLegend
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.banner import Banner
from familydesk.ui.widgets.page import Page, PageContext, desk_roles_reason
from familydesk.ui.widgets.printing import print_pdf


class AppointmentsPage(Page):
    #: The calendar (appointments, group sessions, closed times) and its choices.
    shows = frozenset(
        {
            "appointment",
            "appointment_series",
            "group_session",
            "service",
            "staff",
            "place",
            "room",
            "opening_hours",
            "closure",
            "absence",
            "family",
            "person",
        }
    )

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.available = context.may(permissions.APPOINTMENTS)
        self.span: CalendarSpan | None = None
        self.choices: CalendarChoices | None = None
        self._alternatives: dict[str, tuple[AppointmentRow, FreeSlot]] = {}
        self.toolbar = CalendarToolbar()
        self.legend = StatusLegend()
        self.banner = Banner()
        self.grid = CalendarGrid()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.grid)
        self.scroll.viewport().installEventFilter(self)
        self.agenda_button = QPushButton()
        self.agenda_button.setObjectName("printAgenda")
        self.agenda_button.clicked.connect(self.print_agenda)
        self.calls_button = QPushButton()
        self.calls_button.setObjectName("printCalls")
        self.calls_button.clicked.connect(self.print_call_list)
        second_row = QHBoxLayout()
        second_row.addWidget(self.legend, 1)
        second_row.addWidget(self.agenda_button)
        second_row.addWidget(self.calls_button)
        second_row.addWidget(self.toolbar.new_button)
        self.layout_.addWidget(self.toolbar)
        self.layout_.addLayout(second_row)
        self.layout_.addWidget(self.banner)
        self.layout_.addWidget(self.scroll, 1)
        # The how-to line goes under the grid, where it has the page's width.
        self.layout_.addWidget(self.legend.hint)

        self.toolbar.changed.connect(self.reload)
        self.toolbar.new_requested.connect(lambda: self.new_appointment())
        self.grid.move_requested.connect(self.move)
        self.grid.open_requested.connect(self.open_appointment)
        self.grid.empty_activated.connect(lambda start: self.new_appointment(start))
        self.banner.link.connect(self._follow_link)
        for keys, slot in (
            ("Ctrl+N", lambda: self.new_appointment()),
            ("PgUp", lambda: self.toolbar.shift(-1)),
            ("PgDown", lambda: self.toolbar.shift(1)),
            ("Esc", self.banner.clear),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Appointments")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self.grid.fit_to(self.scroll.viewport().height())
        return super().eventFilter(watched, event)

    def unavailable_reason(self) -> str:
        return desk_roles_reason(self)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.toolbar.retranslate_ui()
        self.legend.retranslate_ui()
        self.agenda_button.setText(_("Print the day's agenda"))
        self.agenda_button.setToolTip(
            _(
                "The agenda of the professional shown, for the day shown (in week view: today, or "
                "the first day)."
            )
        )
        self.calls_button.setText(_("Tomorrow's call list"))
        self.calls_button.setToolTip(
            _("Whom to phone to confirm tomorrow's appointments, with their numbers.")
        )
        self.banner.retranslate_ui()
        if self._loaded_once:
            self.load()  # holiday names and weekdays come in the new language

    def focus_search(self) -> None:
        self.grid.setFocus()

    # -- loading -------------------------------------------------------------------
    def load(self) -> None:
        if not self.available:
            return
        self.runner.read(calendar_choices, on_done=self._choices, on_error=self._failed, owner=self)

    def _choices(self, choices: CalendarChoices) -> None:
        self.choices = choices
        staff = [Resource(s.id, s.name) for s in choices.professionals]
        staff += [
            Resource(s.id, _("{name} (interpreter)").format(name=s.name))
            for s in choices.interpreters
        ]
        rooms = [
            Resource(r.id, f"{r.name} — {p.name}")
            for p in choices.places
            for r in p.rooms
            if r.active
        ]
        places = [Resource(p.id, f"{p.name} ({p.comune_name})") for p in choices.places]
        self.toolbar.blockSignals(True)
        for kind, resources in (("staff", staff), ("room", rooms), ("place", places)):
            self.toolbar.set_resources(kind, resources)
        self.toolbar.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Fetch the span the toolbar shows (appointments and closed times)."""
        resource_id = self.toolbar.resource_id
        days = self.toolbar.days()
        if resource_id is None:
            self.span = None
            self.grid.set_data(days, [], [], FIRST_HOUR * 60, LAST_HOUR * 60, self.toolbar.kind_key)
            self.banner.show_message(
                "info",
                [
                    _(
                        "Nothing to show yet: a coordinator adds the professionals, places and "
                        "rooms in Settings."
                    )
                ],
            )
            self.ready.emit()
            return
        self.runner.read(
            calendar_span,
            self.toolbar.kind_key,
            resource_id,
            days[0],
            len(days),
            on_done=self._show,
            on_error=self._failed,
            owner=self,
        )

    def _show(self, span: CalendarSpan) -> None:
        if (span.kind, span.resource_id, span.first_day) != (
            self.toolbar.kind_key,
            self.toolbar.resource_id,
            self.toolbar.days()[0],
        ):
            return  # an older answer
        self.span = span
        days = [span.first_day + timedelta(days=n) for n in range(span.days)]
        first, last = shown_minutes(span)
        self.grid.set_data(
            shown_days(span, days),
            list(span.appointments),
            list(span.closed),
            first,
            last,
            span.kind,
        )
        self.ready.emit()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FamilyDeskError):
            self.banner.show_message("warning", [exc.message])
        else:
            show_error(self, exc)

    # -- printing ------------------------------------------------------------------
    def agenda_day(self) -> date:
        days = self.toolbar.days()
        return clock.today() if clock.today() in days else days[0]

    def print_agenda(self) -> None:
        staff_id = self.toolbar.resource_id
        if self.toolbar.kind_key != "staff" or staff_id is None:
            self.banner.show_message(
                "info", [_("Choose a professional's calendar to print their agenda.")]
            )
            return
        day = self.agenda_day()
        print_pdf(
            self.runner,
            self,
            print_agenda,
            staff_id,
            day,
            kind="agenda",
            key=f"{staff_id}-{day.isoformat()}",
            on_error=self._failed,
        )

    def print_call_list(self) -> None:
        day = clock.today() + timedelta(days=1)
        print_pdf(
            self.runner,
            self,
            print_call_list,
            day,
            kind="calls",
            key=day.isoformat(),
            on_error=self._failed,
        )

    # -- moving --------------------------------------------------------------------
    def move(self, row: AppointmentRow, starts_at: datetime, **changes: object) -> None:
        """Move ``row`` to ``starts_at`` (the grid shows it there until the answer)."""
        self.runner.write(
            booking.move,
            row.id,
            row.version,
            starts_at,
            **changes,
            on_done=lambda moved: self._moved(moved),
            on_error=lambda exc: self._move_refused(row, exc),
            owner=self,
        )

    def _moved(self, row: AppointmentRow) -> None:
        self.banner.show_message(
            "ok",
            [
                _("Moved: {who}, {day} {start}-{end}.").format(
                    who=row.who,
                    day=format_date(row.starts_at.date()),
                    start=hhmm(row.starts_at),
                    end=hhmm(row.ends_at),
                )
            ],
        )
        self.grid.select(row.id)
        self.reload()

    def _move_refused(self, row: AppointmentRow, exc: BaseException) -> None:
        self.grid.snap_back(row.id)
        if not isinstance(exc, FamilyDeskError):
            show_error(self, exc)
            return
        if not isinstance(exc, BookingConflict):
            self.banner.show_message("warning", [exc.message])
            return
        self._alternatives, links = alternatives(row, exc)
        lines = conflict_text(exc).split("\n")
        if links:
            lines.append(_("Next free:"))
        self.banner.show_message("warning", lines, tuple(links))

    def _follow_link(self, href: str) -> None:
        if href in self._alternatives:
            row, slot = self._alternatives.pop(href)
            self.move(
                row,
                slot.starts_at,
                staff_id=slot.staff_id,
                place_id=slot.place_id,
                room_id=slot.room_id,
            )

    # -- opening and booking ----------------------------------------------------------
    def open_appointment(self, row: AppointmentRow) -> AppointmentDialog:
        dialog = AppointmentDialog(self.runner, row, self)
        dialog.changed.connect(lambda _result: self._changed(row))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _changed(self, row: AppointmentRow) -> None:
        self.banner.show_message(
            "ok",
            [
                _("Saved: {who}, {day} {start}.").format(
                    who=row.who, day=format_date(row.starts_at.date()), start=hhmm(row.starts_at)
                )
            ],
        )
        self.reload()

    def new_appointment(self, starts_at: datetime | None = None):  # type: ignore[no-untyped-def]
        """The booking dialog, with the resource shown and ``starts_at`` filled in."""
        key = {"staff": "staff_id", "room": "room_id", "place": "place_id"}[self.toolbar.kind_key]
        prefill: dict[str, object] = {"starts_at": starts_at}
        if self.toolbar.resource_id is not None and not self._is_interpreter(
            self.toolbar.resource_id
        ):
            prefill[key] = self.toolbar.resource_id
        dialog = open_booking_dialog(self, self.context, **prefill)  # type: ignore[arg-type]
        dialog.booked.connect(self._booked)
        self.last_dialog = dialog
        return dialog

    def _is_interpreter(self, staff_id: int) -> bool:
        return (
            self.toolbar.kind_key == "staff"
            and self.choices is not None
            and any(s.id == staff_id for s in self.choices.interpreters)
        )

    def _booked(self, result: object) -> None:
        self.banner.show_message("ok", [booked_summary(result)])
        first = getattr(result, "starts_at", None) or result.booked[0].starts_at  # type: ignore[attr-defined]
        if first.date() not in self.toolbar.days():
            self.toolbar.choose(day=first.date())
        else:
            self.reload()

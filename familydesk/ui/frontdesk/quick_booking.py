"""Quick booking from the front desk: the booking dialog opened with what the desk knows (who
came, the request booked from, the service its need suggests), one request after another, and
a sentence for the page's status line about what was booked (or not)."""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import get_day_names
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from familydesk.appointments.queries import AppointmentRow
from familydesk.appointments.series import SeriesResult
from familydesk.i18n import _, babel_locale, format_date, format_number, ngettext
from familydesk.kernel.text import hhmm
from familydesk.ui.appointments.booking_dialog import BookingDialog, open_booking_dialog
from familydesk.ui.widgets.page import PageContext

BOOK_KEY = "F10"


@dataclass(frozen=True)
class BookingAsk:
    """What the booking dialog is opened with."""

    family_id: int | None
    person_id: int | None
    request_id: int | None = None
    service_key: str | None = None


def booked_text(result: object) -> str:
    """ "Appointment booked: Tuesday 14/07/2026 10:00 with Dott.ssa Rinaldi." (a series: how
    many, from the first one). The weekday as written mid-sentence (Italian: "martedì")."""
    rows: tuple[AppointmentRow, ...] = (
        result.booked if isinstance(result, SeriesResult) else (result,)  # type: ignore[assignment]
    )
    first = rows[0]
    weekday = get_day_names("wide", locale=babel_locale())[first.starts_at.weekday()]
    values = dict(
        day=f"{weekday} {format_date(first.starts_at.date())}",
        time=hhmm(first.starts_at),
        professional=first.staff,
        n=format_number(len(rows)),
    )
    if len(rows) == 1:
        return _("Appointment booked: {day} {time} with {professional}.").format(**values)
    return ngettext(
        "{n} appointment booked, from {day} {time} with {professional}.",
        "{n} appointments booked, from {day} {time} with {professional}.",
        len(rows),
    ).format(**values)


class QuickBooking(QObject):
    """Opens the booking dialog for each :class:`BookingAsk` in turn (window-modal, never
    blocking); ``finished(list[str])`` with a sentence per ask once the last dialog closes.
    ``dialog`` is the one open now (None between dialogs)."""

    finished = Signal(object)

    def __init__(self, parent: QWidget, context: PageContext) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.context = context
        self.dialog: BookingDialog | None = None
        self._asks: list[BookingAsk] = []
        self._said: list[str] = []
        self._booked: object = None
        self._not_booked = ""

    @property
    def busy(self) -> bool:
        return self.dialog is not None

    def start(self, asks: list[BookingAsk], not_booked: str) -> None:
        """Book ``asks`` one after the other; ``not_booked`` is said for a cancelled one."""
        if self.busy or not asks:
            return
        self._asks, self._said, self._not_booked = list(asks), [], not_booked
        self._next()

    def _next(self) -> None:
        if not self._asks:
            self.finished.emit(self._said)
            return
        ask = self._asks.pop(0)
        self._booked = None
        self.dialog = open_booking_dialog(
            self.parent_widget,
            self.context,
            family_id=ask.family_id,
            person_id=ask.person_id,
            request_id=ask.request_id,
            service_key=ask.service_key,
        )
        self.dialog.booked.connect(self._on_booked)
        self.dialog.finished.connect(self._closed)

    def _on_booked(self, result: object) -> None:
        self._booked = result

    def _closed(self, _code: int) -> None:
        self.dialog = None
        self._said.append(
            booked_text(self._booked) if self._booked is not None else self._not_booked
        )
        self._next()

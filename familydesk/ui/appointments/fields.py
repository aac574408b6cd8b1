"""Small inputs of the appointment dialogs: a time typed as 10:30, read with a date."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import QLineEdit, QWidget

from familydesk.appointments.resources import parse_clock
from familydesk.i18n import _
from familydesk.kernel.text import hhmm
from familydesk.ui.widgets.fields import DateField


class TimeField(QLineEdit):
    """A time typed as hh:mm."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(5)
        self.setMaximumWidth(70)
        self.setPlaceholderText("hh:mm")

    def value(self) -> time:
        """The time; ``ValueError`` (translated) when unreadable."""
        return parse_clock(self.text())

    def set_value(self, value: time | datetime) -> None:
        self.setText(hhmm(value))


def read_moment(day_field: DateField, time_field: TimeField) -> datetime:
    """The date and time typed in two fields; ``ValueError`` says which is wrong."""
    try:
        day = day_field.value()
    except ValueError as exc:  # named as the label says: "Date and time"
        raise ValueError(_("Date and time: {detail}").format(detail=exc)) from None
    if day is None:
        raise ValueError(_("Date and time: write the day as dd/mm/yyyy."))
    try:
        return datetime.combine(day, time_field.value())
    except ValueError as exc:
        raise ValueError(_("Date and time: {detail}").format(detail=exc)) from None

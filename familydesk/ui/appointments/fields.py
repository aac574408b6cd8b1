"""Small inputs of the appointment dialogs: a time typed as 10:30, a sentence banner."""

from __future__ import annotations

import re
from datetime import datetime, time

from PySide6.QtWidgets import QLineEdit, QWidget

from familydesk.appointments.calendar_rules import hhmm
from familydesk.i18n import _
from familydesk.ui.widgets import DateField

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.,h ]?(\d{2}))?\s*$")


def parse_time(text: str) -> time:
    """``10:30``, ``10.30``, ``1030`` or ``10`` -> 10:30 / 10:00; ``ValueError`` (translated)."""
    match = _TIME.match(text)
    try:
        if match is None:
            raise ValueError
        return time(int(match.group(1)), int(match.group(2) or 0))
    except ValueError:
        raise ValueError(
            _("“{text}” is not a time: write it as hh:mm, for example 09:30.").format(text=text)
        ) from None


class TimeField(QLineEdit):
    """A time typed as hh:mm."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(5)
        self.setMaximumWidth(70)
        self.setPlaceholderText("hh:mm")

    def value(self) -> time:
        return parse_time(self.text())

    def set_value(self, value: time | datetime) -> None:
        self.setText(hhmm(value))


def read_moment(day_field: DateField, time_field: TimeField) -> datetime:
    """The date and time typed in two fields; ``ValueError`` says which is wrong."""
    day = day_field.value()
    if day is None:
        raise ValueError(_("Date: write the day as dd/mm/yyyy."))
    return datetime.combine(day, time_field.value())

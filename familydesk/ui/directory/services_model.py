"""The Services page's list: its columns, the mark on entries due for a check, and the words
the list and the detail share (languages by name, ages, the last check)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from familydesk.directory.records import ServiceRow
from familydesk.i18n import _, format_date, format_number, language_name, ngettext
from familydesk.ui.widgets.table_model import Column, Index, RowsTableModel

#: The mark of an entry not checked for 12 months (list and detail).
REVIEW_MARK = "⚠"
_REVIEW_COLOUR = QColor("#8a4b00")


def languages_text(codes: tuple[str, ...]) -> str:
    """ "italiano, arabo" for ("it", "ar"), in the interface language."""
    return ", ".join(language_name(code) for code in codes)


def ages_text(row: ServiceRow) -> str:
    """ "0-3 anni", "da 18 anni", "fino a 5 anni" (empty: any age), with plural forms."""
    low, high = row.age_min, row.age_max
    if low is not None and high is not None:
        if low == high:
            return ngettext("{n} year", "{n} years", low).format(n=format_number(low))
        return ngettext("{low}-{high} year", "{low}-{high} years", high).format(
            low=format_number(low), high=format_number(high)
        )
    if low is not None:
        return ngettext("from {n} year", "from {n} years", low).format(n=format_number(low))
    if high is not None:
        return ngettext("up to {n} year", "up to {n} years", high).format(n=format_number(high))
    return ""


def checked_text(row: ServiceRow, today: date) -> str:
    """The day of the last check, marked when it is due for review."""
    day = format_date(row.checked_on) if row.checked_on else _("never")
    return f"{REVIEW_MARK} {day}" if row.needs_review(today) else day


def where_text(row: ServiceRow) -> str:
    """The comune, or "whole area" for a service of every comune of the consortium."""
    if row.whole_area:
        return (
            _("{comune} (whole area)").format(comune=row.place_comune)
            if row.place_comune
            else (_("whole area"))
        )
    return row.place_comune


def service_columns(today: Callable[[], date]) -> list[Column]:
    return [
        Column(lambda: _("Service"), lambda s: s.name),
        Column(lambda: _("Organisation"), lambda s: s.organisation.name),
        Column(lambda: _("Comune"), where_text),
        Column(lambda: _("Needs"), lambda s: ", ".join(s.need_names)),
        Column(lambda: _("Phone"), lambda s: s.reach_phone),
        Column(lambda: _("How to get in"), lambda s: s.access_words),
        Column(lambda: _("Last checked"), lambda s: checked_text(s, today())),
    ]


#: The "Last checked" column.
CHECKED_COLUMN = 6


class ServicesModel(RowsTableModel):
    """The services shown; those due for review in a warning colour, saying why."""

    def __init__(self, today: Callable[[], date], parent: Any = None) -> None:
        super().__init__(service_columns(today), parent, tooltips=True)
        self.today = today

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            row: ServiceRow = self.row_at(index.row())
            due = row.needs_review(self.today())
            if role == Qt.ItemDataRole.ForegroundRole:
                return _REVIEW_COLOUR if due and index.column() == CHECKED_COLUMN else None
            if due and index.column() == CHECKED_COLUMN:
                return _("Not checked for 12 months: to review")
        return super().data(index, role)

    def rows(self) -> list[ServiceRow]:
        return [self.row_at(r) for r in range(self.rowCount())]

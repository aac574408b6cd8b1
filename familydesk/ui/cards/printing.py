"""The family card's printouts from the pages: the card, its cover letter, next month's
renewal letters and the partner directory booklet.

``familydesk.cards.printouts`` writes the PDFs (audited there); ``ui.printing.print_pdf``
runs it off the window's thread and opens the file. It is imported when something is first
printed: it brings ReportLab (~130 ms to import, its QR code widget and PIL), which the
pages that offer printing do not need to open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from types import ModuleType

from PySide6.QtWidgets import QWidget

from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.printing import print_pdf

Failed = Callable[[BaseException], None]


def _printouts() -> ModuleType:
    from familydesk.cards import printouts  # ReportLab: see the module's docstring

    return printouts


def print_card(runner: Runner, owner: QWidget, number: str, on_error: Failed) -> None:
    """The card itself, an ID-1 page for a card printer."""
    print_pdf(
        runner, owner, _printouts().print_card, number, kind="card", key=number, on_error=on_error
    )


def print_cover_letter(runner: Runner, owner: QWidget, number: str, on_error: Failed) -> None:
    print_pdf(
        runner,
        owner,
        _printouts().print_cover_letter,
        number,
        kind="card-letter",
        key=number,
        on_error=on_error,
    )


def print_renewal_letters(
    runner: Runner, owner: QWidget, month_start: date, on_error: Failed
) -> None:
    """A letter for every active card expiring in the month of ``month_start``."""
    print_pdf(
        runner,
        owner,
        _printouts().print_renewal_letters,
        month_start,
        kind="card-renewals",
        key=month_start.strftime("%Y-%m"),
        on_error=on_error,
    )


def print_partner_booklet(runner: Runner, owner: QWidget, on_error: Failed) -> None:
    print_pdf(
        runner,
        owner,
        _printouts().print_partner_booklet,
        kind="partner-booklet",
        key="all",
        on_error=on_error,
    )

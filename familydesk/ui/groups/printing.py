"""The groups' printouts from the page: signature sheet, certificates, enrolment form, summary.

``familydesk.groups.printouts`` writes the PDFs (audited there); ``ui.printing.print_pdf``
runs it off the window's thread and opens the file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from familydesk.groups import printouts
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.printing import print_pdf

Failed = Callable[[BaseException], None]


def print_signatures(
    runner: Runner, owner: QWidget, group_id: int, number: int, on_error: Failed
) -> None:
    print_pdf(
        runner,
        owner,
        printouts.print_signatures,
        group_id,
        number,
        kind="group-signatures",
        key=f"{group_id}-{number}",
        on_error=on_error,
    )


def print_certificates(runner: Runner, owner: QWidget, group_id: int, on_error: Failed) -> None:
    """Every certificate of the group in one PDF, a page per participant who completed."""
    print_pdf(
        runner,
        owner,
        printouts.print_certificates,
        group_id,
        kind="group-certificates",
        key=group_id,
        on_error=on_error,
    )


def print_enrolment_form(
    runner: Runner, owner: QWidget, enrolment_id: int, on_error: Failed
) -> None:
    print_pdf(
        runner,
        owner,
        printouts.print_enrolment_form,
        enrolment_id,
        kind="group-enrolment",
        key=enrolment_id,
        on_error=on_error,
    )


def print_summary(runner: Runner, owner: QWidget, group_id: int, on_error: Failed) -> None:
    print_pdf(
        runner,
        owner,
        printouts.print_summary,
        group_id,
        kind="group-summary",
        key=group_id,
        on_error=on_error,
    )

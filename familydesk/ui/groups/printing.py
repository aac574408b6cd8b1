"""The groups' printouts (signature sheet, certificate, enrolment form, summary) from the page.

``familydesk.groups.printouts`` writes the PDFs; until it is installed the print buttons are
greyed out with a tooltip that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from PySide6.QtWidgets import QWidget

from familydesk.i18n import _
from familydesk.ui.printing import print_pdf
from familydesk.ui.runner import Runner

Failed = Callable[[BaseException], None]


def printouts() -> ModuleType | None:
    try:
        from familydesk.groups import printouts as module
    except ImportError:
        return None
    return module


def available() -> bool:
    return printouts() is not None


def unavailable_reason() -> str:
    return "" if available() else _("Printing for groups is not installed yet.")


def print_signatures(runner: Runner, owner: QWidget, group_id: int, number: int, on_error: Failed) -> None:  # fmt: skip
    module = printouts()
    if module is not None:
        print_pdf(runner, owner, module.print_signatures, group_id, number,
                  kind="group-signatures", key=f"{group_id}-{number}", on_error=on_error)  # fmt: skip


def print_certificate(runner: Runner, owner: QWidget, group_id: int, person_id: int, on_error: Failed) -> None:  # fmt: skip
    module = printouts()
    if module is not None:
        print_pdf(runner, owner, module.print_certificate, group_id, person_id,
                  kind="group-certificate", key=f"{group_id}-{person_id}", on_error=on_error)  # fmt: skip


def print_enrolment_form(runner: Runner, owner: QWidget, enrolment_id: int, on_error: Failed) -> None:  # fmt: skip
    module = printouts()
    if module is not None:
        print_pdf(runner, owner, module.print_enrolment_form, enrolment_id,
                  kind="group-enrolment", key=enrolment_id, on_error=on_error)  # fmt: skip


def print_summary(runner: Runner, owner: QWidget, group_id: int, on_error: Failed) -> None:
    module = printouts()
    if module is not None:
        print_pdf(runner, owner, module.print_summary, group_id,
                  kind="group-summary", key=group_id, on_error=on_error)  # fmt: skip

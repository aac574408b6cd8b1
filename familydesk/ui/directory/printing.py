"""The guide to the services from the pages (Settings, the directory): the whole guide, or
the one-page list for one need and/or one comune.

``familydesk.directory.printouts`` writes the PDF (audited there); ``print_pdf`` runs it
off the window's thread and opens the file; a refusal (an unknown need or comune, nothing
to print) is shown to the operator as a sentence. The printouts module is imported when
something is first printed: it brings ReportLab, which the pages do not need to open.
"""

from __future__ import annotations

import re
from functools import partial

from PySide6.QtWidgets import QWidget

from familydesk.kernel.text import fold
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.printing import print_pdf


def guide_key(need_key: str | None, comune: str | None) -> str:
    """The printout's file name part: ``all``, ``pregnancy_newborns``,
    ``pregnancy_newborns-pegognaga`` (a comune's name folded, its words joined by dashes)."""
    parts = [need_key or "", "-".join(re.findall(r"[a-z0-9]+", fold(comune or "")))]
    return "-".join(part for part in parts if part) or "all"


def print_guide(page: QWidget, runner: Runner, need_key: str | None, comune: str | None) -> None:
    """Print the guide (``need_key`` and ``comune`` None) or the list for them, open it."""
    from familydesk.directory.printouts import print_guide as service

    print_pdf(
        runner,
        page,
        partial(service, need_key=need_key or None, comune=comune or None),
        kind="services-guide",
        key=guide_key(need_key, comune),
    )

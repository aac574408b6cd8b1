"""The referral slip of a contact from the desk and the family page: where the family was
sent, with the services' addresses, hours and what to bring.

``familydesk.directory.printouts`` writes the PDF (audited there, by the contact's uid);
``print_pdf`` runs it off the window's thread and opens the file; a contact without a
referral is refused with a sentence. The printouts module (ReportLab) is imported when a
slip is first printed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.printing import print_pdf


def print_referral(parent: QWidget, runner: Runner, contact_uid: str) -> None:
    """Print the referral slip of the contact ``contact_uid`` and open it."""
    from familydesk.directory.printouts import print_referral as service

    print_pdf(runner, parent, service, contact_uid, kind="referral", key=contact_uid)

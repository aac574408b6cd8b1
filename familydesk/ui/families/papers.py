"""The family's papers: the intake sheet and the privacy notice printed, and a member's
privacy rights (the copy of their data, art. 15; a request to be erased, art. 17), asked
for from the family detail (``familydesk.ui.families.detail``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from familydesk.i18n import _
from familydesk.registry import MemberDetail
from familydesk.ui.shell.runner import Runner
from familydesk.ui.widgets.printing import open_pdf, printout_path, show_print_failed


def print_form(runner: Runner, parent: QWidget, kind: str, record_id: int, language: str) -> None:
    """Print the ``intake`` sheet of family ``record_id`` or the ``privacy`` notice of member
    ``record_id`` in ``language``: written (and audited) through the runner, then
    opened in the PDF viewer."""
    from familydesk.registry import printouts as forms

    render = forms.render_intake if kind == "intake" else forms.render_privacy
    runner.write(
        render,
        record_id,
        language,
        on_done=lambda pdf: _open_pdf(parent, kind, record_id, pdf),
        owner=parent,
    )


def _open_pdf(parent: QWidget, kind: str, record_id: int, pdf: bytes) -> None:
    path = printout_path(kind, record_id)
    try:
        path.write_bytes(pdf)
    except OSError as exc:
        show_print_failed(parent, exc, path)
        return
    open_pdf(path, parent)


def request_erasure(runner: Runner, parent: QWidget, member: MemberDetail) -> QWidget:
    """The dialog that records ``member``'s request to be erased (opened; returned)."""
    from familydesk.ui.privacy.erasure_tab import RecordRequestDialog

    dialog = RecordRequestDialog(runner, member.id, parent)
    dialog.open()
    return dialog


def export_personal_data(
    runner: Runner, parent: QWidget, member: MemberDetail, language: str
) -> None:
    """Ask for a folder, then write ``member``'s data there (JSON and PDF) and name the files."""
    from familydesk.privacy.access import write_access_export

    folder = QFileDialog.getExistingDirectory(
        parent,
        _("Choose a folder for the copy of the personal data of {name}").format(
            name=member.full_name
        ),
    )
    if not folder:
        return
    runner.write(
        write_access_export,
        member.id,
        Path(folder),
        language,
        on_done=lambda files: _exported(parent, files),
        owner=parent,
    )


def _exported(parent: QWidget, files: list[Path]) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("Personal data exported"),
        _("The copy of the personal data (art. 15) is in these files:\n{files}").format(
            files="\n".join(str(path) for path in files)
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.exec()

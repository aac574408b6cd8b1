"""``familydesk print intake|privacy``: the registry's printed forms, written to PDF files.

``--family``/``--person`` take a uid or a member's tax code. The form speaks
``--form-lang`` (default: the interface language). ReportLab is imported only
when a form is printed: every command line builds all parsers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from familydesk import i18n
from familydesk.errors import FamilyDeskError
from familydesk.i18n import _


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "print", help=_("print a form of the family registry to a PDF file")
    )
    forms = parser.add_subparsers(dest="form", metavar=_("FORM"), required=True,
                                  parser_class=type(parser))  # fmt: skip
    intake = forms.add_parser("intake", help=_("the intake sheet of a family"))
    intake.add_argument(
        "--family", required=True, metavar=_("ID"),
        help=_("the family's uid, or the uid or tax code of one of its members"),
    )  # fmt: skip
    intake.set_defaults(handler=run_intake)
    privacy = forms.add_parser("privacy", help=_("the privacy notice of one person, to sign"))
    privacy.add_argument("--person", required=True, metavar=_("ID"),
                         help=_("the person's uid or tax code"))  # fmt: skip
    privacy.set_defaults(handler=run_privacy)
    for sub in (intake, privacy):
        sub.add_argument("--out", required=True, metavar=_("FILE.pdf"),
                         help=_("the PDF file to write (replaced if it exists)"))  # fmt: skip
        sub.add_argument("--form-lang", choices=sorted(i18n.LANGUAGES), default=None,
                         help=_("language of the form (default: the interface language)"))  # fmt: skip
        add_common(sub)
    add_common(parser)


def run_intake(args: argparse.Namespace) -> int:
    from familydesk.forms import render_intake
    from familydesk.registry import family_id_for

    def work(session):  # type: ignore[no-untyped-def]
        return render_intake(session, family_id_for(session, args.family), _form_language(args))

    path = write_pdf(Path(args.out), _render(args, work))
    print(_("Intake sheet written to {path}").format(path=path))
    return 0


def run_privacy(args: argparse.Namespace) -> int:
    from familydesk.forms import render_privacy
    from familydesk.registry import person_id_for

    def work(session):  # type: ignore[no-untyped-def]
        return render_privacy(session, person_id_for(session, args.person), _form_language(args))

    path = write_pdf(Path(args.out), _render(args, work))
    print(_("Privacy notice written to {path}").format(path=path))
    return 0


def _form_language(args: argparse.Namespace) -> str:
    return args.form_lang or i18n.current_language()


def _render(args: argparse.Namespace, work: Callable) -> bytes:  # type: ignore[type-arg]
    from familydesk import permissions
    from familydesk.cli import open_database

    database = open_database(args, permissions.PRINT)
    try:
        return database.write(work)
    finally:
        database.dispose()


def write_pdf(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (a temporary file, then a rename).

    A reader never sees half a PDF, and a failure leaves any old file as it was.
    Raises ``FamilyDeskError`` naming the file when it cannot be written.
    """
    path = path.expanduser().absolute()
    if path.is_dir():
        raise FamilyDeskError(_("{path} is a folder: give the name of the PDF file to write.")
                              .format(path=path))  # fmt: skip
    if not path.parent.is_dir():
        raise FamilyDeskError(_("The folder {folder} does not exist: choose another place for "
                                "the PDF file.").format(folder=path.parent))  # fmt: skip
    temporary = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".part", delete=False) as fh:  # fmt: skip
            temporary = Path(fh.name)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise FamilyDeskError(_("Could not write {path}: {reason}.").format(
            path=path, reason=exc.strerror or exc)) from None  # fmt: skip
    return path

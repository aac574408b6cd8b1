"""``familydesk print intake|privacy|slip|agenda|calls``: printed forms, written to PDF files
(and, from ``commands.group_outputs``, ``signatures|certificate|certificates|enrolment|attendance``;
from ``commands.card_printing``, ``card|card-letter|renewals``; from
``commands.directory_printing``, ``guide|referral``).

``--family``/``--person`` take a uid or a member's tax code, ``--appointment``
the uid printed on the slip, ``--staff`` a professional's or interpreter's name
(any case, accents optional, a part is enough when it fits one person only).
The form speaks ``--form-lang`` (default: the interface language). ReportLab
is imported only when a form is printed: every command line builds all parsers.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from familydesk import i18n
from familydesk.commands.card_printing import card_forms
from familydesk.commands.common import iso_date, run_write
from familydesk.commands.directory_printing import directory_forms
from familydesk.commands.group_outputs import group_forms
from familydesk.i18n import _, format_number, ngettext


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "print", help=_("print a form or an appointment list to a PDF file")
    )
    forms = parser.add_subparsers(
        dest="form", metavar=_("FORM"), required=True, parser_class=type(parser)
    )
    intake = forms.add_parser("intake", help=_("the intake sheet of a family"))
    intake.add_argument(
        "--family",
        required=True,
        metavar=_("ID"),
        help=_("the family's uid, or the uid or tax code of one of its members"),
    )
    intake.set_defaults(handler=run_intake)
    privacy = forms.add_parser("privacy", help=_("the privacy notice of one person, to sign"))
    privacy.add_argument(
        "--person", required=True, metavar=_("ID"), help=_("the person's uid or tax code")
    )
    privacy.set_defaults(handler=run_privacy)
    for sub in (
        intake,
        privacy,
        *_appointment_forms(forms),
        *group_forms(forms),
        *card_forms(forms),
        *directory_forms(forms),
    ):
        sub.add_argument(
            "--out",
            required=True,
            metavar=_("FILE.pdf"),
            help=_("the PDF file to write (replaced if it exists)"),
        )
        sub.add_argument(
            "--form-lang",
            choices=sorted(i18n.LANGUAGES),
            default=None,
            help=_("language of the form (default: the interface language)"),
        )
        add_common(sub)
    add_common(parser)


def _appointment_forms(forms: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    slip = forms.add_parser("slip", help=_("the appointment reminder to give to the family"))
    slip.add_argument(
        "--appointment",
        required=True,
        metavar=_("UID"),
        help=_("the appointment's code (printed at the bottom of the slip)"),
    )
    slip.set_defaults(handler=run_slip)
    agenda = forms.add_parser("agenda", help=_("a professional's appointments of one day"))
    agenda.add_argument(
        "--staff",
        required=True,
        metavar=_("NAME"),
        help=_("the professional's or interpreter's name, or part of it"),
    )
    agenda.add_argument(
        "--date", required=True, type=iso_date, metavar=_("YYYY-MM-DD"), help=_("the day")
    )
    agenda.set_defaults(handler=run_agenda)
    calls = forms.add_parser(
        "calls", help=_("the families to call to confirm a day's appointments")
    )
    calls.add_argument(
        "--date",
        type=iso_date,
        default=None,
        metavar=_("YYYY-MM-DD"),
        help=_("the day of the appointments (default: tomorrow)"),
    )
    calls.set_defaults(handler=run_calls)
    return [slip, agenda, calls]


def run_intake(args: argparse.Namespace) -> int:
    from familydesk.registry import family_id_for
    from familydesk.registry.printouts import render_intake

    def work(session):  # type: ignore[no-untyped-def]
        return render_intake(session, family_id_for(session, args.family), _form_language(args))

    path = write_pdf(Path(args.out), _render(args, work))
    print(_("Intake sheet written to {path}").format(path=path))
    return 0


def run_privacy(args: argparse.Namespace) -> int:
    from familydesk.registry import person_id_for
    from familydesk.registry.printouts import render_privacy

    def work(session):  # type: ignore[no-untyped-def]
        return render_privacy(session, person_id_for(session, args.person), _form_language(args))

    path = write_pdf(Path(args.out), _render(args, work))
    print(_("Privacy notice written to {path}").format(path=path))
    return 0


def run_slip(args: argparse.Namespace) -> int:
    from familydesk.appointments.printouts import print_slip

    def work(session):  # type: ignore[no-untyped-def]
        return print_slip(session, args.appointment, Path(args.out), _form_language(args))

    printed = _render(args, work)
    print(_("Appointment reminder written to {path}").format(path=printed.path))
    return 0


def run_agenda(args: argparse.Namespace) -> int:
    from familydesk.appointments.lookup import staff_by_name
    from familydesk.appointments.printouts import print_agenda

    def work(session):  # type: ignore[no-untyped-def]
        staff = staff_by_name(session, args.staff)
        return print_agenda(session, staff.id, args.date, Path(args.out), _form_language(args))

    return _list_written(_render(args, work), _("Day agenda"))


def run_calls(args: argparse.Namespace) -> int:
    from familydesk.appointments.printouts import print_call_list
    from familydesk.scheduling.calendar_rules import local_now

    day = args.date or local_now().date() + timedelta(days=1)

    def work(session):  # type: ignore[no-untyped-def]
        return print_call_list(session, day, Path(args.out), _form_language(args))

    return _list_written(_render(args, work), _("Call list"))


def _list_written(printed: Any, form: str) -> int:
    print(
        ngettext(
            "File written: {path} ({form}, {count} appointment)",
            "File written: {path} ({form}, {count} appointments)",
            printed.appointments,
        ).format(path=printed.path, form=form, count=format_number(printed.appointments))
    )
    return 0


def _form_language(args: argparse.Namespace) -> str:
    return args.form_lang or i18n.current_language()


def _render(args: argparse.Namespace, work: Callable) -> Any:  # type: ignore[type-arg]
    from familydesk.trust import permissions

    return run_write(args, permissions.PRINT, work)


def write_pdf(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see
    :func:`familydesk.kernel.files.write_atomically`)."""
    from familydesk.kernel.files import write_atomically

    return write_atomically(path, data)

"""Papers and exports of parenting groups, added under ``familydesk print`` and ``export``.

``print signatures|certificate|certificates|enrolment|attendance`` and
``export attendance|groups``. ``--group`` takes the group's uid (as exports
print it), ``--person`` a person's uid or tax code, ``--session`` the session's
number as printed (1 = the first). ReportLab is imported only when printing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from familydesk.commands.common import add_output, add_period, run_export, run_write
from familydesk.i18n import _, ngettext

FORMATS = ("csv", "json")


def _group(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--group",
        required=True,
        metavar=_("UID"),
        help=_("the group's code (uid), as shown in the exports"),
    )


def _person(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--person", required=True, metavar=_("ID"), help=_("the person's uid or tax code")
    )


def group_forms(forms: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    """The group forms of ``familydesk print`` (``--out`` and the rest are added by it)."""
    signatures = forms.add_parser("signatures", help=_("the signature sheet of a group session"))
    _group(signatures)
    signatures.add_argument(
        "--session",
        required=True,
        type=int,
        metavar=_("N"),
        help=_("the session's number (1 = the first)"),
    )
    signatures.set_defaults(handler=run_signatures)
    certificate = forms.add_parser(
        "certificate", help=_("the certificate of attendance of one participant")
    )
    _group(certificate)
    _person(certificate)
    certificate.set_defaults(handler=run_certificate)
    certificates = forms.add_parser(
        "certificates", help=_("the certificates of everyone who completed a group, one PDF")
    )
    _group(certificates)
    certificates.set_defaults(handler=run_certificates)
    enrolment = forms.add_parser("enrolment", help=_("the enrolment form of one participant"))
    _group(enrolment)
    _person(enrolment)
    enrolment.set_defaults(handler=run_enrolment)
    attendance = forms.add_parser("attendance", help=_("the attendance summary of a group"))
    _group(attendance)
    attendance.set_defaults(handler=run_attendance_summary)
    return [signatures, certificate, certificates, enrolment, attendance]


def _print(args: argparse.Namespace, work: Callable, done: str) -> int:  # type: ignore[type-arg]
    from familydesk.groups.catalog import group_id_by_uid
    from familydesk.trust import permissions

    language = args.form_lang
    path = run_write(
        args,
        permissions.PRINT,
        lambda session: work(
            session, group_id_by_uid(session, args.group), Path(args.out), language
        ),
    )
    print(done.format(path=path))
    return 0


def run_signatures(args: argparse.Namespace) -> int:
    from familydesk.groups.printouts import print_signatures

    return _print(
        args,
        lambda s, g, out, lang: print_signatures(s, g, args.session, out, lang),
        _("Signature sheet written to {path}"),
    )


def run_certificate(args: argparse.Namespace) -> int:
    from familydesk.groups.printouts import print_certificate
    from familydesk.registry import person_id_for

    def work(session, group_id, out, language):  # type: ignore[no-untyped-def]
        return print_certificate(
            session, group_id, person_id_for(session, args.person), out, language
        )

    return _print(args, work, _("Certificate of attendance written to {path}"))


def run_certificates(args: argparse.Namespace) -> int:
    from familydesk.groups.printouts import print_certificates

    return _print(args, print_certificates, _("Certificates of attendance written to {path}"))


def run_enrolment(args: argparse.Namespace) -> int:
    from familydesk.groups.printouts import enrolment_of, print_enrolment_form
    from familydesk.registry import person_id_for

    def work(session, group_id, out, language):  # type: ignore[no-untyped-def]
        enrolment_id = enrolment_of(session, group_id, person_id_for(session, args.person))
        return print_enrolment_form(session, enrolment_id, out, language)

    return _print(args, work, _("Enrolment form written to {path}"))


def run_attendance_summary(args: argparse.Namespace) -> int:
    from familydesk.groups.printouts import print_summary

    return _print(args, print_summary, _("Attendance summary written to {path}"))


def add_group_exports(what: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    """``export attendance --group UID`` and ``export groups --from D --to D``."""
    attendance = what.add_parser(
        "attendance", help=_("a group's attendance, one row per person and session (no names)")
    )
    _group(attendance)
    attendance.set_defaults(handler=run_export_attendance)
    groups = what.add_parser("groups", help=_("the figures of every group that met in a period"))
    add_period(groups)
    groups.set_defaults(handler=run_export_groups)
    for sub in (attendance, groups):
        add_output(sub, FORMATS, add_common)


def run_export_attendance(args: argparse.Namespace) -> int:
    from familydesk.groups.catalog import group_id_by_uid
    from familydesk.groups.export import export_attendance

    def work(session, fmt, out):  # type: ignore[no-untyped-def]
        return export_attendance(
            session, group_id_by_uid(session, args.group), fmt, out, sys.stdout
        )

    return run_export(
        args,
        work,
        lambda n: ngettext(
            "{count} attendance row exported.", "{count} attendance rows exported.", n
        ),
    )


def run_export_groups(args: argparse.Namespace) -> int:
    from familydesk.groups.export import export_groups

    def work(session, fmt, out):  # type: ignore[no-untyped-def]
        return export_groups(session, args.first, args.last, fmt, out, sys.stdout)

    return run_export(
        args, work, lambda n: ngettext("{count} group exported.", "{count} groups exported.", n)
    )

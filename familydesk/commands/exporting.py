"""``familydesk export appointments|contacts``: a period's appointments or walk-in requests
(and, from ``commands.group_outputs``, ``export attendance|groups``; from
``commands.cards``, ``export cards|redemptions``).

Added under ``familydesk export`` (see ``commands.transfer``). ``--from`` and
``--to`` are whole days, both included. The format comes from ``--format``,
else from the ``--out`` extension, else it is the first of the choices. Without
``--out`` the export goes to the terminal and the count to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from familydesk.commands.cards import add_card_exports
from familydesk.commands.common import add_output, add_period, export_options, report, run_write
from familydesk.commands.group_outputs import add_group_exports
from familydesk.i18n import _, format_number, ngettext

APPOINTMENT_FORMATS = ("ics", "csv", "json")
CONTACT_FORMATS = ("csv", "json")


def add_export_commands(what: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    appointments = what.add_parser(
        "appointments", help=_("a period's appointments as a calendar (ics), CSV or JSON")
    )
    appointments.add_argument(
        "--staff",
        metavar=_("NAME"),
        help=_("only this professional's or interpreter's appointments"),
    )
    appointments.set_defaults(handler=run_appointments, formats=APPOINTMENT_FORMATS)
    add_group_exports(what, add_common)
    add_card_exports(what, add_common)
    contacts = what.add_parser(
        "contacts", help=_("a period's walk-in requests, one row each (families by uid only)")
    )
    contacts.set_defaults(handler=run_contacts, formats=CONTACT_FORMATS)
    for sub, formats in ((appointments, APPOINTMENT_FORMATS), (contacts, CONTACT_FORMATS)):
        add_period(sub)
        add_output(sub, formats, add_common)


def _run(args: argparse.Namespace, work: Callable) -> Any:  # type: ignore[type-arg]
    from familydesk.trust import permissions

    return run_write(args, permissions.EXPORT, work)


def run_appointments(args: argparse.Namespace) -> int:
    from familydesk.appointments.export import export_appointments
    from familydesk.appointments.lookup import staff_by_name

    fmt, out = export_options(args)

    def work(session):  # type: ignore[no-untyped-def]
        staff_id = staff_by_name(session, args.staff).id if args.staff else None
        return export_appointments(
            session, args.first, args.last, fmt, out, sys.stdout, staff_id=staff_id
        )

    exported = _run(args, work)
    message = ngettext(
        "{count} appointment exported.", "{count} appointments exported.", exported.count
    ).format(count=format_number(exported.count))
    return report(message, exported.path)


def run_contacts(args: argparse.Namespace) -> int:
    from familydesk.frontdesk.export import export_contacts

    fmt, out = export_options(args)
    exported = _run(
        args, lambda session: export_contacts(session, args.first, args.last, fmt, out, sys.stdout)
    )
    message = ngettext(
        "{count} request exported.", "{count} requests exported.", exported.count
    ).format(count=format_number(exported.count))
    return report(message, exported.path)

"""``familydesk operator add NAME --role ROLE | list | disable NAME | enable NAME``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from contextlib import nullcontext

from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _
from familydesk.trust.acting import FIRST_ADMIN, as_system


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    from familydesk.trust.operators import ROLES

    parser = commands.add_parser("operator", help=_("manage the operators who sign in (admins)"))
    actions = parser.add_subparsers(dest="operator_action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_("create an operator (the first one must be an admin)"))
    add.add_argument("name", metavar=_("NAME"))
    add.add_argument(
        "--role", required=True, choices=list(ROLES), help=_("what the operator may do")
    )
    add.add_argument("--full-name", default="", help=_("name and surname, for the audit trail"))
    listing = actions.add_parser("list", help=_("list the operators"))
    disable = actions.add_parser("disable", help=_("stop an operator from signing in"))
    enable = actions.add_parser("enable", help=_("let a disabled or locked operator sign in again"))
    for sub in (disable, enable):
        sub.add_argument("name", metavar=_("NAME"))
    for sub in (add, listing, disable, enable):
        add_common(sub)
        sub.set_defaults(handler=run)


def new_password(name: str, bootstrap: bool) -> str:
    """FAMILYDESK_NEW_PASSWORD (or FAMILYDESK_PASSWORD for the first admin), else asked twice."""
    import getpass

    for variable in ("FAMILYDESK_NEW_PASSWORD", "FAMILYDESK_PASSWORD")[: 2 if bootstrap else 1]:
        if os.environ.get(variable):
            return os.environ[variable]
    if not sys.stdin.isatty():
        from familydesk.kernel.errors import FamilyDeskError

        raise FamilyDeskError(
            _("No password given: set FAMILYDESK_NEW_PASSWORD or run in a terminal.")
        )
    first = getpass.getpass(_("Password for {name}: ").format(name=name))
    if getpass.getpass(_("Repeat the password: ")) != first:
        from familydesk.kernel.errors import FamilyDeskError

        raise FamilyDeskError(_("The two passwords differ: nothing was changed."))
    return first


def run(args: argparse.Namespace) -> int:
    from familydesk.trust import operators

    database = open_signed_in(args, without_operators=args.operator_action == "add")
    try:
        if args.operator_action == "add":
            bootstrap = database.read(operators.count_operators) == 0
            password = new_password(args.name, bootstrap)
            # The one command allowed on a database without operators: the system makes its
            # first administrator (add_operator refuses any other role then).
            with as_system(FIRST_ADMIN) if bootstrap else nullcontext():
                info = database.write(
                    operators.add_operator, args.name, args.role, password, args.full_name
                )
            print(
                _("Operator {name} created ({role}).").format(
                    name=info.username, role=_(operators.ROLES[info.role])
                )
            )
        elif args.operator_action == "list":
            for info in database.read(operators.list_operators):
                state = _("active") if info.active else _("disabled")
                print(
                    "\t".join([info.username, _(operators.ROLES[info.role]), info.full_name, state])
                )
        else:
            info = database.write(operators.set_active, args.name, args.operator_action == "enable")
            print(
                _("Operator {name} enabled.").format(name=info.username)
                if info.active
                else _("Operator {name} disabled.").format(name=info.username)
            )
    finally:
        database.dispose()
    return 0

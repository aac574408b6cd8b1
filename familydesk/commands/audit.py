"""``familydesk audit verify|list``: check and read the audit trail."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from familydesk.i18n import _, format_datetime


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("audit", help=_("check or read the audit trail"))
    actions = parser.add_subparsers(dest="audit_action", metavar=_("ACTION"), required=True)
    verify = actions.add_parser(
        "verify", help=_("check that no entry was edited, removed or inserted")
    )
    listing = actions.add_parser("list", help=_("show the latest entries"))
    listing.add_argument("--record", metavar="UID", help=_("only entries about this record"))
    listing.add_argument("--limit", type=int, default=50, help=_("how many entries (50)"))
    for sub in (verify, listing):
        add_common(sub)
        sub.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from familydesk import audit, audit_seal, backups, permissions
    from familydesk.cli import open_database

    database = open_database(args, permissions.VIEW_AUDIT)
    try:
        if args.audit_action == "verify":
            problems = database.read(audit.verify)
            count = database.read(audit.count)
            if not problems:  # the end of the trail against the seals beside the backups
                cut = database.read(audit_seal.check, backups.folder())
                problems = [audit.Problem(0, cut)] if cut else []
        else:
            uids = [args.record] if args.record else []
            rows = database.read(audit.entries, uids, max(1, args.limit))
    finally:
        database.dispose()
    if args.audit_action == "verify":
        if problems:
            print(problems[0].message, file=sys.stderr)
            return 1
        print(_("Audit trail intact: {count} entries checked.").format(count=count))
        return 0
    for row in rows:
        print("\t".join([str(row.id), format_datetime(row.at), row.operator or "-", row.action,
                         row.table_name, row.record_uid, row.fields, row.note]))  # fmt: skip
    return 0

"""``familydesk audit verify|list``: check and read the audit trail."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date

from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _, format_datetime, format_number, ngettext, parse_date
from familydesk.trust import permissions


def _day(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("audit", help=_("check or read the audit trail"))
    actions = parser.add_subparsers(dest="audit_action", metavar=_("ACTION"), required=True)
    verify = actions.add_parser(
        "verify", help=_("check that no entry was edited, removed or inserted")
    )
    listing = actions.add_parser("list", help=_("show the latest entries, newest first"))
    listing.add_argument(
        "--by", metavar=_("NAME"), default="", help=_("only entries written by this operator")
    )
    listing.add_argument(
        "--record",
        metavar=_("KEY"),
        default="",
        help=_(
            "only entries about this record (uid), or about a person, their family and "
            "consents (uid or tax code); the reading is itself audited"
        ),
    )
    listing.add_argument(
        "--since", metavar="DD/MM/YYYY", type=_day, help=_("only entries from this day on")
    )
    listing.add_argument(
        "--until", metavar="DD/MM/YYYY", type=_day, help=_("only entries up to this day (included)")
    )
    listing.add_argument("--limit", type=int, default=50, help=_("how many entries (50)"))
    for sub in (verify, listing):
        add_common(sub)
        sub.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from familydesk.admin import backups
    from familydesk.trust import audit
    from familydesk.trust.audit import seal as audit_seal
    from familydesk.trust.audit.query import audit_page

    database = open_signed_in(args, permissions.VIEW_AUDIT)
    try:
        if args.audit_action == "verify":
            problems = database.read(audit_seal.verify_with_seals, backups.folder())
            count = database.read(audit.count)
        else:
            # A record filter writes an "audit-read" entry: that query is a write.
            unit = database.write if args.record.strip() else database.read
            page = unit(
                audit_page,
                0,
                max(1, args.limit),
                operator=args.by.strip(),
                record=args.record,
                since=args.since,
                until=args.until,
            )
    finally:
        database.dispose()
    if args.audit_action == "verify":
        if problems:
            print(problems[0].message, file=sys.stderr)
            return 1
        print(
            ngettext(
                "Audit trail intact: {count} entry checked.",
                "Audit trail intact: {count} entries checked.",
                count,
            ).format(count=format_number(count))
        )
        return 0
    for row in page.rows:
        print(
            "\t".join(
                [
                    str(row.id),
                    format_datetime(row.at),
                    row.operator or "-",
                    row.action,
                    row.table_name,
                    row.record_uid,
                    row.fields,
                    row.note,
                ]
            )
        )
    return 0

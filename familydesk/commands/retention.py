"""``familydesk privacy purge [--dry-run]`` and ``privacy retention [set KIND MONTHS]``:
apply and configure the retention rules (added to the ``privacy`` command)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.trust import permissions


def add_actions(actions: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    purge = actions.add_parser(
        "purge", help=_("anonymise or delete what the retention rules say is past its time")
    )
    purge.add_argument(
        "--dry-run", action="store_true", help=_("only show what would go; change nothing")
    )
    add_common(purge)
    purge.set_defaults(handler=run_purge)
    rules = actions.add_parser("retention", help=_("show or change the retention rules"))
    sub = rules.add_subparsers(dest="retention_action", metavar=_("ACTION"))
    change = sub.add_parser("set", help=_("keep a kind of record for a number of months"))
    change.add_argument("kind", metavar=_("KIND"), help=_("kind of record, as listed"))
    change.add_argument("months", type=int, metavar=_("MONTHS"), help=_("from 6 to 600"))
    for parser in (rules, change):
        add_common(parser)
        parser.set_defaults(handler=run_rules)


def run_purge(args: argparse.Namespace) -> int:
    from familydesk.privacy import retention

    database = open_signed_in(args, permissions.PRIVACY_MANAGE)
    try:
        if args.dry_run:
            preview = database.read(retention.retention_preview)
            rows = [(row.label, row.count, row.cutoff) for row in preview]
        else:
            summary = database.write(retention.apply_retention)
            rows = [(row.label, row.count, None) for row in summary.rows]
    finally:
        database.dispose()
    for label, count, cutoff in rows:
        line = _("{kind}: {count}").format(kind=label, count=format_number(count))
        if cutoff is not None:
            line += " " + _("(older than {date})").format(date=format_date(cutoff))
        print(line)
    total = sum(count for _label, count, _cutoff in rows)
    if args.dry_run:
        print(
            ngettext(
                "Dry run: {n} record would be anonymised or deleted; nothing was changed.",
                "Dry run: {n} records would be anonymised or deleted; nothing was changed.",
                total,
            ).format(n=format_number(total))
            if total
            else _("Dry run: no record would be anonymised or deleted; nothing was changed.")
        )
    else:
        print(
            ngettext(
                "{n} record anonymised or deleted.", "{n} records anonymised or deleted.", total
            ).format(n=format_number(total))
            if total
            else _("No record anonymised or deleted.")
        )
    return 0


def run_rules(args: argparse.Namespace) -> int:
    from familydesk.privacy import retention

    database = open_signed_in(args, permissions.PRIVACY_MANAGE)
    try:
        if getattr(args, "retention_action", None) == "set":
            rules = {row.kind: row for row in database.read(retention.retention_rules)}
            version = rules[args.kind].version if args.kind in rules else 0
            database.write(retention.set_retention, args.kind, args.months, version)
        rows = database.read(retention.retention_rules)
    finally:
        database.dispose()
    for row in rows:
        print(
            ngettext(
                "{kind} ({key}): {months} month", "{kind} ({key}): {months} months", row.months
            ).format(kind=row.label, key=row.kind, months=format_number(row.months))
        )
    return 0

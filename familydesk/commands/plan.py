"""``familydesk plan list`` and ``familydesk plan sheet --format pdf|xlsx|json --out FILE
[--plan NAME]``: the plan's actions with their indicators, and the monitoring sheet
(target, actual, percent reached, the period before) on paper, in a workbook or as JSON.

The PDF and XLSX writers (``familydesk.reports.outputs``) are imported only when asked
for. Exit code 0 when the file was written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _, format_number, ngettext

FORMATS = ("pdf", "xlsx", "json")


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    plan = commands.add_parser("plan", help=_("the plan's actions and their monitoring sheet"))
    what = plan.add_subparsers(dest="what", metavar=_("WHAT"), required=True)
    listing = what.add_parser("list", help=_("list the plan's actions and their indicators"))
    listing.add_argument("--plan", metavar=_("NAME"), help=_("only the actions of this plan"))
    add_common(listing)
    listing.set_defaults(handler=run_list)
    sheet = what.add_parser("sheet", help=_("write the monitoring sheet to a file"))
    sheet.add_argument("--format", choices=FORMATS, required=True, help=_("the file's format"))
    sheet.add_argument("--out", metavar=_("FILE"), required=True, help=_("the file to write"))
    sheet.add_argument("--plan", metavar=_("NAME"), help=_("only the actions of this plan"))
    add_common(sheet)
    sheet.set_defaults(handler=run_sheet)


def run_list(args: argparse.Namespace) -> int:
    from familydesk.reports.plan import monitoring

    database = open_signed_in(args)
    try:
        found = database.read(monitoring.lines, args.plan)
    finally:
        database.dispose()
    for item in found:
        print(f"{item.action.heading}\t{item.action.plan}")
        for one in item.lines:
            cells = (one.indicator.name, one.target, one.actual, one.percent, one.source)
            print("\t" + "\t".join("-" if c is None else str(c) for c in cells))
    print(
        ngettext("{count} action.", "{count} actions.", len(found)).format(
            count=format_number(len(found))
        )
    )
    return 0


def run_sheet(args: argparse.Namespace) -> int:
    out = Path(args.out)
    database = open_signed_in(args)
    try:
        from familydesk.reports.plan.files import write_sheet

        database.write(write_sheet, args.format, out, args.plan)
    finally:
        database.dispose()
    print(_("Monitoring sheet written to {path}.").format(path=out))
    return 0

"""``familydesk search TEXT [--json]``: find people as the search box does."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.trust import permissions


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("search", help=_("find people by name, tax code, phone or e-mail"))
    parser.add_argument(
        "text", nargs="+", metavar=_("TEXT"), help=_("what to look for, e.g. “dangelo nic”")
    )
    parser.add_argument("--json", action="store_true", help=_("print a JSON array"))
    parser.add_argument("--limit", type=int, default=50, help=_("most results (50)"))
    add_common(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from familydesk.registry import search_people

    database = open_signed_in(args, permissions.VIEW_REGISTRY)
    try:
        hits = database.read(search_people, " ".join(args.text), max(1, args.limit))
    finally:
        database.dispose()
    if args.json:
        json.dump([hit.as_json() for hit in hits], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for hit in hits:
        print(
            "\t".join(
                [
                    hit.surname,
                    hit.given_name,
                    hit.tax_code or "-",
                    format_date(hit.birth_date),
                    hit.comune,
                ]
            )
        )
    print(
        ngettext("{count} person found.", "{count} people found.", len(hits)).format(
            count=format_number(len(hits))
        )
        if hits
        else _("Nobody found.")
    )
    return 0

"""``familydesk services search TEXT [--need KEY] [--comune NAME] [--json]``: the
directory of services, searched as the desk does (accent-blind, every word a prefix).

One line per service: name, organisation, comune, phone, hours, needs (tab-separated);
``--json`` prints every field. Exit code 0, also when nothing is found.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _, format_number, ngettext


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    services = commands.add_parser("services", help=_("the directory of the territory's services"))
    what = services.add_subparsers(dest="what", metavar=_("WHAT"), required=True)
    search = what.add_parser("search", help=_("find services by name, organisation, comune, need"))
    search.add_argument(
        "text", nargs="*", metavar=_("TEXT"), help=_("what to look for, e.g. “consultorio suz”")
    )
    search.add_argument("--need", metavar=_("KEY"), help=_("only services for this need"))
    search.add_argument(
        "--comune", metavar=_("NAME"), help=_("only services in (or serving) this comune")
    )
    search.add_argument("--json", action="store_true", help=_("print a JSON array"))
    add_common(search)
    search.set_defaults(handler=run_search)


def as_json(row: Any) -> dict[str, Any]:
    """Every field of a service (its organisation nested), dates in ISO form."""

    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    found = plain(dataclasses.asdict(row))
    found.update(
        category=row.category,
        place_comune=row.place_comune,
        place_address=row.place_address,
        reach_phone=row.reach_phone,
        reach_email=row.reach_email,
        reach_web=row.reach_web,
    )
    return found


def _find(session: Any, text: str, need: str | None, comune: str | None) -> list[Any]:
    from familydesk.directory import records, search
    from familydesk.frontdesk.needs import list_needs
    from familydesk.kernel.errors import ValidationError

    rows = records.list_services(session)
    if need and need not in {n.key for n in list_needs(session)}:
        raise ValidationError(
            "need",
            _("--need: {key} is not a need; use a key such as orientation or parenting.").format(
                key=need
            ),
        )
    return search.search(rows, text, need, comune)


def run_search(args: argparse.Namespace) -> int:
    database = open_signed_in(args)
    try:
        rows = database.read(_find, " ".join(args.text), args.need, args.comune)
    finally:
        database.dispose()
    if args.json:
        json.dump([as_json(row) for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for row in rows:
        cells = (
            row.name,
            row.organisation.name,
            row.place_comune,
            row.reach_phone,
            " ".join(row.hours.split()),
            ", ".join(row.need_names),
        )
        print("\t".join(cell or "-" for cell in cells))
    print(
        ngettext("{count} service found.", "{count} services found.", len(rows)).format(
            count=format_number(len(rows))
        )
        if rows
        else _("No service found.")
    )
    return 0

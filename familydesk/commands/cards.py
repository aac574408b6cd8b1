"""``familydesk card check NUMBER [--json]`` and ``familydesk export cards|redemptions``.

``card check`` is for scripts and for a quick look at the desk: one translated
line (or a JSON object), exit code 0 when the card is valid today, 1 when it is
not (and for every other problem, as usual). The exports are added under
``familydesk export`` by ``commands.exporting``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from familydesk.commands.common import add_output, add_period, run_export
from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _, ngettext
from familydesk.trust import permissions

FORMATS = ("csv", "json")


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    card = commands.add_parser("card", help=_("family cards: check a card by its number"))
    what = card.add_subparsers(dest="what", metavar=_("WHAT"), required=True)
    check = what.add_parser(
        "check",
        help=_("whether a card is valid today, and why not (exit code 0 valid, 1 not valid)"),
    )
    check.add_argument(
        "number",
        nargs="+",
        metavar=_("NUMBER"),
        help=_("the card number, with or without spaces, e.g. E089 000123 H"),
    )
    check.add_argument("--json", action="store_true", help=_("print a JSON object"))
    add_common(check)
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from familydesk.cards.lookup import check_card

    database = open_signed_in(args, permissions.VIEW_REGISTRY)
    try:
        result = database.read(check_card, " ".join(args.number))
    finally:
        database.dispose()
    if args.json:
        card = result.card
        json.dump(
            {
                "number": result.number or None,
                "valid": result.valid,
                "reason": result.reason or None,
                "message": result.message,
                "expires_on": card.expires_on.isoformat() if card else None,
                "card_type": card.card_type if card else None,
                "holder": (card.holder or card.family) if card else None,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        print(result.message)
    return 0 if result.valid else 1


def add_card_exports(what: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    """``export cards`` and ``export redemptions --from D --to D``."""
    cards = what.add_parser(
        "cards", help=_("every family card with its state today (families by uid only)")
    )
    cards.set_defaults(handler=run_export_cards)
    redemptions = what.add_parser(
        "redemptions", help=_("a period's uses of benefits, accepted and refused, one row each")
    )
    add_period(redemptions)
    redemptions.set_defaults(handler=run_export_redemptions)
    for sub in (cards, redemptions):
        add_output(sub, FORMATS, add_common)


def run_export_cards(args: argparse.Namespace) -> int:
    from familydesk.cards.export import export_cards

    return run_export(
        args,
        lambda session, fmt, out: export_cards(session, fmt, out, sys.stdout),
        lambda n: ngettext("{count} card exported.", "{count} cards exported.", n),
    )


def run_export_redemptions(args: argparse.Namespace) -> int:
    from familydesk.cards.export import export_redemptions

    def work(session, fmt, out):  # type: ignore[no-untyped-def]
        return export_redemptions(session, args.first, args.last, fmt, out, sys.stdout)

    return run_export(
        args,
        work,
        lambda n: ngettext("{count} benefit use exported.", "{count} benefit uses exported.", n),
    )

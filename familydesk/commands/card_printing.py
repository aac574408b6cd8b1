"""Family card papers, added under ``familydesk print``: ``card``, ``card-letter`` and
``renewals``. ``--card`` takes the card number in any case, with or without spaces;
a mistyped number is refused with what is wrong with it. ReportLab is imported only
when printing.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from familydesk.commands.common import run_write
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel import clock


def month(text: str) -> date:
    """``YYYY-MM`` as the first day of that month (argparse type)."""
    try:
        year, number = text.strip().split("-")
        return date(int(year), int(number), 1)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a month: use YYYY-MM, e.g. 2027-01").format(value=text)
        ) from exc


def next_month(today: date) -> date:
    """The default month of ``print renewals`` (ReportLab is loaded only when printing)."""
    from familydesk.cards.printouts import next_month as following

    return following(today)


def _card(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--card",
        required=True,
        metavar=_("NUMBER"),
        help=_("the card number, e.g. E089 000123 H (any case, spaces optional)"),
    )


def card_forms(forms: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    """The card forms of ``familydesk print`` (``--out`` and the rest are added by it)."""
    card = forms.add_parser(
        "card", help=_("the family card itself, credit-card size, for a card printer")
    )
    _card(card)
    card.set_defaults(handler=run_card)
    letter = forms.add_parser("card-letter", help=_("the letter that goes with a family card"))
    _card(letter)
    letter.set_defaults(handler=run_card_letter)
    renewals = forms.add_parser(
        "renewals", help=_("renewal letters for the family cards that expire in a month")
    )
    renewals.add_argument(
        "--month",
        type=month,
        default=None,
        metavar=_("YYYY-MM"),
        help=_("the month the cards expire in (default: next month)"),
    )
    renewals.set_defaults(handler=run_renewals)
    partners = forms.add_parser(
        "partners", help=_("the directory of partners and their benefits, by category and comune")
    )
    partners.set_defaults(handler=run_partners)
    return [card, letter, renewals, partners]


def _language(args: argparse.Namespace) -> str:
    from familydesk import i18n

    return args.form_lang or i18n.current_language()


def run_card(args: argparse.Namespace) -> int:
    from familydesk.cards.printouts import print_card
    from familydesk.trust import permissions

    path = run_write(
        args,
        permissions.PRINT,
        lambda session: print_card(session, args.card, Path(args.out), _language(args)),
    )
    print(_("Family card written to {path}").format(path=path))
    return 0


def run_card_letter(args: argparse.Namespace) -> int:
    from familydesk.cards.printouts import print_cover_letter
    from familydesk.trust import permissions

    path = run_write(
        args,
        permissions.PRINT,
        lambda session: print_cover_letter(session, args.card, Path(args.out), _language(args)),
    )
    print(_("Family card letter written to {path}").format(path=path))
    return 0


def run_renewals(args: argparse.Namespace) -> int:
    from familydesk.cards.printouts import print_renewal_letters
    from familydesk.trust import permissions

    first = args.month or next_month(clock.today())
    printed = run_write(
        args,
        permissions.PRINT,
        lambda session: print_renewal_letters(session, first, Path(args.out), _language(args)),
    )
    print(
        ngettext(
            "File written: {path} ({count} renewal letter)",
            "File written: {path} ({count} renewal letters)",
            printed.cards,
        ).format(path=printed.path, count=format_number(printed.cards))
    )
    return 0


def run_partners(args: argparse.Namespace) -> int:
    from familydesk.cards.printouts import print_partner_booklet
    from familydesk.trust import permissions

    path = run_write(
        args,
        permissions.PRINT,
        lambda session: print_partner_booklet(session, Path(args.out), _language(args)),
    )
    print(_("Partner directory written to {path}").format(path=path))
    return 0

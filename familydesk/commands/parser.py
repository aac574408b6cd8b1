"""The command line's parser: argparse speaking the interface language, and its usage exit."""

from __future__ import annotations

import argparse

from familydesk import i18n
from familydesk.i18n import N_, _

EXIT_USAGE = 2

#: argparse's own messages, so that usage errors and help speak our language.
_ARGPARSE_MESSAGES = {
    "usage: ": N_("usage: "),
    "positional arguments": N_("positional arguments"),
    "options": N_("options"),
    "show this help message and exit": N_("show this help message and exit"),
    "show program's version number and exit": N_("show program's version number and exit"),
    "unrecognized arguments: %s": N_("unrecognized arguments: %s"),
    "the following arguments are required: %s": N_("the following arguments are required: %s"),
    "expected one argument": N_("expected one argument"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "invalid choice: %(value)r (choose from %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": N_("argument %(argument_name)s: %(message)s"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "ambiguous option: %(option)s could match %(matches)s"
    ),
}


def argparse_gettext(message: str) -> str:
    return _(_ARGPARSE_MESSAGES[message]) if message in _ARGPARSE_MESSAGES else message


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        hint = _("Try “familydesk --help”.")
        self.exit(EXIT_USAGE, f"{self.prog}: {message}. {hint}\n")


def count_arg(text: str) -> int:
    """A count for --families and the like: 0 to 1,000,000."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a whole number").format(value=text)
        ) from None
    if value < 0 or value > 1_000_000:
        raise argparse.ArgumentTypeError(_("expected a number from 0 to 1000000"))
    return value


def integer_arg(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a whole number").format(value=text)
        ) from None


def add_common(parser: argparse.ArgumentParser, default: object) -> None:
    """--db, --lang, --site and --operator, on the main parser and on each command."""
    parser.add_argument(
        "--db",
        metavar=_("PATH|URL"),
        default=default,
        help=_(
            "database file or postgresql:// address (default: FAMILYDESK_DB or the user data "
            "folder)"
        ),
    )
    parser.add_argument(
        "--lang", choices=sorted(i18n.LANGUAGES), default=default, help=_("interface language")
    )
    parser.add_argument("--site", metavar=_("CODE"), default=default, help=_("centre code"))
    parser.add_argument(
        "--operator",
        metavar=_("NAME"),
        default=default,
        help=_(
            "act as this operator (or FAMILYDESK_OPERATOR); password from FAMILYDESK_PASSWORD or "
            "asked"
        ),
    )

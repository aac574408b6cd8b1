"""The command line's parser: argparse speaking the interface language, and its usage exit."""

from __future__ import annotations

import argparse

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

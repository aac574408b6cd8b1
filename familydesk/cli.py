"""The command line: the admin's and packager's interface.

A thin layer over the services: each command prints one line in the
interface language and exits non-zero on bad input; no traceback ever
reaches the terminal (unexpected errors go to the log file).

Exit codes: 0 done, 1 a problem was found or an operation was refused,
2 bad command line, 70 unexpected error, 141 the reader of the output went away (``| head``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
from collections.abc import Collection, Sequence
from pathlib import Path

from familydesk import APP_NAME, __version__, i18n
from familydesk.commands.parser import Parser, add_common, argparse_gettext
from familydesk.i18n import N_, _
from familydesk.kernel import preferences
from familydesk.kernel.errors import FamilyDeskError

STARTED = time.perf_counter()
log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEM, EXIT_BUG = 0, 1, 70
#: What a shell reports for a command ended by SIGPIPE (its reader went away).
EXIT_PIPE = 128 + 13


def build_parser(build: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line's parser.

    ``build`` names the commands of :data:`COMMAND_MODULES` whose modules are imported to
    add their full parsers; every other one is only named, with its help line (enough for
    ``--help``, ``--version`` and for finding which command was asked for). ``None``
    builds them all.
    """
    parser = Parser(prog="familydesk", description=_("FamilyDesk: the family centre's front desk."))
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=_("show program's version number and exit"),
    )
    add_common(parser, None)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=_("open the main window, wait for the first page's data, print the time and exit"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("use the demo database in the user data folder, filling it on first use"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)
    wanted = {
        module
        for name, (module, _help) in COMMAND_MODULES.items()
        if build is None or name in build
    }
    built: set[str] = set()
    for name, (module, summary) in COMMAND_MODULES.items():
        if module in built:
            continue
        if module in wanted:  # adds all the module's commands
            importlib.import_module(module).register(
                commands, lambda sub: add_common(sub, argparse.SUPPRESS)
            )
            built.add(module)
        else:  # a placeholder: the command's name and help line, its arguments unread
            commands.add_parser(name, help=_(summary), add_help=False)
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    """The window (``familydesk.ui`` is above the command line: reached by its name)."""
    app = importlib.import_module("familydesk.ui.shell.app")
    return app.run_gui(
        location=str(args.db) if args.db else None,  # with --demo, run_gui finds the demo's
        site_code=args.site,
        smoke=args.smoke,
        demo=args.demo,
        started=STARTED,
    )


#: The commands of ``familydesk/commands/``, by name: the module that adds the command's
#: parser and its help line (shown by ``familydesk --help`` without importing the module).
#: A module has ``register(subparsers, add_common)``, which adds its parsers (in this
#: order, the help lines the same as here: a test compares) with
#: ``set_defaults(handler=...)``; a handler takes the parsed arguments and returns the exit
#: code. Only the module of the command being run is imported: ``--version`` and
#: ``--help`` load no model and no Alembic.
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "demo": (
        "familydesk.commands.maintenance",
        N_("fill an empty database with realistic demo data"),
    ),
    "check": (
        "familydesk.commands.maintenance",
        N_("check integrity, foreign keys and schema version"),
    ),
    "backup": ("familydesk.commands.maintenance", N_("write a verified backup copy")),
    "restore": (
        "familydesk.commands.maintenance",
        N_("replace the database with a verified backup (the current one is kept aside)"),
    ),
    "search": ("familydesk.commands.search", N_("find people by name, tax code, phone or e-mail")),
    "services": (
        "familydesk.commands.services",
        N_("the directory of the territory's services"),
    ),
    "plan": ("familydesk.commands.plan", N_("the plan's actions and their monitoring sheet")),
    "audit": ("familydesk.commands.audit", N_("check or read the audit trail")),
    "privacy": ("familydesk.commands.privacy", N_("GDPR operations on personal data")),
    "operator": ("familydesk.commands.operator", N_("manage the operators who sign in (admins)")),
    "print": (
        "familydesk.commands.printing",
        N_("print a form or an appointment list to a PDF file"),
    ),
    "import": ("familydesk.commands.transfer", N_("import families from a spreadsheet")),
    "export": (
        "familydesk.commands.transfer",
        N_("export families, appointments or walk-in contacts to a file"),
    ),
    "encrypt": (
        "familydesk.commands.encryption",
        N_("encrypt the SQLite database file with a passphrase (admins)"),
    ),
    "card": ("familydesk.commands.cards", N_("family cards: check a card by its number")),
}


def main(argv: Sequence[str] | None = None) -> int:
    from familydesk.kernel.logs import setup_logging

    argv = list(sys.argv[1:] if argv is None else argv)
    log_file = setup_logging()
    i18n.set_language(_language_from(argv) or preferences.language() or i18n.DEFAULT_LANGUAGE)
    argparse._ = argparse_gettext  # type: ignore[attr-defined]
    try:
        return _run(argv, log_file)
    except BrokenPipeError:
        return _reader_went_away()


def _run(argv: list[str], log_file: Path) -> int:
    asked, _rest = build_parser(()).parse_known_args(argv)  # which command (--help, --version exit)
    args = build_parser({asked.command} if asked.command else ()).parse_args(argv)
    try:
        handler = getattr(args, "handler", None) or cmd_gui
        status = handler(args)
        sys.stdout.flush()  # a reader gone away shows here, not at the interpreter's exit
        return status
    except BrokenPipeError:
        raise
    except FamilyDeskError as exc:
        print(f"familydesk: {exc.message}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return EXIT_PROBLEM
    except Exception as exc:
        from familydesk.db.extras import missing_extra

        log.exception("Unexpected error in command %s", args.command or "gui")
        missing = missing_extra(exc)
        if missing is not None:  # an optional module (an extra) is not installed
            print(f"familydesk: {missing.message}", file=sys.stderr)
            return EXIT_PROBLEM
        print(
            _("familydesk: an unexpected error occurred; details are in {path}").format(
                path=log_file
            ),
            file=sys.stderr,
        )
        return EXIT_BUG


def _reader_went_away() -> int:
    """The reader of the output closed it early (``familydesk search ... | head``).

    The command ends quietly, as a Unix tool ended by SIGPIPE does: no message, and the
    status a shell reports for one (128 + SIGPIPE). Standard output is pointed at devnull
    so that Python's flush at exit does not fail again (the recipe in the ``signal`` docs).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor behind stdout
        pass
    return EXIT_PIPE


def _language_from(argv: list[str]) -> str | None:
    """``--lang`` read before parsing, so that help and errors are translated."""
    for index, item in enumerate(argv):
        if item.startswith("--lang="):
            return item.split("=", 1)[1]
        if item == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None

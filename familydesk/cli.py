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
from familydesk.commands.parser import Parser, add_common, argparse_gettext, count_arg, integer_arg
from familydesk.i18n import N_, _, format_number, ngettext
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
    demo = commands.add_parser("demo", help=_("fill an empty database with realistic demo data"))
    demo.add_argument("--families", type=count_arg, default=300, help=_("how many families (300)"))
    demo.add_argument("--seed", type=integer_arg, default=1, help=_("random seed (1)"))
    demo.add_argument(
        "--families-only",
        action="store_true",
        help=_("only families: no walk-in contacts, appointments, places or professionals"),
    )
    check = commands.add_parser("check", help=_("check integrity, foreign keys and schema version"))
    backup = commands.add_parser("backup", help=_("write a verified backup copy"))
    backup.add_argument(
        "--to", metavar=_("FOLDER"), help=_("where to write it (default: the backups folder)")
    )
    restore = commands.add_parser(
        "restore",
        help=_("replace the database with a verified backup (the current one is kept aside)"),
    )
    restore.add_argument("file", metavar=_("FILE"), help=_("a backup written by FamilyDesk"))
    restore.add_argument(
        "--without-copy",
        action="store_true",
        help=_(
            "restore even when the current database cannot be copied first (a damaged file); "
            "it is still kept aside"
        ),
    )
    for sub in (demo, check, backup, restore):
        add_common(sub, argparse.SUPPRESS)
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


def database_location(args: argparse.Namespace) -> str | None:
    """The database the command line names: ``--db``, the demo's (``--demo``), or None (the
    usual one)."""
    if args.db:
        return str(args.db)
    if getattr(args, "demo", False):
        from familydesk.kernel.paths import demo_database_path

        return str(demo_database_path())
    return None


def open_database(args: argparse.Namespace, permission: str | None = None,
                  without_operators: bool = False):  # type: ignore[no-untyped-def]  # fmt: skip
    """The database chosen on the command line, with its operator signed in.

    The operator comes from ``--operator`` or ``FAMILYDESK_OPERATOR``. A
    database with operators refuses a command without one; a database with
    none yet allows only the commands that pass ``without_operators`` (the
    first ``operator add``, ``demo``, ``check``). ``permission`` is checked
    before anything is read.
    """
    from familydesk.commands.encryption import unlock_database
    from familydesk.db.database import Database
    from familydesk.trust import audit, operators, permissions

    unlock_database(database_location(args))  # an encrypted file: its passphrase first
    database = Database.open(database_location(args), site_code=args.site)
    database.operator = audit.desk_user()
    name = getattr(args, "operator", None) or os.environ.get("FAMILYDESK_OPERATOR")
    try:
        has_operators = database.read(operators.count_operators) > 0
        if name and has_operators:
            operators.sign_in(database, name, _password(name))
        elif has_operators:
            raise FamilyDeskError(_(
                "This database has operators: say who you are with --operator NAME "
                "(or FAMILYDESK_OPERATOR)."))  # fmt: skip
        elif not without_operators:
            raise FamilyDeskError(_(
                "This database has no operator yet: first create its administrator with "
                "'familydesk operator add NAME --role admin'."))  # fmt: skip
        if permission and database.role and not permissions.role_allows(database.role, permission):
            raise permissions.refusal(database.role, permission)
    except BaseException:
        database.dispose()
        raise
    return database


def _password(name: str) -> str:
    import getpass

    if os.environ.get("FAMILYDESK_PASSWORD"):
        return os.environ["FAMILYDESK_PASSWORD"]
    if not sys.stdin.isatty():
        raise FamilyDeskError(
            _("No password for {name}: set FAMILYDESK_PASSWORD or run in a terminal.").format(
                name=name
            )
        )
    return getpass.getpass(_("Password for {name}: ").format(name=name))


def cmd_demo(args: argparse.Namespace) -> int:
    from familydesk.demo import fill_demo
    from familydesk.demo.cards import CardsSummary
    from familydesk.trust import permissions

    database = open_database(args, permissions.IMPORT, without_operators=True)
    if database.role is None:  # a database without operators: the demo creates them
        database.role = "admin"
    try:
        summary = database.write(fill_demo, families=args.families, seed=args.seed,
                                 activity=not args.families_only)  # fmt: skip
    finally:
        database.dispose()
    figures = [
        (summary.families, ngettext("{n} family", "{n} families", summary.families)),
        (summary.people, ngettext("{n} person", "{n} people", summary.people)),
    ]
    if summary.activity is not None:
        act, cards = summary.activity, summary.cards or CardsSummary()
        figures += [
            (act.contacts, ngettext("{n} walk-in contact", "{n} walk-in contacts", act.contacts)),
            (act.appointments, ngettext("{n} appointment", "{n} appointments", act.appointments)),
            (act.groups.groups, ngettext("{n} group", "{n} groups", act.groups.groups)),
            (act.groups.enrolments, ngettext("{n} sign-up", "{n} sign-ups", act.groups.enrolments)),
            (cards.card_types, ngettext("{n} card type", "{n} card types", cards.card_types)),
            (cards.cards, ngettext("{n} card", "{n} cards", cards.cards)),
            (cards.partners, ngettext("{n} partner", "{n} partners", cards.partners)),
            (cards.uses, ngettext("{n} benefit use", "{n} benefit uses", cards.uses)),
        ]
    what = ", ".join(text.format(n=format_number(n)) for n, text in figures)
    print(
        _("Demo data written to {location}: {what}.").format(
            location=database.describe(), what=what
        )
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from familydesk.admin.maintenance import check_database

    database = open_database(args, without_operators=True)
    try:
        report = check_database(database)
    finally:
        database.dispose()
    if report.ok:
        print(
            _("Database {location} is sound (schema {revision}).").format(
                location=database.describe(), revision=report.revision
            )
        )
        return EXIT_OK
    for problem in report.problems:
        print(problem, file=sys.stderr)
    count = len(report.problems)
    print(ngettext("{count} problem found.", "{count} problems found.", count).format(count=format_number(count)),
          file=sys.stderr)  # fmt: skip
    return EXIT_PROBLEM


def cmd_backup(args: argparse.Namespace) -> int:
    from familydesk.admin.backups import make_backup
    from familydesk.trust import permissions

    database = open_database(args, permissions.BACKUP)
    try:
        path = make_backup(database, "backup", Path(args.to).expanduser() if args.to else None)
    finally:
        database.dispose()
    print(_("Backup written and verified: {path}").format(path=path))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore works even when the current database cannot be opened."""
    from familydesk.admin.backups import CopyBeforeRestoreError, restore, seal_restored
    from familydesk.commands.encryption import unlock_database, unlock_file
    from familydesk.db.database import Database
    from familydesk.db.location import resolve_database_url

    unlock_database(database_location(args))
    database = Database(resolve_database_url(database_location(args)))
    if not database.encrypted:  # an encrypted backup onto a plain or missing file
        unlock_file(Path(args.file).expanduser())
    try:
        done = restore(database, Path(args.file).expanduser(), copy_first=not args.without_copy)
    except CopyBeforeRestoreError as exc:
        raise CopyBeforeRestoreError(
            exc.message + "\n" + _("If the current database is damaged and cannot be copied, "
                                   "restore with --without-copy.")
        ) from exc  # fmt: skip
    reopened = Database.open(database_location(args), site_code=args.site)  # upgraded if older
    try:
        seal_restored(reopened)
    finally:
        reopened.dispose()
    print(_("Database restored from {file}; the replaced one is kept in {aside}.").format(
        file=args.file, aside=done.aside))  # fmt: skip
    if done.before is not None:
        print(_("A verified copy taken just before the restore, kept at least 7 days: "
                "{path}").format(path=done.before))  # fmt: skip
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from familydesk.ui.shell.app import run_gui

    return run_gui(
        location=database_location(args),
        site_code=args.site,
        smoke=args.smoke,
        demo=args.demo,
        started=STARTED,
    )


COMMANDS = {"demo": cmd_demo, "check": cmd_check, "backup": cmd_backup, "restore": cmd_restore}
#: The commands of ``familydesk/commands/``, by name: the module that adds the command's
#: parser and its help line (shown by ``familydesk --help`` without importing the module).
#: A module has ``register(subparsers, add_common)``, which adds its parsers (in this
#: order, the help lines the same as here: a test compares) with
#: ``set_defaults(handler=...)``; a handler takes the parsed arguments and returns the exit
#: code. Only the module of the command being run is imported: ``--version`` and
#: ``--help`` load no model and no Alembic.
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "search": ("familydesk.commands.search", N_("find people by name, tax code, phone or e-mail")),
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
        handler = getattr(args, "handler", None) or COMMANDS.get(args.command or "", cmd_gui)
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

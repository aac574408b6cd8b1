"""``familydesk import families FILE`` and ``familydesk export families``: spreadsheets.

Import exit codes: 0 every row imported (or already there), 3 some rows
rejected (their report is written beside the file), 2 the file cannot be
used at all. A summary line with the counts is printed either way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from familydesk.commands.exporting import add_export_commands
from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _, format_number, ngettext
from familydesk.trust import permissions

EXIT_OK, EXIT_UNUSABLE, EXIT_REJECTED = 0, 2, 3


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    importing = commands.add_parser("import", help=_("import families from a spreadsheet"))
    what = importing.add_subparsers(dest="what", metavar=_("WHAT"), required=True)
    families = what.add_parser(
        "families",
        help=_("families and their members from a CSV or XLSX file"),
        description=_(
            "Import families from a CSV (separated by ; or ,) or XLSX file with Italian column "
            "names. Exit code 0: every row imported; 3: some rows rejected (see the report "
            "beside the file); 2: the file cannot be used."
        ),
    )
    families.add_argument("file", nargs="?", metavar=_("FILE"), help=_("the file to import"))
    families.add_argument(
        "--dry-run",
        action="store_true",
        help=_("check everything and write the report, but change nothing in the database"),
    )
    families.add_argument(
        "--template",
        metavar=_("FILE"),
        help=_("write an example file to fill in (CSV or XLSX by its extension) and exit"),
    )
    add_common(families)
    families.set_defaults(handler=run_import, parser=families)
    services = what.add_parser(
        "services",
        help=_("the directory of services from a CSV, XLSX or JSON file"),
        description=_(
            "Import the directory of services (one row per service, its organisation's "
            "columns on each). Exit code 0: every row imported or already there; 3: some rows "
            "rejected (see the report beside the file); 2: the file cannot be used."
        ),
    )
    services.add_argument("file", metavar=_("FILE"), help=_("the file to import"))
    services.add_argument(
        "--dry-run", action="store_true", help=_("check everything, change nothing")
    )
    add_common(services)
    services.set_defaults(handler=run_import_services, parser=services)

    exporting = commands.add_parser(
        "export", help=_("export families, appointments or walk-in contacts to a file")
    )
    what = exporting.add_subparsers(dest="what", metavar=_("WHAT"), required=True)
    families = what.add_parser("families", help=_("every family with its members"))
    families.add_argument(
        "--format",
        choices=["csv", "xlsx", "json"],
        help=_("file format (default: from the --out extension, else csv)"),
    )
    families.add_argument(
        "--out",
        metavar=_("FILE"),
        help=_("where to write (default: the terminal, for csv and json)"),
    )
    add_common(families)
    families.set_defaults(handler=run_export, parser=families)
    services = what.add_parser("services", help=_("the directory of services"))
    services.add_argument("--format", choices=["csv", "xlsx", "json"], help=_("file format"))
    services.add_argument("--out", metavar=_("FILE"), help=_("where to write"))
    add_common(services)
    services.set_defaults(handler=run_export_services, parser=services)
    add_export_commands(what, add_common)


def run_import(args: argparse.Namespace) -> int:
    from familydesk.transfer import UnusableFileError, import_table, read_table, write_template

    if args.template:
        if args.file or args.dry_run:
            args.parser.error(_("--template takes no other file or option"))
        path = write_template(Path(args.template).expanduser())
        print(_("Template written: {path}").format(path=path))
        return EXIT_OK
    if not args.file:
        args.parser.error(_("say which file to import, or use --template FILE"))
    try:
        table = read_table(Path(args.file).expanduser())
    except UnusableFileError as exc:
        print(f"familydesk: {exc.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    if table.ignored:
        print(
            _("Columns not imported (unknown names): {columns}").format(
                columns=", ".join(table.ignored)
            ),
            file=sys.stderr,
        )
    database = open_signed_in(args, permissions.IMPORT)
    try:
        if not args.dry_run:
            from familydesk.admin.backups import BEFORE_IMPORT, make_backup

            make_backup(database, BEFORE_IMPORT)  # kept at least 7 days, whatever follows
        unit = database.read if args.dry_run else database.write
        summary = unit(import_table, table, dry_run=args.dry_run, progress=_terminal_progress())
    finally:
        database.dispose()
    print(summary.message())
    if summary.report_path is not None:
        print(_("Rejected rows and their reasons: {path}").format(path=summary.report_path))
    return EXIT_REJECTED if summary.rows_rejected else EXIT_OK


def _terminal_progress() -> Callable[[int, int], None] | None:
    """A percentage on stderr when it is a terminal (never in pipes or logs)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        end = "\n" if done >= total else ""
        print(f"\r{percent:3d}%", end=end, file=sys.stderr, flush=True)

    return show


def _export_spreadsheet(
    args: argparse.Namespace,
    export: Callable[..., int],
    words: Callable[[str, int], str],
) -> int:
    """``export`` (families or services) as csv, xlsx or json to --out or standard output;
    ``words(fmt, count)`` says what went out."""
    out = Path(args.out).expanduser() if args.out else None
    fmt = args.format or (out.suffix.lower().lstrip(".") if out is not None else "csv")
    if fmt not in ("csv", "xlsx", "json"):
        args.parser.error(_("choose --format csv, xlsx or json"))
    if fmt == "xlsx" and out is None:
        args.parser.error(_("an XLSX export needs --out FILE"))
    database = open_signed_in(args, permissions.EXPORT)
    try:
        count = database.write(export, fmt, out, sys.stdout)
    finally:
        database.dispose()
    message = words(fmt, count)
    if out is not None:
        print(_("{summary} File: {path}").format(summary=message, path=out))
    else:
        print(message, file=sys.stderr)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from familydesk.transfer import export_families

    def words(fmt: str, count: int) -> str:
        if fmt == "json":
            text = ngettext("{count} family exported.", "{count} families exported.", count)
        else:
            text = ngettext("{count} person exported.", "{count} people exported.", count)
        return text.format(count=count)

    return _export_spreadsheet(args, export_families, words)


def run_import_services(args: argparse.Namespace) -> int:
    from familydesk.transfer import UnusableFileError
    from familydesk.transfer.services_import import import_services_table
    from familydesk.transfer.services_reading import read_services_table

    try:
        table = read_services_table(Path(args.file).expanduser())
    except UnusableFileError as exc:
        print(f"familydesk: {exc.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    database = open_signed_in(args, permissions.IMPORT)
    try:
        if not args.dry_run:
            from familydesk.admin.backups import BEFORE_IMPORT, make_backup

            make_backup(database, BEFORE_IMPORT)  # as the families import does
        summary = database.write(import_services_table, table, dry_run=args.dry_run)
    finally:
        database.dispose()
    for outcome in summary.rows:
        for _column, message in outcome.problems:
            print(_("Row {line}: {message}").format(line=outcome.line, message=message))
    print(summary.message())
    if summary.report_path is not None:
        print(_("Rejected rows and their reasons: {path}").format(path=summary.report_path))
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def run_export_services(args: argparse.Namespace) -> int:
    from familydesk.transfer.services_export import export_services

    def words(_fmt: str, count: int) -> str:
        return ngettext("{count} service exported.", "{count} services exported.", count).format(
            count=format_number(count)
        )

    return _export_spreadsheet(args, export_services, words)

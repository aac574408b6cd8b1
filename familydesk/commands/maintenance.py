"""``familydesk demo | check | backup | restore``: filling, checking and copying the database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from familydesk.commands.opening import (
    database_location,
    open_signed_in,
    unlock_database,
    unlock_file,
)
from familydesk.commands.parser import count_arg, integer_arg
from familydesk.i18n import _, format_number, ngettext
from familydesk.trust import permissions
from familydesk.trust.acting import DEMO_DATA, as_system
from familydesk.trust.opening import open_database

EXIT_OK, EXIT_PROBLEM = 0, 1


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
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
    for sub, handler in ((demo, demo_run), (check, check_run), (backup, backup_run)):
        add_common(sub)
        sub.set_defaults(handler=handler)
    add_common(restore)
    restore.set_defaults(handler=restore_run)


def demo_run(args: argparse.Namespace) -> int:
    from familydesk.demo import fill_demo
    from familydesk.demo.cards import CardsSummary
    from familydesk.demo.directory import DirectorySummary

    database = open_signed_in(args, permissions.IMPORT, without_operators=True)
    # On a database without operators nobody is signed in: the system fills it (and the
    # demo creates its operators); otherwise the operator, who needs IMPORT.
    system = as_system(DEMO_DATA) if database.role is None else nullcontext()
    try:
        with system:
            summary = database.write(
                fill_demo, families=args.families, seed=args.seed, activity=not args.families_only
            )
    finally:
        database.dispose()
    figures = [
        (summary.families, ngettext("{n} family", "{n} families", summary.families)),
        (summary.people, ngettext("{n} person", "{n} people", summary.people)),
    ]
    if summary.activity is not None:
        act, cards = summary.activity, summary.cards or CardsSummary()
        places = summary.directory or DirectorySummary()
        figures += [
            (act.contacts, ngettext("{n} walk-in contact", "{n} walk-in contacts", act.contacts)),
            (act.appointments, ngettext("{n} appointment", "{n} appointments", act.appointments)),
            (act.groups.groups, ngettext("{n} group", "{n} groups", act.groups.groups)),
            (act.groups.enrolments, ngettext("{n} sign-up", "{n} sign-ups", act.groups.enrolments)),
            (cards.card_types, ngettext("{n} card type", "{n} card types", cards.card_types)),
            (cards.cards, ngettext("{n} card", "{n} cards", cards.cards)),
            (cards.partners, ngettext("{n} partner", "{n} partners", cards.partners)),
            (cards.uses, ngettext("{n} benefit use", "{n} benefit uses", cards.uses)),
            (
                places.organisations,
                ngettext("{n} organisation", "{n} organisations", places.organisations),
            ),
            (places.services, ngettext("{n} service", "{n} services", places.services)),
            (
                act.referrals_followed,
                ngettext(
                    "{n} referral followed up", "{n} referrals followed up", act.referrals_followed
                ),
            ),
        ]
    what = ", ".join(text.format(n=format_number(n)) for n, text in figures)
    print(
        _("Demo data written to {location}: {what}.").format(
            location=database.describe(), what=what
        )
    )
    return EXIT_OK


def check_run(args: argparse.Namespace) -> int:
    from familydesk.admin.maintenance import check_database

    database = open_signed_in(args, without_operators=True)
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
    print(
        ngettext("{count} problem found.", "{count} problems found.", count).format(
            count=format_number(count)
        ),
        file=sys.stderr,
    )
    return EXIT_PROBLEM


def backup_run(args: argparse.Namespace) -> int:
    from familydesk.admin.backups import make_backup

    database = open_signed_in(args, permissions.BACKUP)
    try:
        path = make_backup(database, "backup", Path(args.to).expanduser() if args.to else None)
    finally:
        database.dispose()
    print(_("Backup written and verified: {path}").format(path=path))
    return EXIT_OK


def restore_run(args: argparse.Namespace) -> int:
    """Restore works even when the current database cannot be opened."""
    from familydesk.admin.backups import CopyBeforeRestoreError, restore, seal_restored
    from familydesk.db.database import Database
    from familydesk.db.location import resolve_database_url

    location = database_location(args)
    unlock_database(location)
    database = Database(resolve_database_url(location))  # the file only: no session is opened
    if not database.encrypted:  # an encrypted backup onto a plain or missing file
        unlock_file(Path(args.file).expanduser())
    try:
        done = restore(database, Path(args.file).expanduser(), copy_first=not args.without_copy)
    except CopyBeforeRestoreError as exc:
        hint = _(
            "If the current database is damaged and cannot be copied, restore with --without-copy."
        )
        raise CopyBeforeRestoreError(exc.message + "\n" + hint) from exc
    reopened = open_database(location, site_code=args.site)  # upgraded if older
    try:
        seal_restored(reopened)
    finally:
        reopened.dispose()
    print(
        _("Database restored from {file}; the replaced one is kept in {aside}.").format(
            file=args.file, aside=done.aside
        )
    )
    if done.before is not None:
        print(
            _("A verified copy taken just before the restore, kept at least 7 days: {path}").format(
                path=done.before
            )
        )
    return EXIT_OK

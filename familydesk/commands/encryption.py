"""``familydesk encrypt [--change-passphrase]``: encryption at rest of a SQLite file (admins).

The unlocking that every command does before opening an encrypted file is in
``familydesk.commands.opening``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from familydesk.admin import backups
from familydesk.commands.opening import database_location, open_signed_in, secret
from familydesk.db import encryption, encryption_convert, encryption_keys
from familydesk.db.actor import Actor
from familydesk.db.location import resolve_database_url
from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError
from familydesk.trust import audit, permissions
from familydesk.trust.opening import open_database

NEW_PASSPHRASE_VARIABLE = "FAMILYDESK_NEW_PASSPHRASE"


def register(commands: argparse._SubParsersAction, add_common: Callable) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "encrypt", help=_("encrypt the SQLite database file with a passphrase (admins)")
    )
    parser.add_argument(
        "--change-passphrase",
        action="store_true",
        help=_("give an encrypted database a new passphrase (the recovery key also opens it)"),
    )
    add_common(parser)
    parser.set_defaults(handler=run)


def _new_passphrase() -> str:
    if os.environ.get(NEW_PASSPHRASE_VARIABLE):
        passphrase = os.environ[NEW_PASSPHRASE_VARIABLE]
    elif not sys.stdin.isatty():
        raise FamilyDeskError(
            _("No new passphrase given: set FAMILYDESK_NEW_PASSPHRASE or run in a terminal.")
        )
    else:
        import getpass

        passphrase = getpass.getpass(_("New passphrase (at least 10 characters): "))
        if getpass.getpass(_("Repeat the passphrase: ")) != passphrase:
            raise FamilyDeskError(_("The two passphrases differ: nothing was changed."))
    encryption_keys.check_passphrase(passphrase)
    return passphrase


def run(args: argparse.Namespace) -> int:
    url = resolve_database_url(database_location(args))
    if url.get_backend_name() != "sqlite":
        raise FamilyDeskError(
            _(
                "A PostgreSQL database is not encrypted by FamilyDesk: use the server's own disk "
                "encryption (and encrypted connections) instead."
            )
        )
    path = Path(str(url.database))
    old = secret() if args.change_passphrase and encryption.is_encrypted(path) else None
    if old is not None:
        encryption_keys.unlock(path, old)
    database = open_signed_in(args, permissions.SETTINGS)
    try:
        if database.role != "admin":
            raise permissions.PermissionDenied(
                _("Only an administrator may encrypt the database or change its passphrase.")
            )
        encrypted = database.encrypted
        if args.change_passphrase and not encrypted:
            raise FamilyDeskError(_("The database is not encrypted: run 'familydesk encrypt'."))
        if not args.change_passphrase and encrypted:
            raise FamilyDeskError(
                _(
                    "The database is already encrypted; to choose a new passphrase run "
                    "'familydesk encrypt --change-passphrase'."
                )
            )
        ok, reason = encryption.available()
        if not ok:
            raise FamilyDeskError(reason)
        passphrase = _new_passphrase()
        action = "change_passphrase" if args.change_passphrase else "encrypt_database"
        if args.change_passphrase:
            encryption_keys.change_passphrase(path, old or "", passphrase)
            database.write(audit.record, action, None, note="sqlcipher")
            print(_("The passphrase of {path} was changed.").format(path=path))
            return 0
        actor = database.actor
    finally:
        database.dispose()
    recovery = encryption_convert.encrypt_database(path, passphrase)
    _after_encryption(args, actor, action)
    print(_("The database {path} is now encrypted.").format(path=path))
    print(_("Recovery key: {key}").format(key=recovery))
    print(
        _(
            "Write the recovery key on paper and give it to the data controller, to be kept in a "
            "safe place: it is shown only this once, and without it or the passphrase nobody can "
            "read the data."
        )
    )
    return 0


def _after_encryption(args: argparse.Namespace, actor: Actor, action: str) -> None:
    """Audit the change (as the operator who made it), take a first encrypted backup, warn
    about older plain backups."""
    database = open_database(database_location(args), site_code=args.site, actor=actor)
    try:
        database.write(audit.record, action, None, note="sqlcipher")
        first = backups.make_backup(database, "backup")
    finally:
        database.dispose()
    print(_("First encrypted backup written and verified: {path}").format(path=first))
    plain = [b.path for b in backups.copies() if not encryption.is_encrypted(b.path)]
    plain = [p for p in plain if p.suffix == ".sqlite3"]
    if plain:
        print(
            ngettext(
                "{count} earlier backup in {folder} is not encrypted: delete it, or keep it as "
                "safe as the recovery key.",
                "{count} earlier backups in {folder} are not encrypted: delete them, or keep them "
                "as safe as the recovery key.",
                len(plain),
            ).format(count=format_number(len(plain)), folder=backups.folder())
        )

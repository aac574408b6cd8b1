"""``familydesk encrypt [--change-passphrase]``: encryption at rest of a SQLite file (admins).

Also the unlocking that every command does before opening an encrypted
file: the passphrase (or the recovery key) comes from
``FAMILYDESK_DB_PASSPHRASE``, or is asked when a terminal is there.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from familydesk.i18n import _, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError

PASSPHRASE_VARIABLE = "FAMILYDESK_DB_PASSPHRASE"
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


def _secret() -> str:
    if os.environ.get(PASSPHRASE_VARIABLE):
        return os.environ[PASSPHRASE_VARIABLE]
    if not sys.stdin.isatty():
        raise FamilyDeskError(
            _(
                "The database is encrypted: set FAMILYDESK_DB_PASSPHRASE to its passphrase "
                "(or recovery key), or run in a terminal."
            )
        )
    import getpass

    return getpass.getpass(_("Passphrase of the database (or its recovery key): "))


def unlock_file(path: str | Path) -> None:
    """Unlock ``path`` if it is an encrypted file whose key this process does not know yet."""
    from familydesk.db import encryption, encryption_keys

    if encryption.needs_key(path):
        encryption_keys.unlock(path, _secret())


def unlock_database(location: str | None) -> None:
    """Unlock the SQLite file at ``location`` (path, URL or the default) when it is encrypted."""
    from familydesk.db.location import resolve_database_url

    url = resolve_database_url(location)
    if url.get_backend_name() == "sqlite" and url.database:
        unlock_file(url.database)


def _new_passphrase() -> str:
    from familydesk.db.encryption_keys import check_passphrase

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
    check_passphrase(passphrase)
    return passphrase


def run(args: argparse.Namespace) -> int:
    from familydesk.cli import database_location, open_database
    from familydesk.db import encryption, encryption_convert, encryption_keys
    from familydesk.db.location import resolve_database_url
    from familydesk.trust import audit, permissions

    url = resolve_database_url(database_location(args))
    if url.get_backend_name() != "sqlite":
        raise FamilyDeskError(
            _(
                "A PostgreSQL database is not encrypted by FamilyDesk: use the server's own disk "
                "encryption (and encrypted connections) instead."
            )
        )
    path = Path(str(url.database))
    old = _secret() if args.change_passphrase and encryption.is_encrypted(path) else None
    if old is not None:
        encryption_keys.unlock(path, old)
    database = open_database(args, permissions.SETTINGS)
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
        operator, role = database.operator, database.role
    finally:
        database.dispose()
    recovery = encryption_convert.encrypt_database(path, passphrase)
    _after_encryption(args, operator, role, action)
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


def _after_encryption(
    args: argparse.Namespace, operator: str, role: str | None, action: str
) -> None:
    """Audit the change, take a first encrypted backup, warn about older plain backups."""
    from familydesk.admin import backups
    from familydesk.cli import database_location
    from familydesk.db import encryption
    from familydesk.db.database import Database
    from familydesk.trust import audit

    database = Database.open(database_location(args), site_code=args.site)
    try:
        database.operator, database.role = operator, role
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
                "{count} earlier backups in {folder} are not encrypted: delete them, or keep them as "
                "safe as the recovery key.",
                len(plain),
            ).format(count=format_number(len(plain)), folder=backups.folder())
        )

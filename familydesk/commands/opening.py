"""The database a command works on: unlocked, opened, its operator signed in.

An encrypted file is unlocked first: the passphrase (or the recovery key) comes from
``FAMILYDESK_DB_PASSPHRASE``, or is asked when a terminal is there. The database is
opened through ``familydesk.trust.opening`` (the hooks, the actor), then the operator
signs in with ``--operator`` / ``FAMILYDESK_OPERATOR`` and ``FAMILYDESK_PASSWORD`` (or
a password asked in the terminal).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from familydesk.db import encryption, encryption_keys
from familydesk.db.location import resolve_database_url
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.trust import permissions

if TYPE_CHECKING:
    from familydesk.db.database import Database

PASSPHRASE_VARIABLE = "FAMILYDESK_DB_PASSPHRASE"


def database_location(args: argparse.Namespace) -> str | None:
    """``--db``, the demo database with ``--demo``, else ``None`` (the usual one)."""
    if args.db:
        return str(args.db)
    if getattr(args, "demo", False):
        from familydesk.kernel.paths import demo_database_path

        return str(demo_database_path())
    return None


def open_signed_in(
    args: argparse.Namespace, permission: str | None = None, without_operators: bool = False
) -> Database:
    """The database chosen on the command line, with its operator signed in.

    The operator comes from ``--operator`` or ``FAMILYDESK_OPERATOR``. A
    database with operators refuses a command without one; a database with
    none yet allows only the commands that pass ``without_operators`` (the
    first ``operator add``, ``demo``, ``check``), as the person at the keyboard
    (no role). ``permission`` is checked before anything is read.
    """
    # the ORM and every model: imported when a command runs, never for its --help
    from familydesk.trust import operators
    from familydesk.trust.opening import open_database

    unlock_database(database_location(args))  # an encrypted file: its passphrase first
    database = open_database(database_location(args), site_code=args.site)
    name = getattr(args, "operator", None) or os.environ.get("FAMILYDESK_OPERATOR")
    try:
        has_operators = database.read(operators.count_operators) > 0
        if name and has_operators:
            operators.sign_in(database, name, _password(name))
        elif has_operators:
            raise FamilyDeskError(
                _(
                    "This database has operators: say who you are with --operator NAME "
                    "(or FAMILYDESK_OPERATOR)."
                )
            )
        elif not without_operators:
            raise FamilyDeskError(
                _(
                    "This database has no operator yet: first create its administrator with "
                    "'familydesk operator add NAME --role admin'."
                )
            )
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


def secret() -> str:
    """The passphrase (or recovery key) of an encrypted database, from the environment or asked."""
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
    if encryption.needs_key(path):
        encryption_keys.unlock(path, secret())


def unlock_database(location: str | None) -> None:
    """Unlock the SQLite file at ``location`` (path, URL or the default) when it is encrypted."""
    url = resolve_database_url(location)
    if url.get_backend_name() == "sqlite" and url.database:
        unlock_file(url.database)

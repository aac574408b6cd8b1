"""The one way the application opens a database: engine, policy and actor.

:func:`open_database` opens (and upgrades) the database, attaches the session
hooks that check permissions, stamp the centre, keep search words right and
write the audit trail (``familydesk.trust.hooks``), and sets who acts. The
command line, the GUI and the tests' fixtures all open through it;
``familydesk.db.database.Database.open`` alone gives a database without policy
(for migrations, checks and backups of the file itself).
"""

from __future__ import annotations

from pathlib import Path

from familydesk.db.actor import Actor
from familydesk.db.database import Database
from familydesk.trust import audit, hooks
from familydesk.trust.acting import FIRST_CENTRE, as_system


def open_database(
    location: str | None = None,
    *,
    site_code: str | None = None,
    migrate: bool = True,
    backup_folder: Path | None = None,
    key: bytes | None = None,
    actor: Actor | None = None,
) -> Database:
    """The database at ``location`` (see ``Database.open`` for the other options), with
    its hooks attached, acting as ``actor``.

    Without ``actor`` the person at the keyboard acts (their system user name, no
    role: nothing checked is allowed) until an operator signs in
    (``familydesk.trust.operators.sign_in``). Creating the first centre of a new
    database is the system's doing and is audited as such.
    """
    with as_system(FIRST_CENTRE):
        database = Database.open(
            location,
            site_code=site_code,
            migrate=migrate,
            backup_folder=backup_folder,
            key=key,
            setup=hooks.install,
        )
    database.actor = actor or Actor(audit.desk_user())
    return database

"""At start: warn when another FamilyDesk window has the same SQLite file open.

Warns, does not refuse (``db.in_use`` keeps the markers). The marker's heartbeat is
renewed on a timer while the program runs and removed at exit.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from familydesk import APP_NAME
from familydesk.db import in_use
from familydesk.db.database import Database
from familydesk.i18n import _, format_datetime
from familydesk.kernel import clock

log = logging.getLogger(__name__)


def sqlite_path(database: Database) -> str | None:
    """The file of a SQLite database (None for PostgreSQL or an in-memory database)."""
    url = database.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return str(url.database)


def describe(holder: in_use.Holder) -> str:
    """'laura on PC-SPORTELLO-2 since 09/12/2026 08:58' in the operator's language."""
    since = format_datetime(clock.to_local(holder.since))
    who = holder.operator or _("someone not signed in yet")
    if holder.same_computer:
        return _("{who} on this computer since {since}").format(who=who, since=since)
    return _("{who} on {host} since {since}").format(who=who, host=holder.host, since=since)


def warning_text(others: list[in_use.Holder]) -> str:
    lines = "\n".join(f"• {describe(holder)}" for holder in others)
    return _(
        "This database is already open in another FamilyDesk window:\n{who}\n\n"
        "You can go on, but what one window saves the other shows only after a reload (F5), "
        "and two people changing the same record get a conflict. Close the other window if it "
        "is not needed."
    ).format(who=lines)


def claim_and_warn(
    database: Database,
    parent: QWidget | None = None,
    *,
    ask: bool = True,
    owner: QObject | None = None,
) -> in_use.InUse | None:
    """Leave our marker beside the SQLite file and warn (``ask``) if others have it open;
    the heartbeat runs on a timer owned by ``owner``. None for PostgreSQL."""
    path = sqlite_path(database)
    if path is None:
        return None
    mine, others = in_use.claim(path, database.operator or "")
    if others:
        log.info("The database is also open in %d other window(s)", len(others))
        if ask:
            QMessageBox.warning(parent, APP_NAME, warning_text(others))
    if owner is not None:
        timer = QTimer(owner)
        timer.setInterval(int(in_use.HEARTBEAT.total_seconds() * 1000))
        timer.timeout.connect(lambda: mine.beat(database.operator or ""))
        timer.start()
    return mine

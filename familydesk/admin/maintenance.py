"""Administrative checks (``familydesk check``); backups live in familydesk.admin.backups."""

from __future__ import annotations

from dataclasses import dataclass, field

from familydesk.db.database import Database
from familydesk.db.migrate import current_revision, head_revision
from familydesk.i18n import _


@dataclass(frozen=True)
class CheckReport:
    revision: str | None
    head: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(database: Database) -> CheckReport:
    """Integrity and foreign-key checks of the back end, and the schema revision."""
    with database.engine.connect() as connection:
        problems = database.backend.integrity_problems(connection)
        revision = current_revision(connection)
        connection.rollback()
    head = head_revision()
    if revision != head:
        problems.append(
            _("The schema is at revision {current}, expected {head}.").format(
                current=revision or "-", head=head
            )
        )
    return CheckReport(revision=revision, head=head, problems=problems)

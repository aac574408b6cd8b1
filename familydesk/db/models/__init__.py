"""The ORM models, one module per capability; importing the package maps them all.

``registry`` holds the centre, families, people, consents, operators and the audit
trail; ``frontdesk``, ``appointments``, ``groups`` and ``cards`` their own tables.
Sessions, Alembic and tests import from the module that owns a table.
"""

from familydesk.db.models import (  # noqa: F401
    appointments,
    cards,
    directory,
    frontdesk,
    groups,
    registry,
    reports,
)

"""The system's own writes: named, and written in the audit trail as such.

A few writes are nobody's doing: the first centre of a new database, its first
administrator, the demo data on a database without operators. They run in
:func:`as_system`, never by giving the operator a role they do not have: the
sessions opened in the block act as :data:`SYSTEM` with the :data:`SYSTEM_ROLE`
(which every check allows, and which no operator can have), and every audit entry
they write names ``system`` as the operator and the reason as its note. When the
block ends, the operator acts again.

The system context belongs to the thread that entered it (``contextvars``): the
GUI runner's worker threads keep acting as the operator who queued their jobs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from familydesk.db.actor import Actor, acting

log = logging.getLogger(__name__)

#: The name written in the audit trail for the system's own writes.
SYSTEM = "system"
#: The role of the system's writes: allowed everything, held by no operator.
SYSTEM_ROLE = "system"
#: The reasons of the system's writes (kept in the audit trail, in English like its actions).
FIRST_CENTRE = "first centre of a new database"
FIRST_ADMIN = "first administrator of a new database"
DEMO_DATA = "demo data on a database without operators"


@contextmanager
def as_system(reason: str) -> Iterator[Actor]:
    """Sessions opened in this block (on this thread) act as the system, for ``reason``
    (a short phrase in English, kept in the audit trail: ``"first administrator"``)."""
    if not reason.strip():
        raise ValueError("as_system needs a reason: it is written in the audit trail")
    log.info("The system acts: %s", reason)
    with acting(Actor(SYSTEM, SYSTEM_ROLE, reason)) as actor:
        yield actor

"""Who acts in a unit of work: a value, fixed when the work is asked for.

An :class:`Actor` names whoever writes (the signed-in operator, the person at the
keyboard before anyone signs in, or the system doing one named piece of work) and
the role whose permissions apply. It is immutable: signing in replaces a
database's actor as a whole, so a session never sees one operator's name with
another's role.

:func:`acting` makes an actor act for the sessions opened by the current thread
(more precisely: the current ``contextvars`` context) until the block ends,
whatever the database's own actor is. The GUI's runner uses it so that a job runs
as the operator who queued it, even if someone else signs in before the job runs;
``familydesk.trust.acting.as_system`` uses it for the system's few writes. What an
actor may do is decided above this layer (``familydesk.trust.permissions``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """``name`` goes into the audit trail; ``role`` is the role whose permissions apply
    (``None``: nobody signed in); ``reason`` says why the system acts (system actors only)."""

    name: str = ""
    role: str | None = None
    reason: str = ""


_ACTING: ContextVar[Actor | None] = ContextVar("familydesk_actor", default=None)


@contextmanager
def acting(actor: Actor) -> Iterator[Actor]:
    """Sessions opened in this block (on this thread) act as ``actor``; the one before
    is back afterwards, also when the block raises."""
    token = _ACTING.set(actor)
    try:
        yield actor
    finally:
        _ACTING.reset(token)


def acting_now() -> Actor | None:
    """The actor set by :func:`acting` for this thread, if any."""
    return _ACTING.get()

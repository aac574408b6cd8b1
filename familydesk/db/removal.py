"""Removing a configuration record (a service, a place, a card type...): delete it, or only
retire it when records that must keep their history point to it."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

#: What ``remove_*`` did: the record was unused and is gone, or it is kept but inactive.
Removal = Literal["deleted", "retired"]


def remove_or_retire(session: Session, record: object, used: bool) -> Removal:
    """Delete ``record``, or only mark it inactive when ``used`` (what points to it must keep
    its name)."""
    if used:
        record.active = False  # type: ignore[attr-defined]
        session.flush()
        return "retired"
    session.delete(record)
    session.flush()
    return "deleted"

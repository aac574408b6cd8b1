"""What the configuration services of bookable resources share: whether appointments
point to a resource (then it is retired, not deleted)."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement


def used_by_appointments(session: Session, condition: ColumnElement[bool]) -> bool:
    """Whether any appointment matches ``condition`` (it points to the resource)."""
    return bool(session.scalar(select(exists().where(condition))))

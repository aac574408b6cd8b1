"""What the configuration services of bookable resources share: the permission
checks, cleaning of typed text, weekday names and "delete, or retire when used".

Reading the resources (services, staff, places...) is harmless and open to
every role that sees families or books appointments; changing them is the
coordinators' (``SETTINGS``).
"""

from __future__ import annotations

from typing import Literal

from babel.dates import get_day_names
from sqlalchemy import exists, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from familydesk.db.base import utcnow
from familydesk.i18n import _, babel_locale
from familydesk.kernel.errors import ValidationError
from familydesk.trust import permissions

#: What ``remove_*`` did: the record was unused and is gone, or it is kept but inactive.
Removal = Literal["deleted", "retired"]


def require_read(session: Session) -> None:
    """Listing resources needs ``VIEW_REGISTRY`` or ``APPOINTMENTS``."""
    if not (
        permissions.allowed(session, permissions.VIEW_REGISTRY)
        or permissions.allowed(session, permissions.APPOINTMENTS)
    ):
        raise permissions.refusal(permissions.role_of(session), permissions.APPOINTMENTS)


def require_write(session: Session) -> None:
    """Changing resources needs ``SETTINGS`` (coordinators and admins)."""
    permissions.require(session, permissions.SETTINGS)


def clean_text(field: str, label: str, value: str, max_length: int, required: bool = False) -> str:
    """``value`` without surrounding spaces; ``ValidationError`` naming ``label`` when it is
    missing (``required``) or longer than ``max_length``."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, _("{field}: please fill it in.").format(field=label))
    if len(text) > max_length:
        raise ValidationError(
            field, _("{field}: at most {count} characters.").format(field=label, count=max_length)
        )
    return text


def weekday_name(weekday: int) -> str:
    """Monday (0) to Sunday (6) in the interface language, capitalised."""
    name = get_day_names("wide", locale=babel_locale())[weekday]
    return name[:1].upper() + name[1:]


def touch(record: object) -> None:
    """Make the next flush UPDATE ``record`` so that its version moves on (its children changed)."""
    record.updated_at = utcnow()  # type: ignore[attr-defined]


def used_by_appointments(session: Session, condition: ColumnElement[bool]) -> bool:
    return bool(session.scalar(select(exists().where(condition))))


def remove_or_retire(session: Session, record: object, used: bool) -> Removal:
    """Delete ``record``, or only mark it inactive when appointments point to it
    (their history must keep its name)."""
    if used:
        record.active = False  # type: ignore[attr-defined]
        session.flush()
        return "retired"
    session.delete(record)
    session.flush()
    return "deleted"

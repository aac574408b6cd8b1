"""Operators, roles and signing in.

Passwords are hashed with Argon2id (argon2-cffi); after ``MAX_FAILURES``
wrong passwords an account is locked for ``LOCK_MINUTES``. Managing
operators is for admins, except the very first one: on a database with no
operator, creating an admin is the one thing allowed (the bootstrap).

Services take a session; the signed-in operator travels in
``session.info["operator"]`` (name, for the audit trail) and
``session.info["role"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.actor import Actor
from familydesk.db.base import utcnow
from familydesk.db.database import Database
from familydesk.db.models.registry import AuditEntry, Operator
from familydesk.i18n import _, format_datetime
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.trust.acting import SYSTEM_ROLE
from familydesk.trust.permissions import ROLES, PermissionDenied

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,49}$")
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """The Argon2 hash stored for ``password`` (the demo gives its operators one)."""
    return _hasher.hash(password)


class SignInError(FamilyDeskError):
    """Wrong name or password, a disabled or locked account."""


@dataclass(frozen=True)
class OperatorInfo:
    id: int
    username: str
    full_name: str
    role: str
    active: bool
    version: int


def _info(operator: Operator) -> OperatorInfo:
    return OperatorInfo(
        operator.id,
        operator.username,
        operator.full_name,
        operator.role,
        operator.active,
        operator.version,
    )


def count_operators(session: Session) -> int:
    return session.scalar(select(func.count(Operator.id))) or 0


def require_admin(session: Session) -> None:
    if session.info.get("role") not in ("admin", SYSTEM_ROLE):
        raise PermissionDenied(_("Only an administrator can manage operators."))


def check_password(password: str, allow_short: bool = False) -> None:
    if len(password) < MIN_PASSWORD and not allow_short:
        raise ValidationError(
            "password", _("Password: at least {count} characters.").format(count=MIN_PASSWORD)
        )


def add_operator(
    session: Session,
    username: str,
    role: str,
    password: str,
    full_name: str = "",
    allow_short_password: bool = False,
) -> OperatorInfo:
    """Create an operator; admins only, except the first admin of a new database."""
    bootstrap = count_operators(session) == 0
    if bootstrap and role != "admin":
        raise PermissionDenied(
            _(
                "This database has no operator yet: the first one must be an administrator (--role "
                "admin)."
            )
        )
    if not bootstrap:
        require_admin(session)
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise ValidationError(
            "username",
            _(
                "Name: 2 to 50 lower-case letters, digits, dots, dashes or underscores, e.g. "
                "laura.rossi."
            ),
        )
    if role not in ROLES:
        raise ValidationError(
            "role", _("Role: choose reception, educator, professional, coordinator or admin.")
        )
    check_password(password, allow_short_password)
    if session.scalar(select(Operator.id).where(Operator.username == name)) is not None:
        raise ValidationError("username", _("Name: {name} already exists.").format(name=name))
    operator = Operator(
        username=name, role=role, full_name=full_name.strip(), password_hash=_hasher.hash(password)
    )
    session.add(operator)
    session.flush()
    return _info(operator)


def list_operators(session: Session) -> list[OperatorInfo]:
    require_admin(session)
    return [_info(o) for o in session.scalars(select(Operator).order_by(Operator.username))]


def set_active(session: Session, username: str, active: bool) -> OperatorInfo:
    require_admin(session)
    operator = session.scalar(select(Operator).where(Operator.username == username.strip().lower()))
    if operator is None:
        raise ValidationError(
            "username", _("There is no operator called {name}.").format(name=username)
        )
    if not active and operator.username == session.info.get("operator"):
        raise ValidationError("username", _("You cannot disable yourself."))
    operator.active = active
    if active:
        operator.failed_attempts, operator.locked_until = 0, None
    session.flush()
    return _info(operator)


def set_password(session: Session, username: str, password: str) -> OperatorInfo:
    """An administrator gives an operator a new password (and lifts a lock-out)."""
    require_admin(session)
    check_password(password)
    operator = session.scalar(select(Operator).where(Operator.username == username.strip().lower()))
    if operator is None:
        raise ValidationError(
            "username", _("There is no operator called {name}.").format(name=username)
        )
    operator.password_hash = _hasher.hash(password)
    operator.failed_attempts, operator.locked_until = 0, None
    session.flush()
    return _info(operator)


def sign_in(
    database: Database, username: str, password: str, now: datetime | None = None
) -> OperatorInfo:
    """Check the password and make ``username`` the operator of ``database``.

    Failures are counted (and committed) before ``SignInError`` is raised.
    """
    result = database.write(authenticate, username, password, now)
    if isinstance(result, SignInError):
        raise result
    database.actor = Actor(result.username, result.role)
    return result


def authenticate(
    session: Session, username: str, password: str, now: datetime | None = None
) -> OperatorInfo | SignInError:
    """Check a password; returns the operator, or the error to raise *after* committing
    (so that failures add up). The message never says whether the name exists."""
    now = now or utcnow()
    wrong = SignInError(_("Wrong name or password."))
    operator = session.scalar(select(Operator).where(Operator.username == username.strip().lower()))
    if operator is None:
        _hasher.hash(password)  # the same time as a real check: names cannot be probed
        return wrong
    if operator.locked_until is not None and operator.locked_until > now:
        return SignInError(
            _("Too many wrong passwords: this account is locked until {time}.").format(
                time=format_datetime(operator.locked_until)
            )
        )
    try:
        _hasher.verify(operator.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        operator.failed_attempts += 1
        if operator.failed_attempts >= MAX_FAILURES:
            operator.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            operator.failed_attempts = 0
        session.flush()
        return wrong
    if not operator.active:
        return SignInError(_("This account is disabled: ask an administrator."))
    operator.failed_attempts, operator.locked_until, operator.last_sign_in = 0, None, now
    if _hasher.check_needs_rehash(operator.password_hash):
        operator.password_hash = _hasher.hash(password)
    session.flush()
    return _info(operator)


DEMO_PASSWORD = "demo"


def create_demo_operators(session: Session) -> list[str]:
    """One operator per role, named after it, password ``demo`` (demo databases only)."""
    if count_operators(session):
        return []
    for role in ROLES:
        session.add(
            Operator(
                username=role,
                role=role,
                full_name=f"Demo {role}",
                password_hash=_hasher.hash(DEMO_PASSWORD),
            )
        )
    session.flush()
    return list(ROLES)


def is_demo(session: Session) -> bool:
    """True for a database filled by ``familydesk demo`` (its sign-in screen says so)."""
    return (
        session.scalar(select(AuditEntry.id).where(AuditEntry.action == "demo").limit(1))
        is not None
    )

"""What each role may do, checked in the service layer.

Pages hide what an operator cannot use, but the rule lives here: every
service that reads sensitive data, exports, prints or changes records calls
:func:`require` (or :func:`allowed` to leave fields out), and the session
hook refuses a flush that writes a table the role may not write. A session
with no role (nobody signed in) may do nothing that is checked.

The signed-in role travels in ``session.info["role"]`` (see
``Database.session``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from familydesk.i18n import N_, _
from familydesk.kernel.errors import FamilyDeskError
from familydesk.trust.acting import SYSTEM_ROLE

if TYPE_CHECKING:  # the roles and their words are read by --help: no ORM for them
    from sqlalchemy.orm import Session

# -- roles (the operators' own: familydesk.trust.operators signs them in) ----
ROLES: dict[str, str] = {
    "reception": N_("reception"),
    "educator": N_("educator"),
    "professional": N_("professional"),
    "coordinator": N_("coordinator"),
    "admin": N_("administrator"),
}

# -- permissions ------------------------------------------------------------
VIEW_REGISTRY = "registry.view"
EDIT_REGISTRY = "registry.edit"
DELETE_FAMILY = "registry.delete"
#: Social notes and ISEE (value and expiry): read and write.
SENSITIVE = "registry.sensitive"
PRINT = "forms.print"
#: Record walk-in contacts and their requests at the front desk.
FRONTDESK = "frontdesk.record"
#: Book, move and cancel appointments; see agendas.
APPOINTMENTS = "appointments.book"
#: Sign people up for parenting groups, withdraw them, inform those promoted.
GROUPS = "groups.enrol"
#: Plan groups and their sessions, take attendance, issue certificates.
GROUPS_RUN = "groups.run"
#: Check eligibility, issue, renew, revoke and replace family cards; record redemptions.
CARDS = "cards.issue"
IMPORT = "data.import"
EXPORT = "data.export"
VIEW_AUDIT = "audit.view"
#: Record an erasure request at the desk.
PRIVACY_REQUEST = "privacy.request"
#: Retention rules, anonymisation, decisions on erasure requests.
PRIVACY_MANAGE = "privacy.manage"
BACKUP = "backup.make"
SETTINGS = "settings.edit"
MANAGE_OPERATORS = "operators.manage"

#: What each permission lets an operator do, for refusals and the roles table.
DESCRIPTIONS: dict[str, str] = {
    VIEW_REGISTRY: N_("see families and their members"),
    EDIT_REGISTRY: N_("add and change families, members and consents"),
    DELETE_FAMILY: N_("delete a whole family"),
    SENSITIVE: N_("see and change social notes and ISEE"),
    PRINT: N_("print forms"),
    FRONTDESK: N_("record walk-in contacts and requests"),
    APPOINTMENTS: N_("book, move and cancel appointments"),
    GROUPS: N_("sign people up for groups"),
    GROUPS_RUN: N_("plan groups and their sessions, take attendance"),
    CARDS: N_("issue family cards and record their use"),
    IMPORT: N_("import data"),
    EXPORT: N_("export data"),
    VIEW_AUDIT: N_("read the audit trail"),
    PRIVACY_REQUEST: N_("record privacy requests"),
    PRIVACY_MANAGE: N_("apply retention rules and decide erasure requests"),
    BACKUP: N_("make backups"),
    SETTINGS: N_("change the centre's settings"),
    MANAGE_OPERATORS: N_("manage operators"),
}

_DESK = {VIEW_REGISTRY, EDIT_REGISTRY, PRINT, PRIVACY_REQUEST, GROUPS}
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "reception": frozenset(_DESK | {SENSITIVE, FRONTDESK, APPOINTMENTS, CARDS}),
    # Educators run groups: they see who the members are, not notes or ISEE.
    "educator": frozenset(_DESK | {GROUPS_RUN}),
    "professional": frozenset(_DESK | {SENSITIVE, FRONTDESK, APPOINTMENTS, CARDS}),
    "coordinator": frozenset(
        _DESK
        | {
            SENSITIVE,
            FRONTDESK,
            APPOINTMENTS,
            GROUPS_RUN,
            CARDS,
            DELETE_FAMILY,
            IMPORT,
            EXPORT,
            VIEW_AUDIT,
            PRIVACY_MANAGE,
            BACKUP,
            SETTINGS,
        }
    ),
    "admin": frozenset(DESCRIPTIONS),
}

#: Tables whose rows a role needs a permission to insert, change or delete
#: (checked at flush by ``familydesk.trust.hooks``); other tables check in their service.
TABLE_PERMISSIONS: dict[str, str] = {
    "family": EDIT_REGISTRY,
    "person": EDIT_REGISTRY,
    "consent": EDIT_REGISTRY,
    "person_merge": EDIT_REGISTRY,
    "member_comune": SETTINGS,
    "need": SETTINGS,
    "contact": FRONTDESK,
    "contact_request": FRONTDESK,
    "service": SETTINGS,
    "staff": SETTINGS,
    "place": SETTINGS,
    "room": SETTINGS,
    "opening_hours": SETTINGS,
    "closure": SETTINGS,
    "absence": SETTINGS,
    "appointment": APPOINTMENTS,
    "appointment_series": APPOINTMENTS,
    "parent_group": GROUPS_RUN,
    "group_educator": GROUPS_RUN,
    "group_session": GROUPS_RUN,
    "enrolment": GROUPS,
    "attendance": GROUPS_RUN,
    "card_type": SETTINGS,
    "organisation": SETTINGS,
    "directory_service": SETTINGS,
    "directory_service_need": SETTINGS,
    "partner": SETTINGS,
    "benefit": SETTINGS,
    "benefit_card_type": SETTINGS,
    "card": CARDS,
    "card_member": CARDS,
    "card_sequence": CARDS,
    "redemption": CARDS,
    "centre_setting": SETTINGS,
    "plan_action": SETTINGS,
    "plan_indicator": SETTINGS,
    "plan_action_group": SETTINGS,
    "siuss_flow": EXPORT,
    "siuss_flow_card": EXPORT,
    "retention_rule": PRIVACY_MANAGE,
    "erasure_request": PRIVACY_REQUEST,
}
#: Columns only roles with ``SENSITIVE`` may write.
SENSITIVE_COLUMNS: dict[str, frozenset[str]] = {
    "family": frozenset({"notes", "isee_value", "isee_expiry"}),
    "person": frozenset({"notes"}),
}


class PermissionDenied(FamilyDeskError):
    """The operator's role does not allow this."""


def role_of(session: Session) -> str | None:
    return session.info.get("role")


def role_allows(role: str | None, permission: str) -> bool:
    """Whether ``role`` may do ``permission``; the system's own writes may do all
    (``familydesk.trust.acting.as_system``)."""
    if role == SYSTEM_ROLE:
        return True
    return permission in ROLE_PERMISSIONS.get(role or "", frozenset())


def allowed(session: Session, permission: str) -> bool:
    """Whether the session's operator may do ``permission``."""
    return role_allows(role_of(session), permission)


def refusal(role: str | None, permission: str) -> PermissionDenied:
    if role is None:
        return PermissionDenied(_("Sign in first: nobody is signed in on this database."))
    return PermissionDenied(
        _("Your role ({role}) does not allow you to {action}.").format(
            role=_(ROLES.get(role, role)), action=_(DESCRIPTIONS.get(permission, permission))
        )
    )


def require(session: Session, permission: str) -> None:
    """Raise ``PermissionDenied`` (a translated sentence) unless the role allows it."""
    role = role_of(session)
    if not role_allows(role, permission):
        raise refusal(role, permission)


def require_resources_read(session: Session) -> None:
    """Listing bookable resources (services, staff, places, rooms, days) is harmless:
    it needs ``VIEW_REGISTRY`` or ``APPOINTMENTS``."""
    if not (allowed(session, VIEW_REGISTRY) or allowed(session, APPOINTMENTS)):
        raise refusal(role_of(session), APPOINTMENTS)


def require_resources_write(session: Session) -> None:
    """Changing bookable resources needs ``SETTINGS`` (coordinators and admins)."""
    require(session, SETTINGS)


def _changed_columns(obj: object) -> set[str]:
    from sqlalchemy import inspect

    state = inspect(obj)
    return {attr.key for attr in state.attrs if attr.history.has_changes()}


def check_flush(session: Session) -> None:
    """Refuse a flush that writes rows or sensitive columns the role may not write."""
    role = role_of(session)
    for group, is_new in ((session.new, True), (session.dirty, False), (session.deleted, False)):
        for obj in group:
            table = getattr(obj, "__tablename__", "")
            permission = TABLE_PERMISSIONS.get(table)
            if permission is None:
                continue
            if not role_allows(role, permission):
                raise refusal(role, permission)
            sensitive = SENSITIVE_COLUMNS.get(table)
            if not sensitive or role_allows(role, SENSITIVE) or obj in session.deleted:
                continue
            touched = (
                {c for c in sensitive if getattr(obj, c, None) not in (None, "")}
                if is_new
                else _changed_columns(obj) & sensitive
            )
            if touched:
                raise refusal(role, SENSITIVE)

"""Configuration of what appointments are booked with: services and staff here;
places, rooms and opening hours in :mod:`resources_places`; closures, absences
and patron saints' days in :mod:`resources_days` (all importable from here).

Services take a session, never commit, and return frozen dataclasses. Lists
are open to roles that see families or book appointments; changes need
``SETTINGS``. Edits carry the version that was read (optimistic locking), and
a record that appointments point to is retired (``active = False``), never
deleted, so that past appointments keep their names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from familydesk.appointments.names import SERVICE_NAMES, STAFF_KINDS, WHAT_TO_BRING, service_name
from familydesk.appointments.names import what_to_bring as service_what_to_bring
from familydesk.appointments.resources_common import used_by_appointments
from familydesk.appointments.resources_days import (
    AbsenceRow,
    ClosureRow,
    PatronDayRow,
    add_absence,
    add_closure,
    list_absences,
    list_closures,
    list_patron_days,
    parse_patron_day,
    patron_day_text,
    remove_absence,
    remove_closure,
    set_patron_day,
)
from familydesk.appointments.resources_places import (
    HoursRow,
    PlaceInput,
    PlaceRow,
    RoomInput,
    RoomRow,
    list_places,
    parse_clock,
    remove_place,
    remove_room,
    save_place,
    save_room,
    set_opening_hours,
)
from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Absence, Appointment, Service, Staff
from familydesk.db.models.registry import Operator
from familydesk.db.removal import Removal, remove_or_retire
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import PHONE, clean_text
from familydesk.trust.permissions import require_resources_read, require_resources_write

MIN_MINUTES, MAX_MINUTES, MINUTES_STEP = 5, 480, 5


# -- services -----------------------------------------------------------------
@dataclass(frozen=True)
class ServiceRow:
    id: int
    key: str
    #: In the interface language (built-in services) or the centre's own wording.
    name: str
    duration_minutes: int
    what_to_bring: str
    profession: str
    active: bool
    version: int


@dataclass(frozen=True)
class ServiceInput:
    """A new service (``id`` None) or the changes to one (``id`` and the ``version`` read)."""

    name: str
    duration_minutes: int
    profession: str = ""
    what_to_bring: str = ""
    active: bool = True
    id: int | None = None
    version: int | None = None


def _service_row(service: Service) -> ServiceRow:
    return ServiceRow(
        service.id,
        service.key,
        service_name(service),
        service.duration_minutes,
        service_what_to_bring(service),
        service.profession,
        service.active,
        service.version,
    )


def list_services(session: Session, active_only: bool = True) -> list[ServiceRow]:
    """The services in the centre's order, names in the interface language."""
    require_resources_read(session)
    query = select(Service).order_by(Service.position, Service.id)
    if active_only:
        query = query.where(Service.active.is_(True))
    return [_service_row(s) for s in session.scalars(query)]


def _new_key(session: Session, name: str) -> str:
    """A stable key from the first name given (``sportello_legale``), unique."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:30] or "service"
    taken = set(session.scalars(select(Service.key).where(Service.key.startswith(base))))
    key, number = base, 1
    while key in taken or key in SERVICE_NAMES:
        number += 1
        key = f"{base}_{number}"
    return key


def _is_default(text: str, default: str) -> bool:
    """Whether ``text`` is the built-in wording (in English or in the interface language)."""
    return bool(default) and text in (default, _(default))


def _check_minutes(minutes: int) -> int:
    if (
        not isinstance(minutes, int)
        or not MIN_MINUTES <= minutes <= MAX_MINUTES
        or minutes % MINUTES_STEP
    ):
        raise ValidationError(
            "duration_minutes",
            _("Duration: from 5 to 480 minutes, in steps of 5 (for example 45)."),
        )
    return minutes


def save_service(session: Session, data: ServiceInput) -> ServiceRow:
    """Add or change a service. Built-in wording that is left as shown stays built-in
    (translated); a name already used by another service is refused."""
    require_resources_write(session)
    name = clean_text("name", _("Name"), data.name, 200)
    minutes = _check_minutes(data.duration_minutes)
    profession = clean_text("profession", _("Given by"), data.profession, 100)
    bring = clean_text("what_to_bring", _("What to bring"), data.what_to_bring, 1000)
    if data.id is None:
        if not name:
            clean_text("name", _("Name"), name, 200, required=True)
        position = session.scalar(select(func.coalesce(func.max(Service.position), 0))) or 0
        service = Service(key=_new_key(session, name), position=position + 1)
    else:
        service = load_for_update(session, Service, data.id, data.version or 0)
    builtin = service.key in SERVICE_NAMES
    if builtin and (not name or _is_default(name, SERVICE_NAMES[service.key])):
        name = ""
    elif not name:
        clean_text("name", _("Name"), name, 200, required=True)
    if _is_default(bring, WHAT_TO_BRING.get(service.key, "")):
        bring = ""
    shown = name or _(SERVICE_NAMES[service.key])
    for other in session.scalars(select(Service).where(Service.id != service.id)):
        if service_name(other).casefold() == shown.casefold():
            raise ValidationError(
                "name", _("Name: there is already a service called {name}.").format(name=shown)
            )
    service.name, service.duration_minutes = name, minutes
    service.profession, service.what_to_bring, service.active = profession, bring, data.active
    session.add(service)
    session.flush()
    return _service_row(service)


def remove_service(session: Session, service_id: int, version: int) -> Removal:
    """Delete a service of the centre's own that was never booked; retire the others
    (built-in services are always kept: they can be made active again)."""
    require_resources_write(session)
    service = load_for_update(session, Service, service_id, version)
    used = service.key in SERVICE_NAMES or used_by_appointments(
        session, Appointment.service_id == service.id
    )
    return remove_or_retire(session, service, used)


# -- staff --------------------------------------------------------------------
@dataclass(frozen=True)
class StaffRow:
    id: int
    uid: str
    name: str
    #: ``professional`` or ``interpreter`` (``names.STAFF_KINDS``).
    kind: str
    profession: str
    #: Comma-separated, e.g. "arabo, francese".
    languages: str
    phone: str
    operator_id: int | None
    #: The linked operator's full name (or user name); empty when none.
    operator_name: str
    active: bool
    version: int


@dataclass(frozen=True)
class StaffInput:
    """A new staff member (``id`` None) or the changes to one (``id`` and ``version``)."""

    name: str
    kind: str = "professional"
    profession: str = ""
    languages: str = ""
    phone: str = ""
    operator_id: int | None = None
    active: bool = True
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class OperatorChoice:
    """An operator account a staff member can be linked to (for "my agenda")."""

    id: int
    label: str


def _operator_label(operator: Operator | None) -> str:
    if operator is None:
        return ""
    return operator.full_name or operator.username


def _staff_row(staff: Staff, operator: Operator | None) -> StaffRow:
    return StaffRow(
        staff.id,
        str(staff.uid),
        staff.name,
        staff.kind,
        staff.profession,
        staff.languages,
        staff.phone,
        staff.operator_id,
        _operator_label(operator),
        staff.active,
        staff.version,
    )


def list_staff(
    session: Session, kind: str | None = None, active_only: bool = True
) -> list[StaffRow]:
    """Professionals and interpreters / cultural mediators by name (``kind`` filters)."""
    require_resources_read(session)
    query = (
        select(Staff, Operator)
        .outerjoin(Operator, Operator.id == Staff.operator_id)
        .order_by(func.lower(Staff.name), Staff.id)
    )
    if kind is not None:
        query = query.where(Staff.kind == kind)
    if active_only:
        query = query.where(Staff.active.is_(True))
    return [_staff_row(staff, operator) for staff, operator in session.execute(query)]


def list_linkable_operators(session: Session) -> list[OperatorChoice]:
    """Active operators, for linking a staff member to the account they sign in with."""
    require_resources_write(session)
    query = select(Operator).where(Operator.active.is_(True)).order_by(Operator.username)
    return [
        OperatorChoice(o.id, f"{o.full_name} ({o.username})" if o.full_name else o.username)
        for o in session.scalars(query)
    ]


def _clean_languages(text: str) -> str:
    parts = [part.strip() for part in re.split(r"[,;]", text or "")]
    return ", ".join(part for part in parts if part)


def _check_operator(session: Session, operator_id: int | None, staff_id: int | None) -> None:
    if operator_id is None:
        return
    if session.get(Operator, operator_id) is None:
        raise ValidationError("operator_id", _("Operator: choose one from the list."))
    other = session.scalar(
        select(Staff).where(Staff.operator_id == operator_id, Staff.id != (staff_id or 0))
    )
    if other is not None:
        raise ValidationError(
            "operator_id",
            _("Operator: this account is already linked to {name}.").format(name=other.name),
        )


def save_staff(session: Session, data: StaffInput) -> StaffRow:
    """Add or change a professional or an interpreter / cultural mediator."""
    require_resources_write(session)
    name = clean_text("name", _("Name"), data.name, 200, required=True)
    if data.kind not in STAFF_KINDS:
        raise ValidationError(
            "kind", _("Kind: choose professional or interpreter / cultural mediator.")
        )
    profession = clean_text("profession", _("Profession"), data.profession, 100)
    languages = clean_text("languages", _("Languages"), _clean_languages(data.languages), 200)
    if data.kind == "interpreter" and not languages:
        raise ValidationError(
            "languages",
            _(
                "Languages: give at least one language of the interpreter or mediator, "
                "e.g. arabo, francese."
            ),
        )
    phone = clean_text("phone", _("Phone"), data.phone, 50)
    if phone and not PHONE.match(phone):
        raise ValidationError(
            "phone", _("Phone: use digits, spaces and + only, for example 0376 123456.")
        )
    _check_operator(session, data.operator_id, data.id)
    if data.id is None:
        staff = Staff()
        session.add(staff)
    else:
        staff = load_for_update(session, Staff, data.id, data.version or 0)
    staff.name, staff.kind, staff.profession = name, data.kind, profession
    staff.languages, staff.phone, staff.operator_id = languages, phone, data.operator_id
    staff.active = data.active
    session.flush()
    operator = session.get(Operator, staff.operator_id) if staff.operator_id else None
    return _staff_row(staff, operator)


def remove_staff(session: Session, staff_id: int, version: int) -> Removal:
    """Delete a staff member never booked (with their absences); retire the others."""
    require_resources_write(session)
    staff = load_for_update(session, Staff, staff_id, version)
    used = used_by_appointments(
        session, or_(Appointment.staff_id == staff.id, Appointment.interpreter_id == staff.id)
    )
    if not used:
        for absence in session.scalars(select(Absence).where(Absence.staff_id == staff.id)):
            session.delete(absence)
    return remove_or_retire(session, staff, used)


__all__ = [
    "AbsenceRow",
    "ClosureRow",
    "HoursRow",
    "OperatorChoice",
    "PatronDayRow",
    "PlaceInput",
    "PlaceRow",
    "Removal",
    "RoomInput",
    "RoomRow",
    "ServiceInput",
    "ServiceRow",
    "StaffInput",
    "StaffRow",
    "add_absence",
    "add_closure",
    "list_absences",
    "list_closures",
    "list_linkable_operators",
    "list_patron_days",
    "list_places",
    "list_services",
    "list_staff",
    "parse_clock",
    "parse_patron_day",
    "patron_day_text",
    "remove_absence",
    "remove_closure",
    "remove_place",
    "remove_room",
    "remove_service",
    "remove_staff",
    "save_place",
    "save_room",
    "save_service",
    "save_staff",
    "set_opening_hours",
    "set_patron_day",
]

"""Booking, moving and cancelling appointments, refusing every double booking.

A booking is checked inside the transaction that saves it: first the rows of
the professional, the interpreter, the room and the family are locked (in the
lock order of :mod:`familydesk.scheduling.occupancy`), then overlaps with other
appointments and with group sessions are looked for there, then the appointment
is written. Two desks booking the same slot are therefore serialised, and the
second one sees the first one's appointment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from familydesk.appointments.names import STATUSES, service_name
from familydesk.appointments.professions import refusal
from familydesk.appointments.queries import AppointmentRow, get_appointment
from familydesk.appointments.slots import SlotQuery, find_free_slots
from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Appointment, Place, Room, Service, Staff
from familydesk.db.models.registry import Family, Person
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError, FieldErrors, ValidationError
from familydesk.scheduling import occupancy
from familydesk.scheduling.calendar_rules import Rules, local_now
from familydesk.scheduling.occupancy import MAX_MINUTES
from familydesk.trust import permissions

#: Status changes an operator may make.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "booked": ("confirmed", "done", "no_show", "cancelled"),
    "confirmed": ("booked", "done", "no_show", "cancelled"),
    "done": ("booked", "confirmed", "no_show"),
    "no_show": ("booked", "confirmed", "done"),
    "cancelled": (),
}


@dataclass(frozen=True)
class AppointmentInput:
    service_id: int
    staff_id: int
    place_id: int
    starts_at: datetime
    #: Length in minutes; empty: the service's usual length.
    minutes: int | None = None
    room_id: int | None = None
    interpreter_id: int | None = None
    family_id: int | None = None
    person_id: int | None = None
    note: str = ""
    #: The walk-in request it is booked from, if any.
    request_id: int | None = None


class BookingConflict(FamilyDeskError):
    """The slot is taken or not bookable; carries the reasons and free alternatives."""

    def __init__(self, reasons: Sequence[str], alternatives: Sequence[object] = ()) -> None:
        self.reasons = tuple(reasons)
        self.alternatives = tuple(alternatives)
        message = _("This appointment cannot be booked: {reasons}.").format(
            reasons="; ".join(self.reasons)
        )
        if self.alternatives:
            message += " " + _("Next free: {slots}.").format(
                slots=", ".join(str(a) for a in self.alternatives)
            )
        super().__init__(message)


@dataclass(frozen=True)
class Checked:
    start: datetime
    end: datetime
    family_id: int | None
    staff_ids: set[int]


def lock(session: Session, checked: Checked, room_id: int | None) -> None:
    """Lock what the booking depends on, in the one order of ``scheduling.occupancy``."""
    occupancy.lock(session, staff=checked.staff_ids, rooms=[room_id], families=[checked.family_id])


def validate(session: Session, data: AppointmentInput, now: datetime) -> Checked:
    """Field checks that need no calendar: what exists, belongs together, is in the future.
    ``ValidationError`` lists every wrong field at once."""
    errors = FieldErrors()
    service = session.get(Service, data.service_id)
    if service is None or not service.active:
        errors.add("service", _("Service: choose one from the list."))
    staff = session.get(Staff, data.staff_id)
    if staff is None or staff.kind != "professional":
        errors.add("staff", _("Professional: choose one from the list."))
    elif service is not None and (
        reason := refusal(service_name(service), service.profession, staff.name, staff.profession)
    ):
        errors.add("staff", reason)
    place = session.get(Place, data.place_id)
    if place is None:
        errors.add("place", _("Place: choose one from the list."))
    elif data.room_id is not None:
        room = session.get(Room, data.room_id)
        if room is None or room.place_id != place.id or not room.active:
            errors.add("room", _("Room: choose a room of {place}.").format(place=place.name))
    staff_ids = {data.staff_id}
    if data.interpreter_id is not None:
        interpreter = session.get(Staff, data.interpreter_id)
        if interpreter is None or interpreter.kind != "interpreter":
            errors.add("interpreter", _("Interpreter: choose one from the list."))
        else:
            staff_ids.add(interpreter.id)
    minutes = (
        data.minutes if data.minutes is not None else (service.duration_minutes if service else 60)
    )
    if not 5 <= minutes <= MAX_MINUTES:
        errors.add("minutes", _("Length: between 5 and {most} minutes.").format(most=MAX_MINUTES))
    start = data.starts_at.replace(second=0, microsecond=0, tzinfo=None)
    if start < now:
        errors.add("starts_at", _("Date and time: the appointment must be in the future."))
    family_id = data.family_id
    if data.person_id is not None:
        person = session.get(Person, data.person_id)
        if person is None or (family_id is not None and person.family_id != family_id):
            errors.add("person", _("Person: choose a member of the family."))
        else:
            family_id = person.family_id
    if family_id is not None:
        family = session.get(Family, family_id)
        if family is None or family.anonymised_on is not None:
            errors.add("family", _("Family: choose a registered family."))
    errors.raise_any()
    return Checked(start, start + timedelta(minutes=minutes), family_id, staff_ids)


def refusals(
    session: Session,
    data: AppointmentInput,
    checked: Checked,
    exclude: Sequence[int] = (),
    rules: Rules | None = None,
) -> list[str]:
    """Every reason the slot cannot be booked: calendar rules first, then overlaps."""
    start, end = checked.start, checked.end
    rules = rules or Rules(session, start.date(), start.date(), {data.place_id}, checked.staff_ids)
    reasons = [r for r in [rules.place_refusal(data.place_id, start, end)] if r]
    reasons += [r for s in sorted(checked.staff_ids) if (r := rules.staff_refusal(s, start.date()))]
    reasons += occupancy.booking_conflicts(
        session, start, end, checked.staff_ids, data.room_id, checked.family_id, exclude
    )
    return reasons


def _alternatives(
    session: Session, data: AppointmentInput, checked: Checked, exclude: Sequence[int]
) -> list[object]:
    query = SlotQuery(
        service_id=data.service_id,
        minutes=int((checked.end - checked.start).total_seconds() // 60),
        staff_id=data.staff_id,
        place_id=data.place_id,
        room_id=data.room_id,
        interpreter_id=data.interpreter_id,
        family_id=checked.family_id,
        after=max(checked.start - timedelta(hours=2), local_now()),
        days=28,
        limit=3,
    )
    return list(find_free_slots(session, query, exclude=exclude))


def check_and_lock(
    session: Session,
    data: AppointmentInput,
    now: datetime | None = None,
    exclude: Sequence[int] = (),
) -> Checked:
    """Validate ``data``, lock its resources and refuse any clash (with alternatives)."""
    checked = validate(session, data, now or local_now())
    lock(session, checked, data.room_id)
    reasons = refusals(session, data, checked, exclude)
    if reasons:
        raise BookingConflict(reasons, _alternatives(session, data, checked, exclude))
    return checked


def book(session: Session, data: AppointmentInput, now: datetime | None = None) -> AppointmentRow:
    """Book one appointment; ``BookingConflict`` says why not and what is free instead."""
    permissions.require(session, permissions.APPOINTMENTS)
    checked = check_and_lock(session, data, now)
    appointment = new_appointment(session, data, checked)
    session.flush()
    return get_appointment(session, appointment.id)


def new_appointment(
    session: Session, data: AppointmentInput, checked: Checked, **extra: object
) -> Appointment:
    appointment = Appointment(
        service_id=data.service_id,
        staff_id=data.staff_id,
        place_id=data.place_id,
        room_id=data.room_id,
        interpreter_id=data.interpreter_id,
        family_id=checked.family_id,
        person_id=data.person_id,
        starts_at=checked.start,
        ends_at=checked.end,
        status="booked",
        note=data.note.strip(),
        request_id=data.request_id,
        booked_by=str(session.info.get("operator") or ""),
        **extra,
    )
    session.add(appointment)
    return appointment


def input_of(appointment: Appointment, **changes: object) -> AppointmentInput:
    """The booking input of an existing appointment, with ``changes`` applied."""
    values: dict[str, object] = dict(
        service_id=appointment.service_id,
        staff_id=appointment.staff_id,
        place_id=appointment.place_id,
        starts_at=appointment.starts_at,
        minutes=int((appointment.ends_at - appointment.starts_at).total_seconds() // 60),
        room_id=appointment.room_id,
        interpreter_id=appointment.interpreter_id,
        family_id=appointment.family_id,
        person_id=appointment.person_id,
        note=appointment.note,
        request_id=appointment.request_id,
    )
    values.update(changes)
    return AppointmentInput(**values)  # type: ignore[arg-type]


def move(
    session: Session,
    appointment_id: int,
    version: int,
    starts_at: datetime,
    now: datetime | None = None,
    **changes: object,
) -> AppointmentRow:
    """Move an appointment (another time, and optionally professional, place or room)."""
    permissions.require(session, permissions.APPOINTMENTS)
    appointment = load_for_update(session, Appointment, appointment_id, version)
    if appointment.status not in ("booked", "confirmed"):
        raise FamilyDeskError(_("Only a booked or confirmed appointment can be moved."))
    data = input_of(appointment, starts_at=starts_at, **changes)
    checked = check_and_lock(session, data, now, exclude=[appointment.id])
    appointment.starts_at, appointment.ends_at = checked.start, checked.end
    appointment.staff_id, appointment.place_id = data.staff_id, data.place_id
    appointment.room_id, appointment.interpreter_id = data.room_id, data.interpreter_id
    session.flush()
    return get_appointment(session, appointment.id)


def set_status(
    session: Session,
    appointment_id: int,
    version: int,
    status: str,
    reason: str = "",
    now: datetime | None = None,
) -> AppointmentRow:
    """Confirm, mark done or no-show, or cancel (with a reason) one appointment."""
    permissions.require(session, permissions.APPOINTMENTS)
    appointment = load_for_update(session, Appointment, appointment_id, version)
    change_status(appointment, status, reason, now or local_now())
    session.flush()
    return get_appointment(session, appointment.id)


def change_status(appointment: Appointment, status: str, reason: str, now: datetime) -> None:
    if status not in TRANSITIONS.get(appointment.status, ()):
        raise FamilyDeskError(
            _("A {old} appointment cannot become {new}.").format(
                old=_status_name(appointment.status), new=_status_name(status)
            )
        )
    if status in ("done", "no_show") and appointment.starts_at > now:
        raise FamilyDeskError(
            _("An appointment can be marked done or no-show once it has started.")
        )
    if status == "cancelled":
        if not reason.strip():
            raise ValidationError("reason", _("Reason: say why the appointment is cancelled."))
        appointment.cancel_reason = reason.strip()[:200]
    appointment.status = status


def _status_name(status: str) -> str:
    return _(STATUSES.get(status, status))

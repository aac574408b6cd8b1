"""Reading appointments: day and week views, a family's appointments, tomorrow's call list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from familydesk.appointments.names import service_name
from familydesk.db.models.appointments import Appointment, Place, Room, Service, Staff
from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.i18n import _
from familydesk.kernel.errors import NotFoundError
from familydesk.trust import permissions


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    uid: str
    starts_at: datetime
    ends_at: datetime
    status: str
    service_id: int
    service: str
    staff_id: int
    staff: str
    interpreter_id: int | None
    interpreter: str
    place_id: int
    place: str
    address: str
    comune: str
    room_id: int | None
    room: str
    family_id: int | None
    family: str
    person_id: int | None
    person: str
    #: The person's phone, else the family's: for the call list.
    phone: str
    note: str
    cancel_reason: str
    series_id: int | None
    series_index: int | None
    request_id: int | None
    booked_by: str
    version: int

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def who(self) -> str:
        """Who the appointment is for: the person, else the family, else nobody named."""
        return self.person or self.family or _("(no family)")


_PERSON = aliased(Person)


def _query() -> Select:  # type: ignore[type-arg]
    return (
        select(
            Appointment,
            Family.name,
            Family.phone,
            _PERSON.first_name,
            _PERSON.last_name,
            _PERSON.phone,
        )
        .outerjoin(Family, Family.id == Appointment.family_id)
        .outerjoin(_PERSON, _PERSON.id == Appointment.person_id)
    )


class _Names:
    """The small catalogue tables, loaded once per call."""

    def __init__(self, session: Session) -> None:
        self.services = {s.id: service_name(s) for s in session.scalars(select(Service))}
        self.staff = dict(session.execute(select(Staff.id, Staff.name)).all())
        self.places = {
            p.id: (p.name, p.address, comune)
            for p, comune in session.execute(
                select(Place, MemberComune.name).join(
                    MemberComune, MemberComune.id == Place.comune_id
                )
            )
        }
        self.rooms = dict(session.execute(select(Room.id, Room.name)).all())


def _rows(session: Session, query: Select) -> list[AppointmentRow]:  # type: ignore[type-arg]
    result = session.execute(query).all()
    if not result:
        return []
    names = _Names(session)
    rows = []
    for a, family, family_phone, first, last, person_phone in result:
        place, address, comune = names.places.get(a.place_id, ("", "", ""))
        rows.append(
            AppointmentRow(
                a.id,
                str(a.uid),
                a.starts_at,
                a.ends_at,
                a.status,
                a.service_id,
                names.services.get(a.service_id, ""),
                a.staff_id,
                names.staff.get(a.staff_id, ""),
                a.interpreter_id,
                names.staff.get(a.interpreter_id, "") if a.interpreter_id else "",
                a.place_id,
                place,
                address,
                comune,
                a.room_id,
                names.rooms.get(a.room_id, "") if a.room_id else "",
                a.family_id,
                family or "",
                a.person_id,
                f"{last} {first}" if last else "",
                person_phone or family_phone or "",
                a.note,
                a.cancel_reason,
                a.series_id,
                a.series_index,
                a.request_id,
                a.booked_by,
                a.version,
            )
        )
    return rows


def appointments_between(
    session: Session,
    first: datetime,
    last: datetime,
    *,
    staff_id: int | None = None,
    room_id: int | None = None,
    place_id: int | None = None,
    family_id: int | None = None,
    include_cancelled: bool = True,
) -> list[AppointmentRow]:
    """Appointments starting in [first, last), in time order; a staff filter includes
    the appointments where that person is the interpreter."""
    permissions.require(session, permissions.APPOINTMENTS)
    query = _query().where(Appointment.starts_at >= first, Appointment.starts_at < last)
    if staff_id is not None:
        query = query.where(
            (Appointment.staff_id == staff_id) | (Appointment.interpreter_id == staff_id)
        )
    if room_id is not None:
        query = query.where(Appointment.room_id == room_id)
    if place_id is not None:
        query = query.where(Appointment.place_id == place_id)
    if family_id is not None:
        query = query.where(Appointment.family_id == family_id)
    if not include_cancelled:
        query = query.where(Appointment.status != "cancelled")
    return _rows(session, query.order_by(Appointment.starts_at, Appointment.id))


def week_of(day: date) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00 of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, time())
    return start, start + timedelta(days=7)


def load_appointment(session: Session, key: int | str) -> Appointment:
    """An appointment by id or uid (as printed on the slip), or ``NotFoundError``."""
    appointment = None
    if isinstance(key, int) or str(key).isdigit():
        appointment = session.get(Appointment, int(key))
    else:
        try:
            uid = uuid.UUID(str(key).strip())
        except ValueError:
            uid = None
        if uid is not None:
            appointment = session.scalar(select(Appointment).where(Appointment.uid == uid))
    if appointment is None:
        raise NotFoundError(_("No appointment {key}: it may have been deleted.").format(key=key))
    return appointment


def get_appointment(session: Session, key: int | str) -> AppointmentRow:
    permissions.require(session, permissions.APPOINTMENTS)
    appointment = load_appointment(session, key)
    return _rows(session, _query().where(Appointment.id == appointment.id))[0]


def appointments_of_family(session: Session, family_id: int) -> list[AppointmentRow]:
    """All of a family's appointments, newest first (family page, right of access)."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    query = _query().where(Appointment.family_id == family_id)
    return _rows(session, query.order_by(Appointment.starts_at.desc(), Appointment.id.desc()))


def call_list(session: Session, day: date) -> list[AppointmentRow]:
    """The day's appointments still to be held, to phone the families the day before."""
    start = datetime.combine(day, time())
    rows = appointments_between(session, start, start + timedelta(days=1), include_cancelled=False)
    return [r for r in rows if r.status in ("booked", "confirmed")]

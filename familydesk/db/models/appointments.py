"""Appointment tables: services, staff, places and rooms, opening hours, absences, bookings.

Appointment times are the centre's wall-clock time (Europe/Rome), stored
without a time zone: opening hours, holidays and printed slips are all in
local time, and every centre is in Italy. Audit timestamps stay in UTC.

Bookable resources are the professional, the interpreter or cultural
mediator (both ``staff``), the room and the family. Overlaps are refused in
the service layer (``familydesk.appointments.booking``) inside the saving
transaction, after locking the resources' rows.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column

from familydesk.db.base import Base, RecordMixin, SiteOwnedMixin


class Service(RecordMixin, Base):
    """What an appointment is for: psychological counselling, family mediation..."""

    __tablename__ = "service"

    key: Mapped[str] = mapped_column(String(40), unique=True)
    #: The centre's own wording; empty for the built-in, translated name of ``key``.
    name: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    #: Printed on the family's slip ("what to bring").
    what_to_bring: Mapped[str] = mapped_column(Text, default="")
    #: The professions that give it, comma-separated ("psicologa/o, pedagogista"); empty:
    #: any. Matched to ``Staff.profession`` by ``appointments.professions.gives``.
    profession: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Staff(SiteOwnedMixin, Base):
    """A professional who holds appointments, or an interpreter / cultural mediator."""

    __tablename__ = "staff"
    __table_args__ = (CheckConstraint("kind IN ('professional', 'interpreter')", name="kind"),)

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="professional")
    #: Profession (assistente sociale, psicologa, mediatrice familiare...).
    profession: Mapped[str] = mapped_column(String(100), default="")
    #: Languages spoken (interpreters), comma-separated.
    languages: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    #: The operator account of this professional, for "my agenda" (optional).
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Place(SiteOwnedMixin, Base):
    """A place in a member comune where appointments are held (sede), with its rooms."""

    __tablename__ = "place"

    name: Mapped[str] = mapped_column(String(200))
    comune_id: Mapped[int] = mapped_column(
        ForeignKey("member_comune.id", ondelete="RESTRICT"), index=True
    )
    address: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Room(SiteOwnedMixin, Base):
    """A bookable room of a place."""

    __tablename__ = "room"

    place_id: Mapped[int] = mapped_column(ForeignKey("place.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class OpeningHours(SiteOwnedMixin, Base):
    """One opening interval of a place on a weekday (0 = Monday); several a day allowed."""

    __tablename__ = "opening_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("opens < closes", name="interval"),
    )

    place_id: Mapped[int] = mapped_column(ForeignKey("place.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)


class Closure(SiteOwnedMixin, Base):
    """A day a place (or every place, when ``place_id`` is empty) is closed beyond holidays."""

    __tablename__ = "closure"

    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("place.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(200), default="")


class Absence(SiteOwnedMixin, Base):
    """Days a staff member is away (holiday, sick leave, training): from and to, inclusive."""

    __tablename__ = "absence"
    __table_args__ = (CheckConstraint("first_day <= last_day", name="days"),)

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")


class AppointmentSeries(SiteOwnedMixin, Base):
    """A recurring series: weekly or fortnightly, N times or until a date."""

    __tablename__ = "appointment_series"
    __table_args__ = (CheckConstraint("every_weeks IN (1, 2)", name="every_weeks"),)

    every_weeks: Mapped[int] = mapped_column(Integer, default=1)
    occurrences: Mapped[int | None] = mapped_column(Integer)
    until: Mapped[date | None] = mapped_column(Date)


class Appointment(SiteOwnedMixin, Base):
    """A booking: service, professional, place and room, interpreter, family, time, status."""

    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint(
            "status IN ('booked', 'confirmed', 'done', 'no_show', 'cancelled')", name="status"
        ),
        CheckConstraint("starts_at < ends_at", name="interval"),
        Index("ix_appointment_staff_start", "staff_id", "starts_at"),
        Index("ix_appointment_interpreter_start", "interpreter_id", "starts_at"),
        Index("ix_appointment_room_start", "room_id", "starts_at"),
        Index("ix_appointment_family_start", "family_id", "starts_at"),
        Index("ix_appointment_place_start", "place_id", "starts_at"),
    )

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"))
    place_id: Mapped[int] = mapped_column(ForeignKey("place.id", ondelete="RESTRICT"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"))
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.id", ondelete="SET NULL"))
    #: The person the appointment is for (optional: the whole family otherwise).
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    #: Local wall-clock time (Europe/Rome), see the module docstring.
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(12), default="booked")
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment_series.id", ondelete="SET NULL"), index=True
    )
    #: 1-based position in the series.
    series_index: Mapped[int | None] = mapped_column(Integer)
    #: The walk-in request it was booked from (quick booking from the front desk).
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_request.id", ondelete="SET NULL")
    )
    #: Name of the operator who booked it.
    booked_by: Mapped[str] = mapped_column(String(100), default="")

"""Parenting groups: groups and courses, their sessions, sign-ups and attendance.

A group (*gruppo*, *percorso*, *laboratorio*, *scuola per genitori*) meets
at a place of a member comune, in a room, on a calendar of sessions
(*incontri*) with wall-clock times like appointments (Europe/Rome, naive).
People sign up one by one (*iscrizioni*): a parent, a child, or both; beyond
the capacity they wait in sign-up order, and when someone withdraws the first
one waiting takes the place and is listed "to inform". Attendance
(*presenze*) is one mark per enrolled person per session held.
"""

from __future__ import annotations

from datetime import date, datetime

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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from familydesk.db.base import Base, SiteOwnedMixin, UTCDateTime


class Group(SiteOwnedMixin, Base):
    """A parenting group or course: what, where, for whom, how many, when to sign up."""

    __tablename__ = "parent_group"
    __table_args__ = (
        CheckConstraint("target IN ('parents', 'children', 'both')", name="target"),
        CheckConstraint("age_unit IN ('months', 'years')", name="age_unit"),
        CheckConstraint("capacity_per IN ('person', 'family')", name="capacity_per"),
        CheckConstraint("completion_percent BETWEEN 1 AND 100", name="completion_percent"),
    )

    title: Mapped[str] = mapped_column(String(200))
    #: course, workshop, mutual_aid, parent_school, language_course, playgroup, other.
    kind: Mapped[str] = mapped_column(String(20), default="course")
    description: Mapped[str] = mapped_column(Text, default="")
    place_id: Mapped[int] = mapped_column(ForeignKey("place.id", ondelete="RESTRICT"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"))
    target: Mapped[str] = mapped_column(String(10), default="parents")
    #: Children's age range (inclusive, in completed ``age_unit``), checked on the start date.
    age_from: Mapped[int | None] = mapped_column(Integer)
    age_to: Mapped[int | None] = mapped_column(Integer)
    age_unit: Mapped[str] = mapped_column(String(6), default="years")
    #: Places (empty: no limit), counted per person or per family.
    capacity: Mapped[int | None] = mapped_column(Integer)
    capacity_per: Mapped[str] = mapped_column(String(6), default="person")
    signup_opens: Mapped[date | None] = mapped_column(Date)
    signup_closes: Mapped[date | None] = mapped_column(Date)
    #: Language the group is held in (ISO 639-1).
    language: Mapped[str] = mapped_column(String(10), default="it")
    #: Cost per participant in euro cents (empty: free of charge) and its conditions.
    cost_cents: Mapped[int | None] = mapped_column(Integer)
    cost_note: Mapped[str] = mapped_column(String(200), default="")
    #: Completion rule: present at least this share of the sessions (not cancelled).
    completion_percent: Mapped[int] = mapped_column(Integer, default=75)
    #: A group called off before it started (kept for the record).
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)


class GroupEducator(SiteOwnedMixin, Base):
    """An educator (operator account) who leads a group."""

    __tablename__ = "group_educator"
    __table_args__ = (UniqueConstraint("group_id", "operator_id"),)

    group_id: Mapped[int] = mapped_column(ForeignKey("parent_group.id", ondelete="CASCADE"))
    operator_id: Mapped[int] = mapped_column(
        ForeignKey("operator.id", ondelete="CASCADE"), index=True
    )


class GroupSession(SiteOwnedMixin, Base):
    """One meeting of a group (incontro): when, where; cancelled with a reason or held."""

    __tablename__ = "group_session"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="interval"),
        Index("ix_group_session_group_start", "group_id", "starts_at"),
        Index("ix_group_session_room_start", "room_id", "starts_at"),
    )

    group_id: Mapped[int] = mapped_column(ForeignKey("parent_group.id", ondelete="CASCADE"))
    #: Local wall-clock time (Europe/Rome), like appointments.
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    place_id: Mapped[int] = mapped_column(ForeignKey("place.id", ondelete="RESTRICT"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"))
    topic: Mapped[str] = mapped_column(String(200), default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    #: Added by hand beyond the generated pattern.
    extra: Mapped[bool] = mapped_column(Boolean, default=False)


class Enrolment(SiteOwnedMixin, Base):
    """A person's sign-up to a group: enrolled, waiting (in sign-up order) or withdrawn."""

    __tablename__ = "enrolment"
    __table_args__ = (
        CheckConstraint("status IN ('enrolled', 'waiting', 'withdrawn')", name="status"),
        UniqueConstraint("group_id", "person_id"),
        Index("ix_enrolment_group_status", "group_id", "status"),
    )

    group_id: Mapped[int] = mapped_column(ForeignKey("parent_group.id", ondelete="CASCADE"))
    #: Empty once the person's record is erased (the counts stay).
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    family_id: Mapped[int | None] = mapped_column(
        ForeignKey("family.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(10), default="enrolled")
    #: When they signed up: the waiting list's order.
    signed_up_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signed_up_on: Mapped[date] = mapped_column(Date)
    #: The day they got a place (sign-up day, or promotion from the waiting list).
    enrolled_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdraw_reason: Mapped[str] = mapped_column(String(200), default="")
    #: Promoted from the waiting list and not yet told.
    to_inform: Mapped[bool] = mapped_column(Boolean, default=False)
    informed_on: Mapped[date | None] = mapped_column(Date)
    #: Added on the spot at a session.
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_up_by: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Attendance(SiteOwnedMixin, Base):
    """One mark: an enrolled person at a session held (present, absent, excused)."""

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint("mark IN ('present', 'absent', 'excused')", name="mark"),
        UniqueConstraint("session_id", "enrolment_id"),
    )

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="CASCADE"))
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("enrolment.id", ondelete="CASCADE"), index=True
    )
    mark: Mapped[str] = mapped_column(String(8))

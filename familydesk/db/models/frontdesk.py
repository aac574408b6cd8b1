"""Front desk tables: the needs taxonomy, walk-in contacts and their requests.

Regional reporting counts contacts the way the Emilia-Romagna and Lombardy
desk systems do: one contact per person per day (a second visit the same day
adds to it), several requests per contact, an outcome for each.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from familydesk.db.base import Base, RecordMixin, SiteOwnedMixin, UTCDateTime


class Need(RecordMixin, Base):
    """One need of the taxonomy (configurable), mapped to a regional policy macro-area A-J."""

    __tablename__ = "need"
    __table_args__ = (
        CheckConstraint(
            "macro_area IN ('A','B','C','D','E','F','G','H','I','J')", name="macro_area"
        ),
    )

    key: Mapped[str] = mapped_column(String(40), unique=True)
    #: The centre's own wording; empty for the built-in, translated name of ``key``.
    name: Mapped[str] = mapped_column(String(200), default="")
    macro_area: Mapped[str] = mapped_column(String(1))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Contact(SiteOwnedMixin, Base):
    """A walk-in contact (accesso allo sportello): who came, when, how, sent by whom."""

    __tablename__ = "contact"
    __table_args__ = (
        CheckConstraint("channel IN ('in_person', 'phone', 'email', 'other')", name="channel"),
        CheckConstraint("status IN ('waiting', 'serving', 'done')", name="status"),
        CheckConstraint("anon_sex IN ('', 'F', 'M')", name="anon_sex"),
        # One contact per person per day (NULLs, i.e. anonymous visitors, never clash).
        Index("uq_contact_person_day", "person_id", "contact_date", unique=True),
        # Today's queue: one centre's day (migration 0014).
        Index("ix_contact_day_site", "contact_date", "site_id"),
    )

    contact_date: Mapped[date] = mapped_column(Date, index=True)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Name of the operator who recorded it.
    operator: Mapped[str] = mapped_column(String(100), default="")
    channel: Mapped[str] = mapped_column(String(10), default="in_person")
    family_id: Mapped[int | None] = mapped_column(
        ForeignKey("family.id", ondelete="SET NULL"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    #: An anonymous visitor (or a contact whose person was anonymised): statistics only.
    anon_sex: Mapped[str] = mapped_column(String(1), default="")
    anon_birth_year: Mapped[int | None] = mapped_column(Integer)
    anon_citizenship: Mapped[str] = mapped_column(String(100), default="")
    anon_comune: Mapped[str] = mapped_column(String(100), default="")
    #: Who sent them: school, health service, social services, word of mouth...
    referred_by: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(10), default="waiting")
    served_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Name of the operator who called the visitor in (the queue's "being served").
    served_by: Mapped[str] = mapped_column(String(100), default="")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requests: Mapped[list[ContactRequest]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactRequest.id"
    )


class ContactRequest(SiteOwnedMixin, Base):
    """A request inside a contact: the need, a note, the outcome(s), a follow-up."""

    __tablename__ = "contact_request"
    __table_args__ = (
        # "My follow-ups" (open_follow_ups(owner)): one operator's open ones, soonest first,
        # read straight from the index instead of every follow-up ever set.
        Index(
            "ix_contact_request_follow_up_owner",
            "follow_up_owner",
            "follow_up_done_on",
            "follow_up_on",
        ),
        CheckConstraint(
            "referral_outcome IN ('', 'waiting', 'reached', 'not_reached', 'refused')",
            name="referral_outcome",
        ),
    )

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="RESTRICT"))
    note: Mapped[str] = mapped_column(Text, default="")
    #: Comma-separated keys of ``familydesk.frontdesk.OUTCOMES``.
    outcomes: Mapped[str] = mapped_column(String(120), default="")
    #: The directory's service the family was sent to (invio), when an outcome is a referral.
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("directory_service.id", ondelete="SET NULL"), index=True
    )
    #: The referral as typed, when no directory entry fits ("other"), or as it was
    #: recorded before the directory (kept when matched).
    referral_to: Mapped[str] = mapped_column(String(200), default="")
    #: Did the family reach the service? empty (not followed up), waiting, reached,
    #: not_reached or refused; and the day the answer was recorded.
    referral_outcome: Mapped[str] = mapped_column(String(12), default="")
    referral_outcome_on: Mapped[date | None] = mapped_column(Date)
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    follow_up_owner: Mapped[str] = mapped_column(String(100), default="")
    follow_up_done_on: Mapped[date | None] = mapped_column(Date)

    contact: Mapped[Contact] = relationship(back_populates="requests")

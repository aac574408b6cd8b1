"""Family cards (Carta della Famiglia): card types and their eligibility rules, cards,
partners with their benefits, and benefit redemptions.

Eligibility rules are data, set by a coordinator per card type: residence in the
member comuni (and for how long), how many children under an age limit (foster
children counted or not, a longer limit for children with a disability), an
optional ISEE ceiling with a valid ISEE, the holder's own age (youth cards), the
validity period. A card number is the comune's cadastral code, a sequence unique
across the consortium, and an ISO 7064 MOD 37-2 check character.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from familydesk.db.base import Base, RecordMixin, SiteOwnedMixin, UTCDateTime


class CardType(SiteOwnedMixin, Base):
    """A kind of card and its eligibility rules (configured in the GUI)."""

    __tablename__ = "card_type"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: Residence in one of the member comuni, for at least ``residence_months``.
    residence_required: Mapped[bool] = mapped_column(Boolean, default=True)
    residence_months: Mapped[int] = mapped_column(Integer, default=0)
    #: Children needed (0: none) under ``child_age_limit`` (their age < limit).
    min_children: Mapped[int] = mapped_column(Integer, default=0)
    child_age_limit: Mapped[int] = mapped_column(Integer, default=18)
    count_foster: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Children with a disability count up to this age (empty: the same limit).
    disability_age_limit: Mapped[int | None] = mapped_column(Integer)
    #: ISEE ceiling in euro (empty: no income limit); a valid, unexpired ISEE is then needed.
    isee_ceiling: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    #: The holder's own age range (youth cards: 18-25), inclusive; empty: any adult.
    holder_min_age: Mapped[int | None] = mapped_column(Integer)
    holder_max_age: Mapped[int | None] = mapped_column(Integer)
    validity_months: Mapped[int] = mapped_column(Integer, default=12)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The benefit's code in the INPS SIUSS tables (a card under an ISEE rule is a
    #: means-tested social benefit the comune reports); empty: not reported.
    siuss_code: Mapped[str] = mapped_column(String(20), default="", server_default="")


class CardSequence(RecordMixin, Base):
    """The last sequence number given in a comune (locked while a card is numbered)."""

    __tablename__ = "card_sequence"

    comune_code: Mapped[str] = mapped_column(String(4), unique=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Card(SiteOwnedMixin, Base):
    """A card issued to a family: number, type, holder, members covered, validity."""

    __tablename__ = "card"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'revoked', 'replaced')", name="status"),
        CheckConstraint("issued_on <= expires_on", name="validity"),
        Index("ix_card_family_status", "family_id", "status"),
        # The register's order, latest first, a page at a time (migration 0014).
        Index("ix_card_issued_on_id", "issued_on", "id"),
    )

    number: Mapped[str] = mapped_column(String(20), unique=True)
    card_type_id: Mapped[int] = mapped_column(ForeignKey("card_type.id", ondelete="RESTRICT"))
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.id", ondelete="SET NULL"))
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    comune_code: Mapped[str] = mapped_column(String(4))
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    #: Why the expiry is earlier than the validity period (e.g. the youngest child turns 18).
    shortened_reason: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default="active")
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoke_reason: Mapped[str] = mapped_column(String(200), default="")
    #: The card this one renews or replaces.
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("card.id", ondelete="SET NULL"), index=True
    )
    issued_by: Mapped[str] = mapped_column(String(100), default="")


class CardMember(SiteOwnedMixin, Base):
    """A family member the card covers."""

    __tablename__ = "card_member"
    __table_args__ = (UniqueConstraint("card_id", "person_id"),)

    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)


class Partner(SiteOwnedMixin, Base):
    """An agreement (convenzione) with an organisation of the directory: it gives benefits to
    card holders. Its name, address and phone are the organisation's."""

    __tablename__ = "partner"
    __table_args__ = (
        CheckConstraint(
            "category IN ('social', 'educational', 'commercial', 'cultural', 'sports')",
            name="category",
        ),
    )

    #: The organisation of the services directory this agreement is with.
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    category: Mapped[str] = mapped_column(String(12), default="commercial")
    #: The person who looks after the agreement at the partner.
    contact: Mapped[str] = mapped_column(String(200), default="")
    agreement_start: Mapped[date | None] = mapped_column(Date)
    agreement_end: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Benefit(SiteOwnedMixin, Base):
    """What a partner gives: a percent discount, a fixed amount, free entry, or other."""

    __tablename__ = "benefit"
    __table_args__ = (
        CheckConstraint("kind IN ('percent', 'amount', 'free_entry', 'other')", name="kind"),
    )

    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10), default="percent")
    #: Percent or euro, for ``percent`` and ``amount``.
    value: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    description: Mapped[str] = mapped_column(String(300), default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class BenefitCardType(SiteOwnedMixin, Base):
    """A card type a benefit applies to."""

    __tablename__ = "benefit_card_type"
    __table_args__ = (UniqueConstraint("benefit_id", "card_type_id"),)

    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id", ondelete="CASCADE"))
    card_type_id: Mapped[int] = mapped_column(
        ForeignKey("card_type.id", ondelete="CASCADE"), index=True
    )


class Redemption(SiteOwnedMixin, Base):
    """A use of a benefit by card number: accepted, or refused with the reason (both logged)."""

    __tablename__ = "redemption"
    __table_args__ = (
        Index("ix_redemption_card_at", "card_id", "at"),
        Index("ix_redemption_benefit_at", "benefit_id", "at"),
    )

    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id", ondelete="CASCADE"))
    #: Empty when the number typed matched no card.
    card_id: Mapped[int | None] = mapped_column(ForeignKey("card.id", ondelete="SET NULL"))
    number_typed: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    accepted: Mapped[bool] = mapped_column(Boolean)
    #: Why it was refused: expired, revoked, replaced, unknown, check, card_type, agreement...
    reason: Mapped[str] = mapped_column(String(20), default="")
    operator: Mapped[str] = mapped_column(String(100), default="")

"""The directory of the territory's services (mappatura dei servizi).

An organisation (a comune's social services, the ASL, a school, an association, a
sports club, a shop) runs services; each service serves one or more needs of the
front desk's taxonomy (and so their macro-areas A-J). A family-card partner is an
organisation with an agreement (``partner.organisation_id``); a referral at the desk
(``contact_request.service_id``) points at a service.

Comuni are stored like a family's: the name as written and the cadastral code, so a
service in a comune outside the consortium (the hospital in Mantova) has one too.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from familydesk.db.base import Base, SiteOwnedMixin

#: Kinds of organisation, in the guide's order.
ORGANISATION_KINDS = (
    "public",
    "health",
    "school",
    "third_sector",
    "parish",
    "sports",
    "library",
    "shop",
    "other",
)
#: How a family gets in: walks in, books an appointment, or only when sent by a service.
ACCESS_MODES = ("walk_in", "appointment", "referral")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class Organisation(SiteOwnedMixin, Base):
    """Who runs services: a public body, an association, a club, a shop..."""

    __tablename__ = "organisation"
    __table_args__ = (CheckConstraint(_in("kind", ORGANISATION_KINDS), name="kind"),)

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="other")
    #: Codice fiscale or partita IVA, when known (the same organisation on two rows).
    tax_code: Mapped[str] = mapped_column(String(16), default="")
    comune_name: Mapped[str] = mapped_column(String(100), default="")
    comune_code: Mapped[str] = mapped_column(String(4), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    web: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DirectoryService(SiteOwnedMixin, Base):
    """A service an organisation offers: where, when, for whom, how to get in."""

    __tablename__ = "directory_service"
    __table_args__ = (
        CheckConstraint(_in("access", ACCESS_MODES), name="access"),
        CheckConstraint(
            "age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name="age_range"
        ),
    )

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: Where the service is (empty: the organisation's own address).
    comune_name: Mapped[str] = mapped_column(String(100), default="")
    comune_code: Mapped[str] = mapped_column(String(4), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    #: Serves every comune of the consortium (the consultorio, the ASL), not only its own.
    whole_area: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    web: Mapped[str] = mapped_column(String(300), default="")
    #: Opening hours as the service states them ("lun-ven 9-12; gio 14-17").
    hours: Mapped[str] = mapped_column(Text, default="")
    #: Who it is for: ages (inclusive, empty: any), conditions, residence.
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    audience: Mapped[str] = mapped_column(Text, default="")
    residence: Mapped[str] = mapped_column(String(300), default="")
    #: "gratuito", "10 € al mese", "in base all'ISEE".
    cost: Mapped[str] = mapped_column(String(200), default="")
    #: Languages spoken: comma-separated ISO 639-1 codes ("it,en,ar").
    languages: Mapped[str] = mapped_column(String(200), default="")
    access: Mapped[str] = mapped_column(String(12), default="walk_in")
    #: What to bring: documents, ISEE, the health card...
    bring: Mapped[str] = mapped_column(Text, default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    #: When someone last checked the entry is right (flagged after 12 months).
    checked_on: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DirectoryServiceNeed(SiteOwnedMixin, Base):
    """A need of the taxonomy a service answers (the first one is its category)."""

    __tablename__ = "directory_service_need"
    __table_args__ = (
        UniqueConstraint("service_id", "need_id"),
        Index("ix_directory_service_need_need", "need_id"),
    )

    service_id: Mapped[int] = mapped_column(ForeignKey("directory_service.id", ondelete="CASCADE"))
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)

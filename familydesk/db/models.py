"""The tables. Typed with ``Mapped[...]``; every change here needs a migration
(a test runs Alembic's autogenerate and fails on any difference).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from familydesk.db.base import Base, RecordMixin, SiteOwnedMixin


class Site(RecordMixin, Base):
    """A family centre (sede). A consortium server holds several.

    ``site_id`` is the centre that created this one (empty for the first).
    """

    __tablename__ = "site"

    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id", ondelete="SET NULL"))
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str] = mapped_column(String(50), default="")


class MemberComune(SiteOwnedMixin, Base):
    """A comune served by the centre or consortium (comune aderente)."""

    __tablename__ = "member_comune"

    name: Mapped[str] = mapped_column(String(100))
    province: Mapped[str] = mapped_column(String(2), default="")
    #: Codice catastale (Belfiore), e.g. L020 for Suzzara: the key used by codici fiscali.
    cadastral_code: Mapped[str] = mapped_column(String(4), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Family(SiteOwnedMixin, Base):
    """A household (nucleo familiare)."""

    __tablename__ = "family"

    name: Mapped[str] = mapped_column(String(200), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    comune_name: Mapped[str] = mapped_column(String(100), default="")
    comune_code: Mapped[str] = mapped_column(String(4), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[Person]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="Person.id"
    )


class Person(SiteOwnedMixin, Base):
    """A member of a family (componente)."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("sex IN ('F', 'M')", name="sex"),
        CheckConstraint("relation IN ('parent', 'child', 'other')", name="relation"),
    )

    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_place: Mapped[str] = mapped_column(String(100), default="")
    tax_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    #: Relationship to the family: parent (or guardian), child, other.
    relation: Mapped[str] = mapped_column(String(10), default="other")

    family: Mapped[Family] = relationship(back_populates="members")

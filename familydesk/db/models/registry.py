"""The tables. Typed with ``Mapped[...]``; every change here needs a migration
(a test runs Alembic's autogenerate and fails on any difference).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from familydesk.db.base import Base, RecordMixin, SiteOwnedMixin, UTCDateTime


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
    #: The patron saint's day, a local holiday ("MM-DD", empty if none): no bookings.
    patron_day: Mapped[str] = mapped_column(String(5), default="")
    patron_saint: Mapped[str] = mapped_column(String(100), default="")


class Family(SiteOwnedMixin, Base):
    """A household (nucleo familiare)."""

    __tablename__ = "family"

    name: Mapped[str] = mapped_column(String(200), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    #: CAP (codice di avviamento postale), five digits: the address block of letters needs it.
    postal_code: Mapped[str] = mapped_column(String(5), default="", server_default="")
    comune_name: Mapped[str] = mapped_column(String(100), default="")
    comune_code: Mapped[str] = mapped_column(String(4), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    isee_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    isee_expiry: Mapped[date | None] = mapped_column(Date)
    #: Since when the family lives in its comune (family-card residence rules).
    resident_since: Mapped[date | None] = mapped_column(Date)
    #: The family key of an imported spreadsheet (column ``famiglia``).
    external_key: Mapped[str] = mapped_column(String(100), default="", index=True)
    #: When identity was removed (GDPR retention or erasure); only the comune is kept.
    anonymised_on: Mapped[date | None] = mapped_column(Date)

    members: Mapped[list[Person]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="Person.id"
    )


class Person(SiteOwnedMixin, Base):
    """A member of a family (componente)."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("sex IN ('F', 'M')", name="sex"),
        CheckConstraint("relation IN ('parent', 'child', 'foster', 'other')", name="relation"),
    )

    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_place: Mapped[str] = mapped_column(String(100), default="")
    tax_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    #: Relationship to the family: parent (or guardian), child, foster (child), other.
    relation: Mapped[str] = mapped_column(String(10), default="other")
    #: Why there is no tax code (newborn waiting for one, no documents...).
    no_code_reason: Mapped[str] = mapped_column(String(200), default="")
    citizenship: Mapped[str] = mapped_column(String(100), default="")
    #: Languages spoken, comma separated, most used first.
    languages: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    disability: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Folded words the person is found by (see familydesk.kernel.text); indexed by
    #: FTS5 on SQLite and a tsvector column on PostgreSQL (migration 0002).
    search_text: Mapped[str] = mapped_column(Text, default="")
    #: Folded surname + given name, for "likely the same person" checks.
    name_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    #: Year of birth kept for statistics once the birth date is removed (anonymisation).
    birth_year: Mapped[int | None] = mapped_column(Integer)
    #: When identity was removed (see familydesk.privacy.anonymise); search and duplicate checks
    #: skip it.
    anonymised_on: Mapped[date | None] = mapped_column(Date)

    family: Mapped[Family] = relationship(back_populates="members")
    consents: Mapped[list[Consent]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Consent.id"
    )


class Consent(SiteOwnedMixin, Base):
    """A consent or the acknowledgement of the privacy notice (GDPR art. 13)."""

    __tablename__ = "consent"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('privacy', 'contact_phone', 'contact_sms', 'contact_email', 'photos')",
            name="kind",
        ),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    given_on: Mapped[date] = mapped_column(Date)
    notice_version: Mapped[str] = mapped_column(String(20), default="")
    #: Name of the operator who collected it.
    operator: Mapped[str] = mapped_column(String(100), default="")
    #: Who signed: empty for the person, else the guardian's name (minors).
    signed_by: Mapped[str] = mapped_column(String(200), default="")
    withdrawn_on: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="consents")


class PersonMerge(SiteOwnedMixin, Base):
    """A duplicate merged into another person: what it was, kept for history."""

    __tablename__ = "person_merge"

    kept_person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    merged_uid: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    #: JSON of the merged record as it was.
    snapshot: Mapped[str] = mapped_column(Text)


class RetentionRule(RecordMixin, Base):
    """How many months a kind of record is kept (see familydesk.privacy.retention).

    A kind without a row keeps its default; one rule per kind for the whole
    database (a consortium applies one policy).
    """

    __tablename__ = "retention_rule"

    kind: Mapped[str] = mapped_column(String(40), unique=True)
    months: Mapped[int] = mapped_column(Integer)


class ErasureRequest(SiteOwnedMixin, Base):
    """A request to erase a person's data (GDPR art. 17, "right to be forgotten").

    ``person_uid`` stays after the person is gone, to match the audit trail.
    """

    __tablename__ = "erasure_request"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'carried_out', 'refused')", name="status"),
        CheckConstraint(
            "refusal_ground IN ('', 'legal_obligation', 'public_health', 'archiving', "
            "'legal_claims')",
            name="refusal_ground",
        ),
    )

    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    person_uid: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    received_on: Mapped[date] = mapped_column(Date)
    #: Who asked and how (the person at the desk, a parent by e-mail...).
    requested_by: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    decided_on: Mapped[date | None] = mapped_column(Date)
    #: Name of the operator who decided.
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    refusal_ground: Mapped[str] = mapped_column(String(30), default="")
    refusal_note: Mapped[str] = mapped_column(Text, default="")


class Operator(SiteOwnedMixin, Base):
    """Someone who signs in: reception, educator, professional, coordinator or admin."""

    __tablename__ = "operator"
    __table_args__ = (
        CheckConstraint(
            "role IN ('reception', 'educator', 'professional', 'coordinator', 'admin')",
            name="role",
        ),
    )

    username: Mapped[str] = mapped_column(String(50), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    #: Argon2id hash (argon2-cffi); never the password.
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sign_in: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """One line of the append-only audit trail (see familydesk.trust.audit).

    Entries are never updated or deleted by FamilyDesk, so unlike the other
    tables they carry no version: each holds the hash of the previous entry
    and its own, so an edited, removed or inserted line breaks the chain.
    Only uids and names of fields are stored, never the values.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    site_code: Mapped[str] = mapped_column(String(20), default="")
    operator: Mapped[str] = mapped_column(String(100), default="", index=True)
    action: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(50), default="")
    record_uid: Mapped[str] = mapped_column(String(36), default="", index=True)
    fields: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

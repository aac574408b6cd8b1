"""Plain data the registry services take and return (never ORM objects)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from familydesk.i18n import N_

RELATIONS: dict[str, str] = {
    "parent": N_("parent or guardian"),
    "child": N_("child"),
    "foster": N_("foster child"),
    "other": N_("other"),
}
CHILD_RELATIONS = frozenset({"child", "foster"})
CONSENT_KINDS: dict[str, str] = {
    "privacy": N_("privacy notice acknowledged"),
    "contact_phone": N_("contact by phone"),
    "contact_sms": N_("contact by SMS"),
    "contact_email": N_("contact by e-mail"),
    "photos": N_("photos"),
}
#: Version of the privacy notice printed by FamilyDesk (familydesk.registry.printouts).
PRIVACY_NOTICE_VERSION = "2026-01"
ADULT_AGE = 18
#: A child "0-3" is under three years old (nursery age).
EARLY_CHILDHOOD_AGE = 3
LARGE_FAMILY_CHILDREN = 3


@dataclass(frozen=True)
class MemberInput:
    """A member as typed in a form or read from a file; ``id``/``version`` for edits."""

    first_name: str
    last_name: str
    sex: str = ""
    birth_date: date | None = None
    birth_place: str = ""
    tax_code: str = ""
    no_code_reason: str = ""
    relation: str = "parent"
    citizenship: str = ""
    languages: str = ""
    phone: str = ""
    email: str = ""
    disability: bool = False
    notes: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class FamilyInput:
    name: str
    address: str = ""
    comune_name: str = ""
    comune_code: str = ""
    phone: str = ""
    email: str = ""
    isee_value: Decimal | None = None
    isee_expiry: date | None = None
    notes: str = ""
    external_key: str = ""
    #: Since when the family lives in its comune (family-card residence rules).
    resident_since: date | None = None
    #: CAP: five digits, or empty.
    postal_code: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class ConsentRow:
    id: int
    person_id: int
    kind: str
    given_on: date
    notice_version: str
    operator: str
    signed_by: str
    withdrawn_on: date | None
    version: int

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None


@dataclass(frozen=True)
class MemberDetail:
    id: int
    uid: uuid.UUID
    first_name: str
    last_name: str
    sex: str
    birth_date: date | None
    birth_place: str
    tax_code: str | None
    no_code_reason: str
    relation: str
    citizenship: str
    languages: str
    phone: str
    email: str
    disability: bool
    notes: str
    age: int | None
    consents: list[ConsentRow]
    version: int
    #: True when the reader's role may not see notes (they are left empty).
    sensitive_hidden: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def is_minor(self) -> bool:
        if self.age is not None:
            return self.age < ADULT_AGE
        return self.relation in CHILD_RELATIONS

    @property
    def privacy_acknowledged(self) -> bool:
        return any(c.kind == "privacy" and c.active for c in self.consents)

    def as_input(self) -> MemberInput:
        return MemberInput(
            first_name=self.first_name,
            last_name=self.last_name,
            sex=self.sex,
            birth_date=self.birth_date,
            birth_place=self.birth_place,
            tax_code=self.tax_code or "",
            no_code_reason=self.no_code_reason,
            relation=self.relation,
            citizenship=self.citizenship,
            languages=self.languages,
            phone=self.phone,
            email=self.email,
            disability=self.disability,
            notes=self.notes,
            id=self.id,
            version=self.version,
        )


@dataclass(frozen=True)
class Markers:
    """Derived markers shown in lists (DOMAIN.md: vulnerability markers)."""

    large_family: bool = False
    single_parent: bool = False
    early_childhood: bool = False
    disability: bool = False

    def labels(self) -> list[str]:
        """Untranslated labels (mark with N_); translate where shown."""
        names = [
            (self.large_family, N_("large family")),
            (self.single_parent, N_("single parent")),
            (self.early_childhood, N_("child 0-3")),
            (self.disability, N_("disability")),
        ]
        return [label for on, label in names if on]


@dataclass(frozen=True)
class FamilyDetail:
    id: int
    uid: uuid.UUID
    name: str
    address: str
    comune_name: str
    comune_code: str
    phone: str
    email: str
    isee_value: Decimal | None
    isee_expiry: date | None
    notes: str
    external_key: str
    resident_since: date | None
    created_at: datetime
    postal_code: str
    members: list[MemberDetail]
    markers: Markers
    version: int
    #: True when the reader's role may not see notes and ISEE (they are left empty).
    sensitive_hidden: bool = False
    #: The province (sigla) of the comune of residence, looked up (not stored): for addresses.
    province: str = ""

    @property
    def missing_privacy(self) -> list[MemberDetail]:
        """Members whose privacy notice is not acknowledged (by them or a guardian)."""
        return [m for m in self.members if not m.privacy_acknowledged]

    def isee_expired(self, today: date) -> bool:
        return self.isee_expiry is not None and self.isee_expiry < today

    def as_input(self) -> FamilyInput:
        return FamilyInput(
            name=self.name,
            address=self.address,
            comune_name=self.comune_name,
            comune_code=self.comune_code,
            phone=self.phone,
            email=self.email,
            isee_value=self.isee_value,
            isee_expiry=self.isee_expiry,
            notes=self.notes,
            external_key=self.external_key,
            resident_since=self.resident_since,
            postal_code=self.postal_code,
            id=self.id,
            version=self.version,
        )


@dataclass(frozen=True)
class PersonHit:
    """A person found by a search, with the family to open."""

    person_id: int
    uid: str
    family_id: int
    family_uid: str
    surname: str
    given_name: str
    tax_code: str | None
    birth_date: date | None
    relation: str
    comune: str
    family_name: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    #: The phone or e-mail (the person's or the family's) the search found them by, when
    #: their name and tax code do not explain it: the operator sees why they are listed.
    found_by: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "uid": str(uuid.UUID(str(self.uid))),
            "family_uid": str(uuid.UUID(str(self.family_uid))),
            "surname": self.surname,
            "given_name": self.given_name,
            "tax_code": self.tax_code,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "relation": self.relation,
            "comune": self.comune,
        }

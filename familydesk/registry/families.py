"""Families and their members: read, create, edit (services; the caller commits)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from familydesk.db.database import load_for_update
from familydesk.db.models.registry import Consent, Family, Person
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import FamilyDeskError, NotFoundError
from familydesk.registry.centre import province_of
from familydesk.registry.records import (
    CHILD_RELATIONS,
    EARLY_CHILDHOOD_AGE,
    LARGE_FAMILY_CHILDREN,
    ConsentRow,
    FamilyDetail,
    FamilyInput,
    Markers,
    MemberDetail,
    MemberInput,
)
from familydesk.registry.validation import DuplicateCodeError, clean_family, clean_member
from familydesk.trust import audit, permissions

FAMILY_FIELDS = (
    "name",
    "address",
    "comune_name",
    "comune_code",
    "phone",
    "email",
    "isee_value",
    "isee_expiry",
    "notes",
    "external_key",
    "resident_since",
    "postal_code",
)
MEMBER_FIELDS = (
    "first_name",
    "last_name",
    "sex",
    "birth_date",
    "birth_place",
    "no_code_reason",
    "relation",
    "citizenship",
    "languages",
    "phone",
    "email",
    "disability",
    "notes",
)
#: Fields only roles allowed ``permissions.SENSITIVE`` see and change (social notes, ISEE).
SENSITIVE_FAMILY = frozenset({"isee_value", "isee_expiry", "notes"})
SENSITIVE_MEMBER = frozenset({"notes"})


def _hidden(detail: FamilyDetail) -> FamilyDetail:
    """``detail`` without notes and ISEE, for roles that may not see them."""
    members = [replace(m, notes="", sensitive_hidden=True) for m in detail.members]
    return replace(
        detail, notes="", isee_value=None, isee_expiry=None, members=members, sensitive_hidden=True
    )


def _writable(
    session: Session, fields: tuple[str, ...], sensitive: frozenset[str]
) -> tuple[str, ...]:
    """The fields the session's role may change: a role that cannot see notes or ISEE
    leaves them as they are (its forms show them empty)."""
    if permissions.allowed(session, permissions.SENSITIVE):
        return fields
    return tuple(name for name in fields if name not in sensitive)


def age_on(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def consent_row(consent: Consent) -> ConsentRow:
    return ConsentRow(
        id=consent.id,
        person_id=consent.person_id,
        kind=consent.kind,
        given_on=consent.given_on,
        notice_version=consent.notice_version,
        operator=consent.operator,
        signed_by=consent.signed_by,
        withdrawn_on=consent.withdrawn_on,
        version=consent.version,
    )


def member_detail(person: Person, today: date) -> MemberDetail:
    return MemberDetail(
        id=person.id,
        uid=person.uid,
        first_name=person.first_name,
        last_name=person.last_name,
        sex=person.sex,
        birth_date=person.birth_date,
        birth_place=person.birth_place,
        tax_code=person.tax_code,
        no_code_reason=person.no_code_reason,
        relation=person.relation,
        citizenship=person.citizenship,
        languages=person.languages,
        phone=person.phone,
        email=person.email,
        disability=person.disability,
        notes=person.notes,
        age=age_on(person.birth_date, today),
        consents=[consent_row(c) for c in person.consents],
        version=person.version,
    )


def markers_for(members: list[MemberDetail]) -> Markers:
    children = [m for m in members if m.relation in CHILD_RELATIONS]
    parents = [m for m in members if m.relation == "parent"]
    return Markers(
        large_family=len(children) >= LARGE_FAMILY_CHILDREN,
        single_parent=len(parents) == 1 and bool(children),
        early_childhood=any(m.age is not None and m.age < EARLY_CHILDHOOD_AGE for m in children),
        disability=any(m.disability for m in members),
    )


def family_detail(family: Family, today: date | None = None, province: str = "") -> FamilyDetail:
    """The whole family as stored (callers showing it to an operator use ``_shown``);
    ``province`` is the comune's, when the caller looked it up."""
    today = today or clock.today()
    members = [member_detail(p, today) for p in family.members]
    return FamilyDetail(
        id=family.id,
        uid=family.uid,
        name=family.name,
        address=family.address,
        comune_name=family.comune_name,
        comune_code=family.comune_code,
        phone=family.phone,
        email=family.email,
        isee_value=family.isee_value,
        isee_expiry=family.isee_expiry,
        notes=family.notes,
        external_key=family.external_key,
        resident_since=family.resident_since,
        created_at=family.created_at,
        postal_code=family.postal_code,
        members=members,
        markers=markers_for(members),
        version=family.version,
        province=province,
    )


def _refuse_anonymised(record: Family | Person) -> None:
    """Anonymised records only count in statistics: nobody edits them back to life."""
    if record.anonymised_on is not None:
        raise FamilyDeskError(_("This record was anonymised: it can no longer be changed."))


def load_person(session: Session, person_id: int) -> Person:
    """The person ``person_id``; ``NotFoundError`` (a sentence for the operator) if gone."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(_("This person no longer exists: someone else may have deleted them."))
    return person


def _load_family(session: Session, family_id: int) -> Family:
    family = session.scalars(
        select(Family)
        .where(Family.id == family_id)
        .options(selectinload(Family.members).selectinload(Person.consents))
    ).first()
    if family is None:
        raise NotFoundError(_("This family no longer exists: someone else may have deleted it."))
    return family


def _shown(session: Session, family: Family, today: date | None) -> FamilyDetail:
    permissions.require(session, permissions.VIEW_REGISTRY)
    detail = family_detail(
        family, today, province_of(session, family.comune_code, family.comune_name)
    )
    if family.anonymised_on is not None:
        detail = replace(detail, name=_("Anonymised family"))
    return detail if permissions.allowed(session, permissions.SENSITIVE) else _hidden(detail)


def get_family(session: Session, family_id: int, today: date | None = None) -> FamilyDetail:
    """A family as the signed-in operator may see it (no notes or ISEE for educators)."""
    return _shown(session, _load_family(session, family_id), today)


def open_family(session: Session, family_id: int, today: date | None = None) -> FamilyDetail:
    """A family opened by an operator: shown, and the access written in the audit trail."""
    family = _load_family(session, family_id)
    detail = _shown(session, family, today)
    audit.record(session, "open", family)
    return detail


def family_id_for(session: Session, key: str) -> int:
    """The family of a member given by uid or tax code, or a family uid (for the CLI)."""
    import uuid

    key = key.strip()
    try:
        uid = uuid.UUID(key)
    except ValueError:
        uid = None
    if uid is not None:
        found = session.scalar(select(Family.id).where(Family.uid == uid))
        found = found or session.scalar(select(Person.family_id).where(Person.uid == uid))
    else:
        found = session.scalar(select(Person.family_id).where(Person.tax_code == key.upper()))
    if found is None:
        raise NotFoundError(_("No family or person matches “{key}”.").format(key=key))
    return found


def person_id_for(session: Session, key: str) -> int:
    """A person given by uid or tax code (for the CLI)."""
    import uuid

    key = key.strip()
    try:
        found = session.scalar(select(Person.id).where(Person.uid == uuid.UUID(key)))
    except ValueError:
        found = session.scalar(select(Person.id).where(Person.tax_code == key.upper()))
    if found is None:
        raise NotFoundError(_("No person matches “{key}”.").format(key=key))
    return found


def check_code_free(session: Session, code: str, person_id: int | None) -> None:
    """Refuse a tax code that belongs to another person, naming them."""
    if not code:
        return
    other = session.scalars(select(Person).where(Person.tax_code == code)).first()
    if other is not None and other.id != person_id:
        raise DuplicateCodeError(
            _("Tax code {code} already belongs to {name} (family {family}).").format(
                code=code, name=f"{other.last_name} {other.first_name}", family=other.family.name
            ),
            person_id=other.id,
            family_id=other.family_id,
        )


def _apply_member(session: Session, person: Person, member: MemberInput) -> None:
    for name in _writable(session, MEMBER_FIELDS, SENSITIVE_MEMBER):
        setattr(person, name, getattr(member, name))
    person.tax_code = member.tax_code or None


def create_family(
    session: Session, family: FamilyInput, members: list[MemberInput], today: date | None = None
) -> FamilyDetail:
    """Register a family with its members (all checked before anything is written)."""
    clean = clean_family(family)
    cleaned = [clean_member(m, today) for m in members]
    codes = [m.tax_code for m in cleaned if m.tax_code]
    for code in codes:
        if codes.count(code) > 1:
            raise DuplicateCodeError(
                _("Tax code {code} is entered twice in this family.").format(code=code), 0, 0
            )
        check_code_free(session, code, None)
    fields = _writable(session, FAMILY_FIELDS, SENSITIVE_FAMILY)
    record = Family(**{name: getattr(clean, name) for name in fields})
    for member in cleaned:
        person = Person()
        _apply_member(session, person, member)
        record.members.append(person)
    session.add(record)
    session.flush()
    return _shown(session, record, today)


def update_family(session: Session, family: FamilyInput, today: date | None = None) -> FamilyDetail:
    """Save a family's own fields; refuses a stale ``family.version``."""
    assert family.id is not None and family.version is not None
    record = load_for_update(session, Family, family.id, family.version)
    _refuse_anonymised(record)
    clean = clean_family(family)
    for name in _writable(session, FAMILY_FIELDS, SENSITIVE_FAMILY):
        setattr(record, name, getattr(clean, name))
    session.flush()
    return get_family(session, record.id, today)


def add_member(
    session: Session, family_id: int, member: MemberInput, today: date | None = None
) -> FamilyDetail:
    clean = clean_member(member, today)
    check_code_free(session, clean.tax_code, None)
    family = _load_family(session, family_id)
    _refuse_anonymised(family)
    person = Person()
    _apply_member(session, person, clean)
    family.members.append(person)
    session.flush()
    return get_family(session, family_id, today)


def update_member(session: Session, member: MemberInput, today: date | None = None) -> FamilyDetail:
    """Save a member; refuses a stale version or a code that belongs to someone else."""
    assert member.id is not None and member.version is not None
    person = load_for_update(session, Person, member.id, member.version)
    _refuse_anonymised(person)
    clean = clean_member(member, today)
    check_code_free(session, clean.tax_code, person.id)
    _apply_member(session, person, clean)
    session.flush()
    return get_family(session, person.family_id, today)


def remove_member(session: Session, person_id: int, version: int) -> None:
    person = load_for_update(session, Person, person_id, version)
    session.delete(person)
    session.flush()


def delete_family(session: Session, family_id: int, version: int) -> None:
    permissions.require(session, permissions.DELETE_FAMILY)
    family = load_for_update(session, Family, family_id, version)
    session.delete(family)
    session.flush()

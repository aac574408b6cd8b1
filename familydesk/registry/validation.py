"""Checks on a member or family before it is written; each error names its field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from familydesk.i18n import _
from familydesk.italy import taxcode
from familydesk.kernel import clock
from familydesk.kernel.errors import FieldErrors, ValidationError
from familydesk.kernel.fields import EMAIL, PHONE
from familydesk.registry.limits import FAMILY_LIMITS, MEMBER_LIMITS, length_errors
from familydesk.registry.records import RELATIONS, FamilyInput, MemberInput

MAX_ISEE = Decimal("10000000")


class DuplicateCodeError(ValidationError):
    """The tax code belongs to someone already registered (link to them)."""

    def __init__(self, message: str, person_id: int, family_id: int) -> None:
        super().__init__("tax_code", message)
        self.person_id = person_id
        self.family_id = family_id


def clean_member(member: MemberInput, today: date | None = None) -> MemberInput:
    """Trim, normalise and complete a member from the tax code; raise on bad input.

    The code fills sex, birth date and birthplace when they are empty and
    must agree with them when they are typed.
    """
    today = today or clock.today()
    errors = FieldErrors()  # every wrong field at once, in the order of the form
    errors.found.extend(length_errors(member, MEMBER_LIMITS))
    first, last = " ".join(member.first_name.split()), " ".join(member.last_name.split())
    if not last:
        errors.add("last_name", _("Surname: please enter the surname."))
    if not first:
        errors.add("first_name", _("Given name: please enter the given name."))
    if member.relation not in RELATIONS:
        errors.add(
            "relation", _("Relationship: choose parent or guardian, child, foster child or other.")
        )
    sex = member.sex.strip().upper()[:1]
    if sex and sex not in ("F", "M"):
        errors.add("sex", _("Sex: expected F or M."))
        sex = ""
    if member.birth_date is not None and member.birth_date > today:
        errors.add("birth_date", _("Birth date: it cannot be in the future."))
    code = taxcode.normalise(member.tax_code)
    birth_place = member.birth_place.strip()
    birth_date = member.birth_date
    reason = member.no_code_reason.strip()
    if code:
        info = errors.check(taxcode.parse, code, today=today)
        if info is not None:
            errors.check(taxcode.check_against, info, sex or None, birth_date)
            sex = sex or (info.sex or "")
            birth_date = birth_date or info.birth_date
            birth_place = birth_place or (info.birthplace or "")
        reason = ""
    elif not reason:
        errors.add(
            "tax_code",
            _(
                "Tax code: enter the codice fiscale, or say why there is none (e.g. newborn "
                "waiting for it)."
            ),
        )
    if not sex and not any(field in ("sex", "tax_code") for field, _m in errors.found):
        errors.add("sex", _("Sex: choose F or M (or enter the tax code)."))
    if member.email.strip() and not EMAIL.match(member.email.strip()):
        errors.add("email", _("E-mail: expected an address like nome@esempio.it."))
    if member.phone.strip() and not PHONE.match(member.phone.strip()):
        errors.add("phone", _("Phone: use digits, spaces and + only, for example 347 1234567."))
    errors.raise_any()
    return replace(
        member,
        first_name=first,
        last_name=last,
        sex=sex,
        birth_date=birth_date,
        birth_place=birth_place,
        tax_code=code,
        no_code_reason=reason,
        citizenship=member.citizenship.strip(),
        languages=", ".join(p.strip() for p in member.languages.split(",") if p.strip()),
        phone=member.phone.strip(),
        email=member.email.strip(),
        notes=member.notes.strip(),
    )


def clean_family(family: FamilyInput) -> FamilyInput:
    """The family as saved; ``ValidationError`` lists every wrong field at once."""
    errors = FieldErrors()
    errors.found.extend(length_errors(family, FAMILY_LIMITS))
    name = " ".join(family.name.split())
    if not name:
        errors.add("name", _("Family name: please enter the family's surname."))
    if family.email.strip() and not EMAIL.match(family.email.strip()):
        errors.add("email", _("E-mail: expected an address like nome@esempio.it."))
    if family.phone.strip() and not PHONE.match(family.phone.strip()):
        errors.add("phone", _("Phone: use digits, spaces and + only, for example 347 1234567."))
    if family.isee_value is not None and not (Decimal(0) <= family.isee_value < MAX_ISEE):
        errors.add("isee_value", _("ISEE: expected an amount in euro, 0 or more."))
    if family.isee_value is not None and family.isee_expiry is None:
        errors.add("isee_expiry", _("ISEE expiry: enter the date the ISEE certificate expires."))
    postal_code = "".join(family.postal_code.split())
    if postal_code and not (len(postal_code) == 5 and postal_code.isdigit()):
        errors.add("postal_code", _("CAP: expected five digits, for example 46029."))
    if family.resident_since is not None and family.resident_since > clock.today():
        errors.add("resident_since", _("Resident there since: the date cannot be in the future."))
    errors.raise_any()
    return replace(
        family,
        name=name,
        address=family.address.strip(),
        postal_code=postal_code,
        comune_name=family.comune_name.strip(),
        comune_code=family.comune_code.strip().upper(),
        phone=family.phone.strip(),
        email=family.email.strip(),
        notes=family.notes.strip(),
        external_key=family.external_key.strip(),
    )

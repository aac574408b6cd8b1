"""Checks on a member or family before it is written; each error names its field."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from familydesk import taxcode
from familydesk.errors import ValidationError
from familydesk.i18n import _
from familydesk.registry.limits import FAMILY_LIMITS, MEMBER_LIMITS, check_lengths
from familydesk.registry.records import RELATIONS, FamilyInput, MemberInput

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9 +()./-]{5,}$")
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
    check_lengths(member, MEMBER_LIMITS)
    today = today or date.today()
    first, last = " ".join(member.first_name.split()), " ".join(member.last_name.split())
    if not last:
        raise ValidationError("last_name", _("Surname: please enter the surname."))
    if not first:
        raise ValidationError("first_name", _("Given name: please enter the given name."))
    if member.relation not in RELATIONS:
        raise ValidationError(
            "relation", _("Relationship: choose parent or guardian, child, foster child or other.")
        )
    sex = member.sex.strip().upper()[:1]
    if sex and sex not in ("F", "M"):
        raise ValidationError("sex", _("Sex: expected F or M."))
    if member.birth_date is not None and member.birth_date > today:
        raise ValidationError("birth_date", _("Birth date: it cannot be in the future."))
    code = taxcode.normalise(member.tax_code)
    birth_place = member.birth_place.strip()
    birth_date = member.birth_date
    reason = member.no_code_reason.strip()
    if code:
        info = taxcode.parse(code, today=today)
        taxcode.check_against(info, sex or None, birth_date)
        sex = sex or (info.sex or "")
        birth_date = birth_date or info.birth_date
        birth_place = birth_place or (info.birthplace or "")
        reason = ""
    elif not reason:
        raise ValidationError(
            "tax_code",
            _(
                "Tax code: enter the codice fiscale, or say why there is none (e.g. newborn waiting for it)."
            ),
        )
    if not sex:
        raise ValidationError("sex", _("Sex: choose F or M (or enter the tax code)."))
    if member.email.strip() and not _EMAIL.match(member.email.strip()):
        raise ValidationError("email", _("E-mail: expected an address like nome@esempio.it."))
    if member.phone.strip() and not _PHONE.match(member.phone.strip()):
        raise ValidationError(
            "phone", _("Phone: use digits, spaces and + only, for example 347 1234567.")
        )
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
    check_lengths(family, FAMILY_LIMITS)
    name = " ".join(family.name.split())
    if not name:
        raise ValidationError("name", _("Family name: please enter the family's surname."))
    if family.email.strip() and not _EMAIL.match(family.email.strip()):
        raise ValidationError("email", _("E-mail: expected an address like nome@esempio.it."))
    if family.phone.strip() and not _PHONE.match(family.phone.strip()):
        raise ValidationError(
            "phone", _("Phone: use digits, spaces and + only, for example 347 1234567.")
        )
    if family.isee_value is not None and not (Decimal(0) <= family.isee_value < MAX_ISEE):
        raise ValidationError("isee_value", _("ISEE: expected an amount in euro, 0 or more."))
    if family.isee_value is not None and family.isee_expiry is None:
        raise ValidationError(
            "isee_expiry", _("ISEE expiry: enter the date the ISEE certificate expires.")
        )
    if family.resident_since is not None and family.resident_since > date.today():
        raise ValidationError(
            "resident_since", _("Resident since: the date cannot be in the future.")
        )
    return replace(
        family,
        name=name,
        address=family.address.strip(),
        comune_name=family.comune_name.strip(),
        comune_code=family.comune_code.strip().upper(),
        phone=family.phone.strip(),
        email=family.email.strip(),
        notes=family.notes.strip(),
        external_key=family.external_key.strip(),
    )

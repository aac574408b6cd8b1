"""Adding, changing and removing partners and their benefits (``SETTINGS``).

A partner is an agreement with an organisation of the services directory: saving one
names an organisation of the directory, or creates it from the details typed; changing
a partner's name, comune, address, phone or e-mail changes its organisation (the same
one the directory shows). Removing a partner leaves its organisation in the directory.

Edits carry the version that was read. A partner or benefit that has redemptions is
retired (``active = False``), never deleted, so that the redemption log keeps its names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from familydesk.cards.partners import (
    BENEFIT_KINDS,
    CATEGORIES,
    BenefitRow,
    PartnerRow,
    benefit_rows,
    partner_rows,
)
from familydesk.db.database import load_for_update
from familydesk.db.models.cards import Benefit, BenefitCardType, CardType, Partner, Redemption
from familydesk.db.models.directory import Organisation
from familydesk.db.removal import Removal
from familydesk.directory.editing import OrganisationInput, save_organisation
from familydesk.directory.records import organisation_row
from familydesk.i18n import N_, _
from familydesk.kernel.errors import FieldErrors, ValidationError
from familydesk.kernel.fields import EMAIL, PHONE, clean_text
from familydesk.trust import permissions

#: The largest fixed amount off a benefit may give (euro).
MAX_AMOUNT = Decimal("10000")


@dataclass(frozen=True)
class BenefitInput:
    """A new benefit (``id`` None) or the changes to one (``id`` and the ``version`` read)."""

    partner_id: int
    kind: str
    value: Decimal | None = None
    description: str = ""
    conditions: str = ""
    card_type_ids: tuple[int, ...] = ()
    active: bool = True
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class PartnerInput:
    """A new partner (``id`` None) or the changes to one (``id`` and the ``version`` read).

    The agreement is with the directory's organisation ``organisation_id``; a new partner
    without one creates its organisation from the details (its kind from the category).
    The details (name, comune name and cadastral code, address, phone, e-mail) are the
    organisation's: a value given changes the organisation, refused when it changed since
    ``organisation_version`` was read (when given); ``None`` keeps the organisation's.
    """

    name: str | None = None
    category: str = "commercial"
    comune_name: str | None = None
    comune_code: str | None = None
    address: str | None = None
    contact: str = ""
    phone: str | None = None
    email: str | None = None
    agreement_start: date | None = None
    agreement_end: date | None = None
    active: bool = True
    organisation_id: int | None = None
    organisation_version: int | None = None
    id: int | None = None
    version: int | None = None


#: The kind of organisation a new partner's organisation is, by the partner's category.
KIND_OF_CATEGORY = {"sports": "sports", "commercial": "shop", "social": "third_sector"}
#: The organisation's details a partner shows and edits: (field, label, longest).
_DETAILS = (
    ("name", N_("Name"), 200),
    ("comune_name", N_("Comune"), 100),
    ("address", N_("Address"), 300),
    ("phone", N_("Phone"), 50),
    ("email", N_("E-mail"), 200),
)


def organisation_kind(category: str) -> str:
    """The kind of organisation a partner of ``category`` most likely is."""
    return KIND_OF_CATEGORY.get(category, "other")


def _check_partner(errors: FieldErrors, data: PartnerInput) -> str:
    """The partner's own fields; returns the contact person cleaned."""
    if data.category not in CATEGORIES:
        errors.add("category", _("Category: social, educational, commercial, cultural or sports."))
    if data.agreement_start and data.agreement_end and data.agreement_end < data.agreement_start:
        errors.add(
            "agreement_end",
            _("Agreement end: a date from {date} on (the agreement ends before it starts).").format(
                date=data.agreement_start.strftime("%d/%m/%Y")
            ),
        )
    contact = errors.check(clean_text, "contact", _("Contact person"), data.contact, 200)
    return contact or ""


def _check_details(
    errors: FieldErrors, organisation: Organisation | None, data: PartnerInput
) -> dict[str, str]:
    """The organisation's details as they will be: those given, checked, the rest kept."""
    details: dict[str, str] = {}
    for field, label, length in _DETAILS:
        value = getattr(data, field)
        if value is None and organisation is not None:
            details[field] = getattr(organisation, field)
            continue
        checked = errors.check(clean_text, field, _(label), value or "", length, field == "name")
        details[field] = checked or ""
    if data.phone is not None and details["phone"] and not PHONE.match(details["phone"]):
        errors.add("phone", _("Phone: use digits, spaces and + only, for example 347 1234567."))
    if data.email is not None and details["email"] and not EMAIL.match(details["email"]):
        errors.add("email", _("E-mail: expected an address like nome@esempio.it."))
    if data.comune_code is None and organisation is not None:
        details["comune_code"] = organisation.comune_code
    else:
        code = "".join((data.comune_code or "").split()).upper()
        if code and not (len(code) == 4 and code[0].isalpha() and code[1:].isdigit()):
            errors.add(
                "comune_code", _("Comune: choose it from the list (a cadastral code like L020).")
            )
        details["comune_code"] = code
    return details


def _save_organisation(
    session: Session, organisation: Organisation | None, details: dict[str, str], data: PartnerInput
) -> Organisation:
    """Create the partner's organisation, or change the details that differ."""
    if organisation is None:
        row = save_organisation(
            session, OrganisationInput(kind=organisation_kind(data.category), **details)
        )
        return session.get(Organisation, row.id)  # type: ignore[return-value]
    current = organisation_row(organisation)
    if all(getattr(current, field) == value for field, value in details.items()):
        return organisation
    kept = {f.name: getattr(current, f.name) for f in fields(OrganisationInput)}
    version = data.organisation_version
    kept.update(details, version=current.version if version is None else version)
    save_organisation(session, OrganisationInput(**kept))
    return organisation


def save_partner(session: Session, data: PartnerInput) -> PartnerRow:
    """Add or change a partner and, with it, its organisation's details (see
    :class:`PartnerInput`). Every wrong field is reported at once; nothing is written
    then. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    errors = FieldErrors()
    organisation, details = None, {}
    if data.organisation_id is not None:
        organisation = session.get(Organisation, data.organisation_id)
        if organisation is None:
            errors.add("organisation_id", _("Organisation: choose one from the directory."))
    contact = _check_partner(errors, data)
    if data.organisation_id is None or organisation is not None:
        details = _check_details(errors, organisation, data)
    errors.raise_any()
    # Nothing is written before every check passed: the partner's version first, then
    # the organisation's (``save_organisation`` refuses a stale one before it writes).
    partner = (
        Partner()
        if data.id is None
        else load_for_update(session, Partner, data.id, data.version or 0)
    )
    organisation = _save_organisation(session, organisation, details, data)
    partner.organisation_id, partner.category = organisation.id, data.category
    partner.contact = contact
    partner.agreement_start, partner.agreement_end = data.agreement_start, data.agreement_end
    partner.active = data.active
    session.add(partner)
    session.flush()
    return partner_rows(session, [(partner, organisation)])[0]


def _has_redemptions(session: Session, condition) -> bool:  # type: ignore[no-untyped-def]
    return bool(session.scalar(select(exists().where(condition))))


def _delete_benefits(session: Session, benefit_ids: list[int]) -> None:
    if benefit_ids:
        for link in session.scalars(
            select(BenefitCardType).where(BenefitCardType.benefit_id.in_(benefit_ids))
        ):
            session.delete(link)
        for benefit in session.scalars(select(Benefit).where(Benefit.id.in_(benefit_ids))):
            session.delete(benefit)
        session.flush()


def remove_partner(session: Session, partner_id: int, version: int) -> Removal:
    """Delete a partner and its benefits, or only retire it when its benefits were used."""
    permissions.require(session, permissions.SETTINGS)
    partner = load_for_update(session, Partner, partner_id, version)
    benefit_ids = list(session.scalars(select(Benefit.id).where(Benefit.partner_id == partner.id)))
    if benefit_ids and _has_redemptions(session, Redemption.benefit_id.in_(benefit_ids)):
        partner.active = False
        session.flush()
        return "retired"
    _delete_benefits(session, benefit_ids)
    session.delete(partner)
    session.flush()
    return "deleted"


def _benefit_value(data: BenefitInput) -> Decimal | None:
    if data.kind not in BENEFIT_KINDS:
        raise ValidationError(
            "kind", _("Kind: percent discount, fixed amount, free entry or other.")
        )
    if data.kind not in ("percent", "amount"):
        return None
    try:
        value = Decimal(str(data.value).replace(",", ".")) if data.value is not None else None
    except InvalidOperation:
        value = None
    if data.kind == "percent" and (value is None or not 1 <= value <= 100):
        raise ValidationError("value", _("Discount: a percentage from 1 to 100."))
    if data.kind == "amount" and (value is None or not 0 < value <= MAX_AMOUNT):
        raise ValidationError("value", _("Amount: euro more than 0 and at most 10.000."))
    return value.quantize(Decimal("0.01"))  # type: ignore[union-attr]


def _card_types(session: Session, ids: Iterable[int]) -> list[int]:
    wanted = sorted(set(ids))
    found = set(session.scalars(select(CardType.id).where(CardType.id.in_(wanted))))
    if not wanted or found != set(wanted):
        raise ValidationError(
            "card_type_ids", _("Card types: choose at least one card type the benefit applies to.")
        )
    return wanted


def save_benefit(session: Session, data: BenefitInput) -> BenefitRow:
    """Add or change a benefit of a partner, with the card types it applies to.
    Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    value = _benefit_value(data)
    description = clean_text(
        "description", _("Description"), data.description, 300, required=data.kind == "other"
    )
    conditions = clean_text("conditions", _("Conditions"), data.conditions, 2000)
    type_ids = _card_types(session, data.card_type_ids)
    if data.id is None:
        if session.get(Partner, data.partner_id) is None:
            raise ValidationError("partner_id", _("Partner: this partner no longer exists."))
        benefit = Benefit(partner_id=data.partner_id)
    else:
        benefit = load_for_update(session, Benefit, data.id, data.version or 0)
    benefit.kind, benefit.value, benefit.description = data.kind, value, description
    benefit.conditions, benefit.active = conditions, data.active
    session.add(benefit)
    session.flush()
    links = {
        link.card_type_id: link
        for link in session.scalars(
            select(BenefitCardType).where(BenefitCardType.benefit_id == benefit.id)
        )
    }
    for type_id, link in links.items():
        if type_id not in type_ids:
            session.delete(link)
    session.add_all(
        BenefitCardType(benefit_id=benefit.id, card_type_id=t) for t in type_ids if t not in links
    )
    session.flush()
    return benefit_rows(session, [benefit])[0]


def remove_benefit(session: Session, benefit_id: int, version: int) -> Removal:
    """Delete a benefit never used, or only retire it."""
    permissions.require(session, permissions.SETTINGS)
    benefit = load_for_update(session, Benefit, benefit_id, version)
    if _has_redemptions(session, Redemption.benefit_id == benefit.id):
        benefit.active = False
        session.flush()
        return "retired"
    _delete_benefits(session, [benefit.id])
    return "deleted"

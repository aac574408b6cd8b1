"""Adding, changing and removing partners and their benefits (``SETTINGS``).

Edits carry the version that was read. A partner or benefit that has redemptions is
retired (``active = False``), never deleted, so that the redemption log keeps its names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
from familydesk.db.models.registry import MemberComune
from familydesk.db.removal import Removal
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import clean_text
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
    """A new partner (``id`` None) or the changes to one (``id`` and the ``version`` read)."""

    name: str
    category: str = "commercial"
    comune_id: int | None = None
    address: str = ""
    contact: str = ""
    phone: str = ""
    email: str = ""
    agreement_start: date | None = None
    agreement_end: date | None = None
    active: bool = True
    id: int | None = None
    version: int | None = None


def _check_partner(session: Session, data: PartnerInput) -> None:
    if data.category not in CATEGORIES:
        raise ValidationError(
            "category", _("Category: social, educational, commercial, cultural or sports.")
        )
    if data.comune_id is not None and session.get(MemberComune, data.comune_id) is None:
        raise ValidationError("comune_id", _("Comune: choose one of the member comuni."))
    if data.agreement_start and data.agreement_end and data.agreement_end < data.agreement_start:
        raise ValidationError(
            "agreement_end",
            _("Agreement end: a date from {date} on (the agreement ends before it starts).").format(
                date=data.agreement_start.strftime("%d/%m/%Y")
            ),
        )


def save_partner(session: Session, data: PartnerInput) -> PartnerRow:
    """Add or change a partner. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    name = clean_text("name", _("Name"), data.name, 200, required=True)
    texts = {
        field: clean_text(field, label, getattr(data, field), length)
        for field, label, length in (
            ("address", _("Address"), 200),
            ("contact", _("Contact person"), 200),
            ("phone", _("Phone"), 50),
            ("email", _("E-mail"), 200),
        )
    }
    _check_partner(session, data)
    partner = (
        Partner()
        if data.id is None
        else load_for_update(session, Partner, data.id, data.version or 0)
    )
    partner.name, partner.category, partner.comune_id = name, data.category, data.comune_id
    for field, value in texts.items():
        setattr(partner, field, value)
    partner.agreement_start, partner.agreement_end = data.agreement_start, data.agreement_end
    partner.active = data.active
    session.add(partner)
    session.flush()
    return partner_rows(session, [partner])[0]


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

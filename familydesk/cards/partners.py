"""Partners (esercizi convenzionati) and the benefits they give to card holders.

Partners and benefits are configuration: listing them is open to roles that see
families or record card use; changing them needs ``SETTINGS``. Edits carry the
version that was read. A partner or benefit that has redemptions is retired
(``active = False``), never deleted, so that the redemption log keeps its names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.cards import Benefit, BenefitCardType, CardType, Partner, Redemption
from familydesk.db.models.registry import MemberComune
from familydesk.db.removal import Removal
from familydesk.i18n import N_, _, format_money, format_number
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.kernel.fields import clean_text
from familydesk.trust import permissions

#: Categories in the booklet's order, names to translate with ``_()``.
CATEGORIES: dict[str, str] = {
    "social": N_("Social"),
    "educational": N_("Educational"),
    "commercial": N_("Commercial"),
    "cultural": N_("Cultural"),
    "sports": N_("Sports"),
}
BENEFIT_KINDS: dict[str, str] = {
    "percent": N_("Percent discount"),
    "amount": N_("Fixed amount off"),
    "free_entry": N_("Free entry"),
    "other": N_("Other"),
}
MAX_AMOUNT = Decimal("10000")


def category_names() -> dict[str, str]:
    """Category code -> name in the interface language."""
    return {key: _(name) for key, name in CATEGORIES.items()}


@dataclass(frozen=True)
class BenefitRow:
    id: int
    version: int
    partner_id: int
    #: percent, amount, free_entry or other.
    kind: str
    value: Decimal | None
    description: str
    conditions: str
    card_type_ids: tuple[int, ...]
    card_types: tuple[str, ...]
    active: bool

    @property
    def label(self) -> str:
        """What it gives, in a few words: "10% discount", "5,00 € off", "free entry"."""
        if self.kind == "percent" and self.value is not None:
            percent = format_number(self.value.normalize()) + "%"
            return _("{percent} discount").format(percent=percent)
        if self.kind == "amount" and self.value is not None:
            return _("{amount} off").format(amount=format_money(self.value))
        if self.kind == "free_entry":
            return _("free entry")
        return self.description or _("other benefit")

    @property
    def full_text(self) -> str:
        """The label with what it applies to: "20% discount sulle cure odontoiatriche"."""
        if self.kind == "other" or not self.description:
            return self.label
        return f"{self.label} {self.description}"


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
class PartnerRow:
    id: int
    uid: str
    version: int
    name: str
    category: str
    category_name: str
    comune_id: int | None
    comune: str
    address: str
    contact: str
    phone: str
    email: str
    agreement_start: date | None
    agreement_end: date | None
    active: bool
    benefits: tuple[BenefitRow, ...]

    def in_force(self, on: date) -> bool:
        """Active, with its agreement started and not ended on ``on``."""
        return (self.active and (self.agreement_start is None or self.agreement_start <= on)
                and (self.agreement_end is None or on <= self.agreement_end))  # fmt: skip


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


@dataclass(frozen=True)
class DirectorySection:
    """The partners of one category in one comune, for the printed booklet."""

    category: str
    category_name: str
    comune: str
    partners: tuple[PartnerRow, ...]


def require_read(session: Session) -> None:
    """Reading partners needs ``VIEW_REGISTRY`` or ``CARDS``."""
    if not (permissions.allowed(session, permissions.VIEW_REGISTRY)
            or permissions.allowed(session, permissions.CARDS)):  # fmt: skip
        raise permissions.refusal(permissions.role_of(session), permissions.CARDS)


def benefit_rows(session: Session, benefits: Iterable[Benefit]) -> list[BenefitRow]:
    benefits = list(benefits)
    links: dict[int, list[int]] = {}
    query = select(BenefitCardType.benefit_id, BenefitCardType.card_type_id).where(
        BenefitCardType.benefit_id.in_([b.id for b in benefits]))  # fmt: skip
    for benefit_id, type_id in session.execute(query):
        links.setdefault(benefit_id, []).append(type_id)
    names = dict(session.execute(select(CardType.id, CardType.name)).all())
    rows = []
    for b in benefits:
        ids = tuple(sorted(links.get(b.id, []), key=lambda i: names.get(i, "")))
        rows.append(BenefitRow(b.id, b.version, b.partner_id, b.kind, b.value, b.description,
                               b.conditions, ids, tuple(names.get(i, "") for i in ids), b.active))  # fmt: skip
    return rows


def partner_rows(session: Session, partners: Iterable[Partner],
                 active_benefits_only: bool = False) -> list[PartnerRow]:  # fmt: skip
    partners = list(partners)
    query = select(Benefit).where(Benefit.partner_id.in_([p.id for p in partners]))
    if active_benefits_only:
        query = query.where(Benefit.active.is_(True))
    by_partner: dict[int, list[BenefitRow]] = {}
    for row in benefit_rows(session, session.scalars(query.order_by(Benefit.id))):
        by_partner.setdefault(row.partner_id, []).append(row)
    comuni = dict(session.execute(select(MemberComune.id, MemberComune.name)).all())
    names = category_names()
    return [PartnerRow(
        p.id, str(p.uid), p.version, p.name, p.category, names.get(p.category, p.category),
        p.comune_id, comuni.get(p.comune_id or 0, ""), p.address, p.contact, p.phone, p.email,
        p.agreement_start, p.agreement_end, p.active, tuple(by_partner.get(p.id, [])),
    ) for p in partners]  # fmt: skip


def list_partners(session: Session, category: str | None = None, comune_id: int | None = None,
                  active_only: bool = True) -> list[PartnerRow]:  # fmt: skip
    """Partners by name (with all their benefits), optionally of one category or comune."""
    require_read(session)
    query = select(Partner).order_by(Partner.name, Partner.id)
    if category:
        query = query.where(Partner.category == category)
    if comune_id is not None:
        query = query.where(Partner.comune_id == comune_id)
    if active_only:
        query = query.where(Partner.active.is_(True))
    return partner_rows(session, session.scalars(query))


def get_partner(session: Session, partner_id: int) -> PartnerRow:
    require_read(session)
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFoundError(_("This partner no longer exists."))
    return partner_rows(session, [partner])[0]


def _check_partner(session: Session, data: PartnerInput) -> None:
    if data.category not in CATEGORIES:
        raise ValidationError("category", _("Category: social, educational, commercial, cultural or sports."))  # fmt: skip
    if data.comune_id is not None and session.get(MemberComune, data.comune_id) is None:
        raise ValidationError("comune_id", _("Comune: choose one of the member comuni."))
    if data.agreement_start and data.agreement_end and data.agreement_end < data.agreement_start:
        raise ValidationError("agreement_end", _(
            "Agreement end: a date from {date} on (the agreement ends before it starts).").format(
            date=data.agreement_start.strftime("%d/%m/%Y")))  # fmt: skip


def save_partner(session: Session, data: PartnerInput) -> PartnerRow:
    """Add or change a partner. Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    name = clean_text("name", _("Name"), data.name, 200, required=True)
    texts = {field: clean_text(field, label, getattr(data, field), length) for field, label, length in (
        ("address", _("Address"), 200), ("contact", _("Contact person"), 200),
        ("phone", _("Phone"), 50), ("email", _("E-mail"), 200))}  # fmt: skip
    _check_partner(session, data)
    partner = (Partner() if data.id is None
               else load_for_update(session, Partner, data.id, data.version or 0))  # fmt: skip
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
        for link in session.scalars(select(BenefitCardType).where(BenefitCardType.benefit_id.in_(benefit_ids))):  # fmt: skip
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
        raise ValidationError("kind", _("Kind: percent discount, fixed amount, free entry or other."))  # fmt: skip
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
        raise ValidationError("card_type_ids", _("Card types: choose at least one card type the benefit applies to."))  # fmt: skip
    return wanted


def save_benefit(session: Session, data: BenefitInput) -> BenefitRow:
    """Add or change a benefit of a partner, with the card types it applies to.
    Needs ``SETTINGS``."""
    permissions.require(session, permissions.SETTINGS)
    value = _benefit_value(data)
    description = clean_text("description", _("Description"), data.description, 300,
                             required=data.kind == "other")  # fmt: skip
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
    links = {link.card_type_id: link for link in session.scalars(
        select(BenefitCardType).where(BenefitCardType.benefit_id == benefit.id))}  # fmt: skip
    for type_id, link in links.items():
        if type_id not in type_ids:
            session.delete(link)
    session.add_all(BenefitCardType(benefit_id=benefit.id, card_type_id=t)
                    for t in type_ids if t not in links)  # fmt: skip
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


def partner_directory(session: Session, on: date) -> list[DirectorySection]:
    """Active partners with an agreement in force on ``on`` and at least one active benefit
    (only those listed), by category (in ``CATEGORIES`` order), then comune, then name.
    Partners without a comune come last in their category."""
    require_read(session)
    query = select(Partner).where(Partner.active.is_(True)).order_by(Partner.name, Partner.id)
    rows = [p for p in partner_rows(session, session.scalars(query), active_benefits_only=True)
            if p.in_force(on) and p.benefits]  # fmt: skip
    order = list(CATEGORIES)
    rows.sort(key=lambda p: (order.index(p.category), not p.comune, p.comune.casefold()))
    sections: list[DirectorySection] = []
    for p in rows:
        if sections and (sections[-1].category, sections[-1].comune) == (p.category, p.comune):
            last = sections[-1]
            sections[-1] = DirectorySection(last.category, last.category_name, last.comune,
                                            (*last.partners, p))  # fmt: skip
        else:
            sections.append(DirectorySection(p.category, p.category_name, p.comune, (p,)))
    return sections

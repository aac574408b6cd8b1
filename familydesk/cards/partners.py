"""Partners (esercizi convenzionati) and the benefits they give to card holders: reading
them, and the directory the partner booklet prints.

A partner is an agreement with an organisation of the services directory
(:mod:`familydesk.directory`): its name, comune, address, phone and e-mail are the
organisation's, read with it in one query.

Partners and benefits are configuration: listing them is open to roles that see
families or record card use; changing them (:mod:`familydesk.cards.partner_editing`)
needs ``SETTINGS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from familydesk.db.models.cards import Benefit, BenefitCardType, CardType, Partner
from familydesk.db.models.directory import Organisation
from familydesk.i18n import N_, _, format_money, format_number
from familydesk.kernel.errors import NotFoundError
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
class PartnerRow:
    id: int
    uid: str
    version: int
    #: The organisation of the directory the agreement is with, and its version (an edit
    #: of the name, address, phone or e-mail changes the organisation).
    organisation_id: int
    organisation_version: int
    #: The organisation's name.
    name: str
    category: str
    category_name: str
    #: The organisation's comune: its name and cadastral code ("" when none).
    comune_code: str
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
        return (
            self.active
            and (self.agreement_start is None or self.agreement_start <= on)
            and (self.agreement_end is None or on <= self.agreement_end)
        )


@dataclass(frozen=True)
class DirectorySection:
    """The partners of one category in one comune, for the printed booklet."""

    category: str
    category_name: str
    comune: str
    partners: tuple[PartnerRow, ...]


def require_read(session: Session) -> None:
    """Reading partners needs ``VIEW_REGISTRY`` or ``CARDS``."""
    if not (
        permissions.allowed(session, permissions.VIEW_REGISTRY)
        or permissions.allowed(session, permissions.CARDS)
    ):
        raise permissions.refusal(permissions.role_of(session), permissions.CARDS)


def benefit_rows(session: Session, benefits: Iterable[Benefit]) -> list[BenefitRow]:
    benefits = list(benefits)
    links: dict[int, list[int]] = {}
    query = select(BenefitCardType.benefit_id, BenefitCardType.card_type_id).where(
        BenefitCardType.benefit_id.in_([b.id for b in benefits])
    )
    for benefit_id, type_id in session.execute(query):
        links.setdefault(benefit_id, []).append(type_id)
    names = dict(session.execute(select(CardType.id, CardType.name)).all())
    rows = []
    for b in benefits:
        ids = tuple(sorted(links.get(b.id, []), key=lambda i: names.get(i, "")))
        rows.append(
            BenefitRow(
                b.id,
                b.version,
                b.partner_id,
                b.kind,
                b.value,
                b.description,
                b.conditions,
                ids,
                tuple(names.get(i, "") for i in ids),
                b.active,
            )
        )
    return rows


def _with_organisation() -> Select[tuple[Partner, Organisation]]:
    """Partners with their organisation, by the organisation's name."""
    return (
        select(Partner, Organisation)
        .join(Organisation, Organisation.id == Partner.organisation_id)
        .order_by(Organisation.name, Partner.id)
    )


def partner_rows(
    session: Session,
    partners: Iterable[tuple[Partner, Organisation]],
    active_benefits_only: bool = False,
) -> list[PartnerRow]:
    """Rows for (partner, organisation) pairs, with their benefits (two more queries)."""
    partners = list(partners)
    query = select(Benefit).where(Benefit.partner_id.in_([p.id for p, _o in partners]))
    if active_benefits_only:
        query = query.where(Benefit.active.is_(True))
    by_partner: dict[int, list[BenefitRow]] = {}
    for row in benefit_rows(session, session.scalars(query.order_by(Benefit.id))):
        by_partner.setdefault(row.partner_id, []).append(row)
    names = category_names()
    return [
        PartnerRow(
            id=p.id,
            uid=str(p.uid),
            version=p.version,
            organisation_id=o.id,
            organisation_version=o.version,
            name=o.name,
            category=p.category,
            category_name=names.get(p.category, p.category),
            comune_code=o.comune_code,
            comune=o.comune_name,
            address=o.address,
            contact=p.contact,
            phone=o.phone,
            email=o.email,
            agreement_start=p.agreement_start,
            agreement_end=p.agreement_end,
            active=p.active,
            benefits=tuple(by_partner.get(p.id, [])),
        )
        for p, o in partners
    ]


def list_partners(
    session: Session,
    category: str | None = None,
    comune_code: str | None = None,
    active_only: bool = True,
) -> list[PartnerRow]:
    """Partners by name (with all their benefits), optionally of one category or of the
    comune with cadastral code ``comune_code``."""
    require_read(session)
    query = _with_organisation()
    if category:
        query = query.where(Partner.category == category)
    if comune_code is not None:
        query = query.where(Organisation.comune_code == comune_code)
    if active_only:
        query = query.where(Partner.active.is_(True))
    return partner_rows(session, session.execute(query))


def get_partner(session: Session, partner_id: int) -> PartnerRow:
    require_read(session)
    found = session.execute(_with_organisation().where(Partner.id == partner_id)).first()
    if found is None:
        raise NotFoundError(_("This partner no longer exists."))
    partner, organisation = found
    return partner_rows(session, [(partner, organisation)])[0]


def partner_directory(session: Session, on: date) -> list[DirectorySection]:
    """Active partners with an agreement in force on ``on`` and at least one active benefit
    (only those listed), by category (in ``CATEGORIES`` order), then comune, then name.
    Partners without a comune come last in their category."""
    require_read(session)
    query = _with_organisation().where(Partner.active.is_(True))
    rows = [
        p
        for p in partner_rows(session, session.execute(query), active_benefits_only=True)
        if p.in_force(on) and p.benefits
    ]
    order = list(CATEGORIES)
    rows.sort(key=lambda p: (order.index(p.category), not p.comune, p.comune.casefold()))
    sections: list[DirectorySection] = []
    for p in rows:
        if sections and (sections[-1].category, sections[-1].comune) == (p.category, p.comune):
            last = sections[-1]
            sections[-1] = DirectorySection(
                last.category, last.category_name, last.comune, (*last.partners, p)
            )
        else:
            sections.append(DirectorySection(p.category, p.category_name, p.comune, (p,)))
    return sections

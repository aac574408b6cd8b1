"""Recording the use of a benefit by card number, accepted or refused with the reason.

Every attempt is logged (a ``Redemption`` row), refused ones too, so a partner's
and a card's log show what happened at the counter. The rules, in order: the
number's shape and check character ("format", "check"), a card with that number
("unknown"), not revoked or replaced, not expired on the day, the benefit given
to this card type ("card_type"), the partner's agreement in force and partner and
benefit active ("agreement"). The audit trail gets the row by the ORM hook (uids).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.cards.lookup import find_card
from familydesk.cards.numbers import grouped
from familydesk.cards.partners import BenefitRow, benefit_rows
from familydesk.cards.records import CardRow
from familydesk.db.base import utcnow
from familydesk.db.models.cards import Benefit, Card, Partner, Redemption
from familydesk.db.models.directory import Organisation
from familydesk.i18n import N_, _, format_date
from familydesk.kernel import clock
from familydesk.kernel.errors import NotFoundError
from familydesk.trust import permissions

#: Short words for each reason, for logs and exports (translate with ``_()``).
REASON_NAMES: dict[str, str] = {
    "": N_("accepted"),
    "format": N_("not a card number"),
    "check": N_("check character does not match"),
    "unknown": N_("unknown card number"),
    "revoked": N_("card revoked"),
    "replaced": N_("card replaced"),
    "expired": N_("card expired"),
    "card_type": N_("benefit not for this card type"),
    "agreement": N_("agreement not in force"),
}


@dataclass(frozen=True)
class RedemptionResult:
    accepted: bool
    #: "" when accepted, else one of ``REASON_NAMES``.
    reason: str
    message: str
    card: CardRow | None
    benefit: str
    partner: str
    redemption_id: int


@dataclass(frozen=True)
class RedemptionRow:
    id: int
    #: Local time (Europe/Rome), without time zone.
    at: datetime
    benefit_id: int
    benefit: str
    partner_id: int
    partner: str
    card_id: int | None
    #: The card's grouped number, or what was typed when no card matched.
    number: str
    accepted: bool
    reason: str
    reason_text: str
    operator: str


def reason_text(reason: str) -> str:
    return _(REASON_NAMES.get(reason, reason))


def _agreement_problem(partner: Partner, name: str, benefit: Benefit, day: date) -> str:
    """Why the partner's agreement does not cover ``day`` ("" when it does); ``name`` is
    the partner's (its organisation's)."""
    if partner.agreement_start and day < partner.agreement_start:
        return _("Refused: the agreement with {partner} starts on {date}.").format(
            partner=name, date=format_date(partner.agreement_start)
        )
    if partner.agreement_end and partner.agreement_end < day:
        return _("Refused: the agreement with {partner} ended on {date}.").format(
            partner=name, date=format_date(partner.agreement_end)
        )
    if not partner.active:
        return _("Refused: the agreement with {partner} is no longer active.").format(partner=name)
    if not benefit.active:
        return _("Refused: {partner} no longer gives this benefit.").format(partner=name)
    return ""


def _decide(
    session: Session,
    benefit: Benefit,
    row: BenefitRow,
    partner: tuple[Partner, str],
    typed: str,
    day: date,
) -> tuple[str, str, CardRow | None]:
    """(reason, message, card) by the rules in order."""
    check = find_card(session, typed, day)
    if not check.valid:
        return check.reason, check.message, check.card
    card = check.card
    assert card is not None
    if card.card_type_id not in row.card_type_ids:
        return (
            "card_type",
            _("Refused: this benefit is for {card_types} only.").format(
                card_types=", ".join(row.card_types)
            ),
            card,
        )
    problem = _agreement_problem(*partner, benefit, day)
    if problem:
        return "agreement", problem, card
    message = _(
        "Accepted: {benefit} at {partner}, card {number} ({card_type}, valid until {date})."
    )
    return (
        "",
        message.format(
            benefit=row.label,
            partner=partner[1],
            number=card.grouped_number,
            card_type=card.card_type,
            date=format_date(card.expires_on),
        ),
        card,
    )


def redeem(
    session: Session, benefit_id: int, typed: str, at: datetime | None = None
) -> RedemptionResult:
    """Record the use of benefit ``benefit_id`` by the card numbered ``typed`` (as typed or
    scanned) at ``at`` (default now; a naive time is local) and say whether it is accepted,
    and why not. The attempt is logged either way. Needs ``CARDS``; run it as a write."""
    permissions.require(session, permissions.CARDS)
    benefit = session.get(Benefit, benefit_id)
    if benefit is None:
        raise NotFoundError(_("This benefit no longer exists."))
    partner, name = session.execute(
        select(Partner, Organisation.name)
        .join(Organisation, Organisation.id == Partner.organisation_id)
        .where(Partner.id == benefit.partner_id)
    ).one()
    moment = at or utcnow()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock.ROME)
    day = moment.astimezone(clock.ROME).date()
    row = benefit_rows(session, [benefit])[0]
    reason, message, card = _decide(session, benefit, row, (partner, name), typed, day)
    redemption = Redemption(
        benefit_id=benefit.id,
        card_id=card.id if card else None,
        number_typed=(typed or "").strip()[:40],
        at=moment,
        accepted=not reason,
        reason=reason,
        operator=str(session.info.get("operator") or "")[:100],
    )
    session.add(redemption)
    session.flush()
    return RedemptionResult(not reason, reason, message, card, row.label, name, redemption.id)


def _rows(session: Session, redemptions: list[Redemption]) -> list[RedemptionRow]:
    benefits = {
        b.id: b
        for b in session.scalars(
            select(Benefit).where(Benefit.id.in_({r.benefit_id for r in redemptions}))
        )
    }
    labels = {b.id: b.label for b in benefit_rows(session, benefits.values())}
    partners = dict(
        session.execute(
            select(Partner.id, Organisation.name)
            .join(Organisation, Organisation.id == Partner.organisation_id)
            .where(Partner.id.in_({b.partner_id for b in benefits.values()}))
        ).all()
    )
    numbers = dict(
        session.execute(
            select(Card.id, Card.number).where(
                Card.id.in_({r.card_id for r in redemptions if r.card_id})
            )
        ).all()
    )
    rows = []
    for r in redemptions:
        partner_id = benefits[r.benefit_id].partner_id
        number = grouped(numbers[r.card_id]) if r.card_id in numbers else r.number_typed
        rows.append(
            RedemptionRow(
                r.id,
                r.at.astimezone(clock.ROME).replace(tzinfo=None),
                r.benefit_id,
                labels[r.benefit_id],
                partner_id,
                partners.get(partner_id, ""),
                r.card_id,
                number,
                r.accepted,
                r.reason,
                reason_text(r.reason),
                r.operator,
            )
        )
    return rows


def local_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The instants from the start of ``first`` to the start of the day after ``last``."""
    start = datetime.combine(first, time(), clock.ROME)
    end = datetime.combine(last + timedelta(days=1), time(), clock.ROME)
    return start, end


def redemptions_between(
    session: Session, first: date, last: date, partner_id: int | None = None
) -> list[RedemptionRow]:
    """Attempts from ``first`` to ``last`` (local days, both included), oldest first. Needs
    ``CARDS`` (the counter's log of the day) or ``EXPORT`` (``export redemptions``)."""
    if not permissions.allowed(session, permissions.EXPORT):
        permissions.require(session, permissions.CARDS)
    start, end = local_bounds(first, last)
    query = select(Redemption).where(Redemption.at >= start, Redemption.at < end)
    if partner_id is not None:
        query = query.join(Benefit, Benefit.id == Redemption.benefit_id).where(
            Benefit.partner_id == partner_id
        )
    return _rows(session, list(session.scalars(query.order_by(Redemption.at, Redemption.id))))


def redemptions_of_partner(
    session: Session, partner_id: int, first: date, last: date
) -> list[RedemptionRow]:
    """A partner's log from ``first`` to ``last`` (both included), oldest first. Needs ``CARDS``."""
    permissions.require(session, permissions.CARDS)
    return redemptions_between(session, first, last, partner_id)


def redemptions_of_card(session: Session, card_id: int) -> list[RedemptionRow]:
    """Every attempt recorded with this card, newest first. Needs ``CARDS``."""
    permissions.require(session, permissions.CARDS)
    query = select(Redemption).where(Redemption.card_id == card_id)
    return _rows(
        session, list(session.scalars(query.order_by(Redemption.at.desc(), Redemption.id.desc())))
    )

"""Printing family cards: the card itself (ID-1, for a card printer), its cover letter, and
the renewal letters of the cards that expire in a month.

Services for the CLI and the GUI runner: each needs ``PRINT`` (and reading the
registry), reads with the given session (never commits), builds the PDF in the
form's language (default: the interface language), audits the print by the card's
uid and writes the file atomically. Revoked and replaced cards are refused (a
replaced card names its successor). Run them as writes (``Database.write`` /
``runner.write``). Importing this module loads ReportLab.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import i18n
from familydesk.cards.card_sheet import CardFace, card_pdf
from familydesk.cards.letters import (
    Addressee,
    CoverLetterData,
    RenewalLetterData,
    cover_letter_pdf,
    renewal_letters_pdf,
)
from familydesk.cards.numbers import grouped, validated
from familydesk.cards.partner_booklet import (
    BookletCategory,
    BookletComune,
    BookletPartner,
    partner_booklet_pdf,
)
from familydesk.cards.partners import partner_directory
from familydesk.cards.records import CardRow, card_by_number, card_rows
from familydesk.db.models.cards import Card, CardType
from familydesk.db.models.registry import Family
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError, NotFoundError
from familydesk.kernel.files import write_atomically
from familydesk.registry.centre import get_centre, province_of
from familydesk.scheduling.calendar_rules import local_now
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Printout:
    path: Path
    #: How many cards are on paper (a letter each).
    cards: int


def printable_card(session: Session, typed: str) -> CardRow:
    """The card with the number ``typed`` (any case or grouping), if it may be printed.

    ``ValidationError`` for a mistyped number (the check character says so),
    ``NotFoundError`` when no card has it, ``FamilyDeskError`` for a revoked card or
    one replaced by another (named)."""
    number = validated(typed)
    row = card_by_number(session, number)
    if row is None:
        raise NotFoundError(_("No card has the number {number}.").format(number=grouped(number)))
    if row.status == "revoked":
        raise FamilyDeskError(
            _("Card {number} was revoked on {date}: it cannot be printed.").format(
                number=row.grouped_number, date=i18n.format_date(row.revoked_on)
            )
        )
    if row.status == "replaced":
        newer = session.scalar(
            select(Card.number).where(Card.previous_id == row.id).order_by(Card.id.desc())
        )
        if newer:
            raise FamilyDeskError(
                _("Card {number} was replaced by card {new}: print that one.").format(
                    number=row.grouped_number, new=grouped(newer)
                )
            )
        raise FamilyDeskError(
            _("Card {number} was replaced: it cannot be printed.").format(number=row.grouped_number)
        )
    return row


def _face(row: CardRow) -> CardFace:
    return CardFace(row.number, row.card_type, row.holder, row.members, row.expires_on)


def _addressee(session: Session, row: CardRow) -> Addressee:
    family = session.get(Family, row.family_id) if row.family_id else None
    if family is None:
        return Addressee(row.holder, row.family, "", row.comune)
    return Addressee(
        row.holder,
        row.family,
        family.address,
        family.comune_name,
        family.postal_code,
        province_of(session, family.comune_code, family.comune_name),
    )


def _deliver(session: Session, pdf: bytes, path: Path, uids: list[str], note: str) -> Path:
    """Audit the print, one entry per card on paper (by uid), then write the file."""
    session.flush()
    audit.append_bulk(session, "print", "card", uids, note=note)
    session.flush()
    return write_atomically(Path(path), pdf)


def print_card(session: Session, number: str, path: Path, language: str | None = None) -> Path:
    """The card itself, one ID-1 page, for a card printer."""
    permissions.require(session, permissions.PRINT)
    row = printable_card(session, number)
    pdf = card_pdf([_face(row)], get_centre(session), language or i18n.current_language())
    out = _deliver(session, pdf, path, [row.uid], "card")
    log.info("Printed card %s", row.id)
    return out


def print_cover_letter(
    session: Session,
    number: str,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Path:
    """The letter that goes with a card, to the holder at the family's address."""
    permissions.require(session, permissions.PRINT)
    row = printable_card(session, number)
    data = CoverLetterData(
        _addressee(session, row),
        row.number,
        row.card_type,
        row.issued_on,
        row.expires_on,
        row.members,
        row.shortened_reason,
    )
    pdf = cover_letter_pdf(data, get_centre(session), language or i18n.current_language(), today)
    out = _deliver(session, pdf, path, [row.uid], "card cover letter")
    log.info("Printed the cover letter of card %s", row.id)
    return out


def next_month(day: date) -> date:
    """The first day of the month after ``day``'s (renewal letters go out for it)."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_bounds(month_start: date) -> tuple[date, date]:
    """The first and last day of the month of ``month_start``."""
    first = month_start.replace(day=1)
    return first, next_month(first) - timedelta(days=1)


def print_renewal_letters(
    session: Session,
    month_start: date,
    path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Printout:
    """A renewal letter, a page each, for every active card that expires in the month of
    ``month_start``, to the holders; ``FamilyDeskError`` (and no file) when there are none."""
    permissions.require(session, permissions.PRINT)
    permissions.require(session, permissions.VIEW_REGISTRY)
    first, last = month_bounds(month_start)
    cards = list(
        session.scalars(
            select(Card)
            .where(Card.status == "active", Card.expires_on >= first, Card.expires_on <= last)
            .order_by(Card.expires_on, Card.number)
        )
    )
    if not cards:
        raise FamilyDeskError(
            _(
                "No active card expires between {first} and {last}: there are "
                "no renewal letters to print."
            ).format(first=i18n.format_date(first), last=i18n.format_date(last))
        )
    ceilings = {
        t.id for t in session.scalars(select(CardType).where(CardType.isee_ceiling.is_not(None)))
    }
    rows = card_rows(session, cards)
    letters = [
        RenewalLetterData(
            _addressee(session, r), r.number, r.card_type, r.expires_on, r.card_type_id in ceilings
        )
        for r in rows
    ]
    pdf = renewal_letters_pdf(
        letters, get_centre(session), language or i18n.current_language(), today
    )
    out = _deliver(
        session, pdf, path, [r.uid for r in rows], f"renewal letters {first:%Y-%m}: {len(rows)}"
    )
    log.info("Printed %d renewal letters for %s", len(rows), f"{first:%Y-%m}")
    return Printout(out, len(rows))


def print_partner_booklet(
    session: Session, path: Path, language: str | None = None, on: date | None = None
) -> Path:
    """The partner directory booklet: partners with an agreement in force on ``on`` (today),
    by category, then comune, with their benefits; refused when there is none."""
    permissions.require(session, permissions.PRINT)
    on = on or local_now().date()
    categories: list[BookletCategory] = []
    for section in partner_directory(session, on):
        comune = BookletComune(
            section.comune or _("Other comuni"),
            tuple(
                BookletPartner(
                    p.name, p.address, p.phone, tuple(b.full_text for b in p.benefits if b.active)
                )
                for p in section.partners
            ),
        )
        if categories and categories[-1].category == section.category:
            categories[-1] = BookletCategory(section.category, (*categories[-1].comuni, comune))
        else:
            categories.append(BookletCategory(section.category, (comune,)))
    if not categories:
        raise FamilyDeskError(_("There is no partner with an agreement in force to print."))
    pdf = partner_booklet_pdf(
        categories, get_centre(session), language or i18n.current_language(), on
    )
    session.flush()
    audit.record(session, "print", None, note="partner booklet", table_name="partner")
    out = write_atomically(Path(path), pdf)
    log.info("Printed the partner booklet")
    return out

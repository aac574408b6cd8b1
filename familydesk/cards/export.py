"""Exporting cards and benefit use for funders and the Piano di Zona.

Minimised like the walk-in contacts and group exports: families and holders
appear by uid only, never by name. ``export_cards`` writes one row per card
(its state on the day), ``export_redemptions`` one row per attempt in a period,
accepted or refused. CSV speaks like the other exports (``;``, UTF-8 with a BOM
in files, Italian column names, dd/mm/yyyy dates); JSON has English keys, codes
and ISO dates. Both need ``EXPORT`` and are audited (kind, period, count): run
them as writes.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from familydesk.cards.lookup import today
from familydesk.cards.numbers import grouped
from familydesk.cards.redemptions import redemptions_between
from familydesk.db.models.cards import Card, CardMember, CardType
from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.tabular import Exported, check_period, write_csv, write_export
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)

FORMATS = ("csv", "json")
CARD_COLUMNS = (
    "numero",
    "tipo_carta",
    "stato",
    "stato_oggi",
    "comune_codice",
    "comune",
    "rilasciata_il",
    "scade_il",
    "famiglia_uid",
    "intestatario_uid",
    "componenti",
)
REDEMPTION_COLUMNS = (
    "data",
    "ora",
    "convenzionato",
    "agevolazione",
    "numero_carta",
    "accettato",
    "motivo",
    "motivo_descrizione",
    "operatore",
)


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValidationError("format", _("Format: csv or json."))


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def card_documents(session: Session, on: date) -> list[dict[str, object]]:
    """Every card as a document (JSON names, ISO dates), by number."""
    holder = aliased(Person)
    members = (
        select(CardMember.card_id, func.count().label("n")).group_by(CardMember.card_id).subquery()
    )
    query = (
        select(Card, CardType.name, Family.uid, holder.uid, MemberComune.name, members.c.n)
        .join(CardType, CardType.id == Card.card_type_id)
        .outerjoin(Family, Family.id == Card.family_id)
        .outerjoin(holder, holder.id == Card.holder_id)
        .outerjoin(MemberComune, MemberComune.cadastral_code == Card.comune_code)
        .outerjoin(members, members.c.card_id == Card.id)
        .order_by(Card.number)
    )
    documents = []
    for card, type_name, family_uid, holder_uid, comune, count in session.execute(query):
        state = (
            card.status
            if card.status != "active"
            else ("expired" if card.expires_on < on else "active")
        )
        documents.append(
            {
                "number": card.number,
                "card_type": type_name,
                "status": card.status,
                "state": state,
                "comune_code": card.comune_code,
                "comune": comune or "",
                "issued_on": card.issued_on.isoformat(),
                "expires_on": card.expires_on.isoformat(),
                "family_uid": str(family_uid) if family_uid else None,
                "holder_uid": str(holder_uid) if holder_uid else None,
                "members": count or 0,
            }
        )
    return documents


def _card_cells(d: dict[str, object]) -> list[object]:
    return [
        grouped(str(d["number"])),
        d["card_type"],
        d["status"],
        d["state"],
        d["comune_code"],
        d["comune"],
        _day(date.fromisoformat(str(d["issued_on"]))),
        _day(date.fromisoformat(str(d["expires_on"]))),
        d["family_uid"] or "",
        d["holder_uid"] or "",
        d["members"],
    ]


def _write(
    fmt: str,
    path: Path | None,
    stream: IO[str] | None,
    header: tuple[str, ...],
    documents: list[dict[str, object]],
    cells,
) -> Exported:  # type: ignore[no-untyped-def]
    def produce(fh: IO[str], lineterminator: str) -> int:
        if fmt == "csv":
            return write_csv([cells(d) for d in documents], fh, lineterminator, header=header)
        json.dump(documents, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
        return len(documents)

    return write_export(fmt, Path(path) if path else None, stream, produce)


def export_cards(
    session: Session,
    fmt: str,
    path: Path | None = None,
    stream: IO[str] | None = None,
    on: date | None = None,
) -> Exported:
    """Every card, one row each with its state on ``on`` (default today), written as
    ``fmt`` to ``path`` (atomically) or ``stream``; families and holders by uid only."""
    permissions.require(session, permissions.EXPORT)
    _check(fmt)
    documents = card_documents(session, on or today())
    audit.record(session, "export", note=f"cards {fmt}: {len(documents)}", table_name="card")
    session.flush()
    exported = _write(fmt, path, stream, CARD_COLUMNS, documents, _card_cells)
    log.info("Exported %d cards as %s", exported.count, fmt)
    return exported


def redemption_documents(session: Session, first: date, last: date) -> list[dict[str, object]]:
    """Every attempt from ``first`` to ``last`` (local days, both included), oldest first."""
    return [
        {
            "at": r.at.isoformat(timespec="minutes"),
            "partner": r.partner,
            "benefit": r.benefit,
            "card_number": r.number.replace(" ", ""),
            "accepted": r.accepted,
            "reason": r.reason or None,
            "reason_text": r.reason_text,
            "operator": r.operator,
        }
        for r in redemptions_between(session, first, last)
    ]


def _redemption_cells(d: dict[str, object]) -> list[object]:
    at = str(d["at"])
    number = str(d["card_number"])
    return [
        _day(date.fromisoformat(at[:10])),
        at[11:16],
        d["partner"],
        d["benefit"],
        grouped(number),
        "sì" if d["accepted"] else "no",
        d["reason"] or "",
        d["reason_text"],
        d["operator"],
    ]


def export_redemptions(
    session: Session,
    first: date,
    last: date,
    fmt: str,
    path: Path | None = None,
    stream: IO[str] | None = None,
) -> Exported:
    """Benefit use from ``first`` to ``last`` (both included), accepted and refused, one row
    per attempt, written as ``fmt`` to ``path`` or ``stream``."""
    permissions.require(session, permissions.EXPORT)
    _check(fmt)
    check_period(first, last)
    documents = redemption_documents(session, first, last)
    audit.record(
        session,
        "export",
        note=f"redemptions {fmt} {first}..{last}: {len(documents)}",
        table_name="redemption",
    )
    session.flush()
    exported = _write(fmt, path, stream, REDEMPTION_COLUMNS, documents, _redemption_cells)
    log.info("Exported %d redemptions as %s", exported.count, fmt)
    return exported

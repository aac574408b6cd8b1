"""Exporting the front desk's walk-in contacts for the region's indicators: one row per request.

Minimised: families appear by uid only, anonymous visitors by their
statistics (sex, birth year, citizenship, comune), and the requests' free-text
notes stay in the database. CSV speaks the family export's language (``;``,
UTF-8 with a BOM, Italian column names, dd/mm/yyyy dates, translated words);
JSON has English keys, codes and ISO dates.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.directory import DirectoryService
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.db.models.registry import Family
from familydesk.frontdesk.contacts import CHANNELS, OUTCOMES, REFERRAL_OUTCOMES
from familydesk.frontdesk.needs import MACRO_AREAS, need_name
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.tabular import Exported, check_period, write_csv, write_export
from familydesk.kernel.text import hhmm
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)

FORMATS = ("csv", "json")
CSV_COLUMNS = (
    "contatto_uid",
    "data",
    "ora",
    "canale",
    "operatore",
    "famiglia_uid",
    "anonimo",
    "sesso_anonimo",
    "anno_nascita_anonimo",
    "cittadinanza_anonimo",
    "comune_anonimo",
    "inviato_da",
    "bisogno_codice",
    "bisogno",
    "macro_area",
    "macro_area_nome",
    "esiti",
    "invio_a",
    "richiamo_il",
    "richiamo_a_cura_di",
    "richiamo_fatto_il",
    "servizio",
    "servizio_uid",
    "esito_invio",
    "esito_invio_il",
)


@dataclass(frozen=True)
class RequestLine:
    """One request of one contact, as exported."""

    contact_uid: str
    contact_date: date
    arrived_at: datetime
    channel: str
    operator: str
    family_uid: str | None
    anonymous: bool
    anon_sex: str
    anon_birth_year: int | None
    anon_citizenship: str
    anon_comune: str
    referred_by: str
    need_key: str
    need: str
    macro_area: str
    outcomes: tuple[str, ...]
    referral_to: str
    follow_up_on: date | None
    follow_up_owner: str
    follow_up_done_on: date | None
    #: The directory's service referred to ("" / None for free text or no referral).
    service_uid: str | None = None
    service_name: str = ""
    referral_outcome: str = ""
    referral_outcome_on: date | None = None


def request_lines(session: Session, first: date, last: date) -> Iterator[RequestLine]:
    """The requests of the contacts from ``first`` to ``last`` (both included), in time order."""
    query = (
        select(
            ContactRequest, Contact, Need, Family.uid, DirectoryService.uid, DirectoryService.name
        )
        .join(Contact, Contact.id == ContactRequest.contact_id)
        .join(Need, Need.id == ContactRequest.need_id)
        .outerjoin(Family, Family.id == Contact.family_id)
        .outerjoin(DirectoryService, DirectoryService.id == ContactRequest.service_id)
        .where(Contact.contact_date >= first, Contact.contact_date <= last)
        .order_by(Contact.contact_date, Contact.arrived_at, Contact.id, ContactRequest.id)
    )
    for request, contact, need, family_uid, service_uid, service_name in session.execute(query):
        anonymous = contact.person_id is None and contact.family_id is None
        yield RequestLine(
            str(contact.uid),
            contact.contact_date,
            contact.arrived_at.astimezone(clock.ROME),
            contact.channel,
            contact.operator,
            str(family_uid) if family_uid else None,
            anonymous,
            contact.anon_sex,
            contact.anon_birth_year,
            contact.anon_citizenship,
            contact.anon_comune,
            contact.referred_by,
            need.key,
            need_name(need),
            need.macro_area,
            tuple(o for o in request.outcomes.split(",") if o),
            request.referral_to,
            request.follow_up_on,
            request.follow_up_owner,
            request.follow_up_done_on,
            str(service_uid) if service_uid else None,
            service_name or "",
            request.referral_outcome,
            request.referral_outcome_on,
        )


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _csv_row(line: RequestLine) -> list[object]:
    return [
        line.contact_uid,
        _day(line.contact_date),
        hhmm(line.arrived_at),
        _(CHANNELS.get(line.channel, line.channel)),
        line.operator,
        line.family_uid or "",
        "sì" if line.anonymous else "no",
        line.anon_sex,
        line.anon_birth_year or "",
        line.anon_citizenship,
        line.anon_comune,
        line.referred_by,
        line.need_key,
        line.need,
        line.macro_area,
        _(MACRO_AREAS.get(line.macro_area, "")) if line.macro_area else "",
        ", ".join(_(OUTCOMES.get(o, o)) for o in line.outcomes),
        line.referral_to,
        _day(line.follow_up_on),
        line.follow_up_owner,
        _day(line.follow_up_done_on),
        line.service_name,
        line.service_uid or "",
        _(REFERRAL_OUTCOMES[line.referral_outcome])
        if line.referral_outcome in REFERRAL_OUTCOMES
        else "",
        _day(line.referral_outcome_on),
    ]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _document(line: RequestLine) -> dict[str, object]:
    iso = _iso
    return {
        "contact_uid": line.contact_uid,
        "date": iso(line.contact_date),
        "arrived_at": iso(line.arrived_at),
        "channel": line.channel,
        "operator": line.operator,
        "family_uid": line.family_uid,
        "anonymous": line.anonymous,
        "anon_sex": line.anon_sex or None,
        "anon_birth_year": line.anon_birth_year,
        "anon_citizenship": line.anon_citizenship or None,
        "anon_comune": line.anon_comune or None,
        "referred_by": line.referred_by or None,
        "need_key": line.need_key,
        "need": line.need,
        "macro_area": line.macro_area,
        "outcomes": list(line.outcomes),
        "referral_to": line.referral_to or None,
        "follow_up_on": iso(line.follow_up_on),
        "follow_up_owner": line.follow_up_owner or None,
        "follow_up_done_on": iso(line.follow_up_done_on),
        "service_uid": line.service_uid,
        "service_name": line.service_name or None,
        "referral_outcome": line.referral_outcome or None,
        "referral_outcome_on": iso(line.referral_outcome_on),
    }


def export_contacts(
    session: Session,
    first: date,
    last: date,
    fmt: str,
    out: Path | None = None,
    stream: IO[str] | None = None,
) -> Exported:
    """The walk-in requests from ``first`` to ``last`` (both included) as ``fmt``, to
    ``out`` (atomically) or ``stream``; ``count`` is the number of requests.

    Needs ``EXPORT``; audited (period and count): run it as a write.
    """
    permissions.require(session, permissions.EXPORT)
    if fmt not in FORMATS:
        raise ValidationError("format", _("Format: csv or json."))
    check_period(first, last)
    lines = list(request_lines(session, first, last))

    def produce(fh: IO[str], lineterminator: str) -> int:
        if fmt == "csv":
            return write_csv(
                (_csv_row(line) for line in lines), fh, lineterminator, header=CSV_COLUMNS
            )
        json.dump([_document(line) for line in lines], fh, ensure_ascii=False, indent=2)
        fh.write("\n")
        return len(lines)

    audit.record(
        session,
        "export",
        note=f"contacts {fmt} {first}..{last}: {len(lines)}",
        table_name="contact",
    )
    session.flush()
    exported = write_export(fmt, out, stream, produce)
    log.info("Exported %d contact requests as %s", exported.count, fmt)
    return exported

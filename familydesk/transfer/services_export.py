"""Exporting the directory: CSV and XLSX in the import's own columns (one row per
service, its organisation's columns on each), or JSON; an export imports back unchanged.
Audited like the families export: run it as a write. Needs ``EXPORT``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sqlalchemy.orm import Session

from familydesk.directory.records import ServiceRow, list_services
from familydesk.kernel.tabular import write_csv, write_export
from familydesk.transfer.exporter import write_xlsx
from familydesk.transfer.services_columns import COLUMN_NAMES, COLUMNS
from familydesk.transfer.services_values import ACCESS_WORDS, KIND_WORDS
from familydesk.trust import audit, permissions

FORMATS = ("csv", "xlsx", "json")


def _yes(value: bool) -> str:
    return "sì" if value else "no"


def service_values(s: ServiceRow, typed: bool = False) -> dict[str, object]:
    """A service's cells by column (``typed`` keeps the date a date, for XLSX)."""
    o = s.organisation
    checked = s.checked_on if typed else (s.checked_on.strftime("%d/%m/%Y") if s.checked_on else "")
    return {
        "organizzazione": o.name,
        "tipo_organizzazione": KIND_WORDS.get(o.kind, o.kind),
        "codice_fiscale_organizzazione": o.tax_code,
        "comune_organizzazione": o.comune_name,
        "codice_comune_organizzazione": o.comune_code,
        "indirizzo_organizzazione": o.address,
        "cap_organizzazione": o.postal_code,
        "telefono_organizzazione": o.phone,
        "email_organizzazione": o.email,
        "web_organizzazione": o.web,
        "note_organizzazione": o.notes,
        "organizzazione_attiva": _yes(o.active),
        "servizio": s.name,
        "descrizione": s.description,
        "comune": s.comune_name,
        "codice_comune": s.comune_code,
        "indirizzo": s.address,
        "cap": s.postal_code,
        "tutto_ambito": _yes(s.whole_area),
        "telefono": s.phone,
        "email": s.email,
        "web": s.web,
        "orari": s.hours,
        "eta_da": "" if s.age_min is None else s.age_min,
        "eta_a": "" if s.age_max is None else s.age_max,
        "destinatari": s.audience,
        "residenza": s.residence,
        "costo": s.cost,
        "lingue": ", ".join(s.languages),
        "accesso": ACCESS_WORDS.get(s.access, s.access),
        "cosa_portare": s.bring,
        "referente": s.contact_person,
        "verificato_il": checked or "",
        "attivo": _yes(s.active),
        "bisogni": "; ".join(s.need_keys),
        "uid": s.uid,
    }


def service_rows(session: Session, typed: bool = False) -> Iterator[list[object]]:
    for service in list_services(session, active_only=False):
        values = service_values(service, typed)
        yield [values[name] for name in COLUMN_NAMES]


def service_document(s: ServiceRow) -> dict[str, object]:
    """A service as JSON: English keys, codes, ISO date, its organisation nested."""
    o = s.organisation
    document: dict[str, object] = {
        c.field: getattr(s, c.field)
        for c in COLUMNS
        if not c.organisation and c.field != "need_ids"
    }
    document.update(
        languages=list(s.languages),
        needs=list(s.need_keys),
        checked_on=s.checked_on.isoformat() if s.checked_on else None,
        organisation={c.field: getattr(o, c.field) for c in COLUMNS if c.organisation},
    )
    return document


def export_services(
    session: Session, fmt: str, out: Path | None = None, stream: IO[str] | None = None
) -> int:
    """Export every service (inactive ones too) to ``out`` or ``stream``; how many."""
    permissions.require(session, permissions.EXPORT)
    if fmt == "xlsx":
        assert out is not None
        count = _xlsx(session, out)
    else:
        count = write_export(fmt, out, stream, lambda fh, end: _text(session, fmt, fh, end)).count
    audit.record(session, "export", note=f"services {fmt}: {count}")
    return count


def _xlsx(session: Session, out: Path) -> int:
    rows = service_rows(session, typed=True)
    return write_xlsx(rows, out, title="servizi", headers=COLUMN_NAMES)


def _text(session: Session, fmt: str, fh: IO[str], lineterminator: str) -> int:
    if fmt == "csv":
        return write_csv(service_rows(session), fh, lineterminator, header=COLUMN_NAMES)
    documents = [service_document(s) for s in list_services(session, active_only=False)]
    json.dump(documents, fh, ensure_ascii=False, indent=2)
    fh.write("\n")
    return len(documents)

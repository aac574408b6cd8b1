"""The audit trail names the directory's records and a card partner by its organisation:
"service “Consultorio familiare” of ASST Mantova", "partner “Libreria Rinascita”"."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import i18n
from familydesk.db.database import Database
from familydesk.db.models.cards import Benefit, Partner
from familydesk.db.models.directory import DirectoryServiceNeed
from familydesk.db.models.registry import AuditEntry
from familydesk.directory import merge
from familydesk.privacy.trail.words import changes_text, describe, what_text
from familydesk.trust.audit import AuditRow
from tests.directory import directory_data as data


def _lines(session: Session, table: str) -> list[str]:
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id)
    ).all()
    rows = [
        AuditRow(e.id, e.at, e.operator, e.action, e.table_name, e.record_uid, e.fields, e.note)
        for e in entries
    ]
    return [f"{what_text(line)} | {changes_text(line)}" for line in describe(session, rows)]


def test_directory_records_and_partners_read_in_words(database: Database) -> None:
    needs = data.need_ids(database)
    asst = data.organisation(database, "ASST Mantova")
    libreria = data.organisation(database, "Libreria Rinascita")
    consultorio = data.service(
        database, asst.id, "Consultorio familiare", need_ids=(needs["parenting"],)
    )
    data.service(database, libreria.id, "Libreria Rinascita", hours="9-12")

    def agreement(session: Session) -> None:
        partner = Partner(organisation_id=libreria.id, category="cultural")
        session.add(partner)
        session.flush()
        session.add(Benefit(partner_id=partner.id, kind="percent", value=Decimal(10)))

    database.write(agreement)
    database.write(lambda s: setattr(s.scalars(select(DirectoryServiceNeed)).one(), "position", 3))

    def read(session: Session) -> dict[str, list[str]]:
        tables = ("organisation", "directory_service", "directory_service_need", "partner")
        return {t: _lines(session, t) for t in (*tables, "benefit")}

    lines = database.read(read)
    assert lines["organisation"][0].startswith("organisation “ASST Mantova”")
    assert lines["directory_service"][0].startswith(
        "service “Consultorio familiare” of ASST Mantova"
    )
    assert lines["directory_service"][1].startswith("service “Libreria Rinascita” |")
    assert lines["directory_service_need"][-1].startswith(
        "need “Parenting support and education” of service “Consultorio familiare” | Order"
    )
    assert lines["partner"] == ["partner “Libreria Rinascita” | "]
    assert lines["benefit"][0].startswith("benefit “Percent discount” of Libreria Rinascita")
    i18n.set_language("it")
    assert database.read(_lines, "organisation")[0].startswith("organizzazione “ASST Mantova”")
    assert database.read(_lines, "directory_service")[0].startswith(
        "servizio “Consultorio familiare” di ASST Mantova"
    )
    del consultorio


def test_a_merge_reads_as_a_merge_of_the_kept_entry(database: Database) -> None:
    asst = data.organisation(database, "ASST Mantova")
    keep = data.service(database, asst.id, "Consultorio")
    drop = data.service(database, asst.id, "Consultorio di Suzzara")
    database.write(merge.merge_services, keep.id, drop.id)
    lines = database.read(_lines, "directory_service")
    assert any(line.startswith("service “Consultorio” of ASST Mantova") for line in lines)

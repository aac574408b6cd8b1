"""The directory goes out as CSV/XLSX/JSON and comes back identical; re-importing changes
nothing; bad rows are rejected with a row report; reception may not import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.directory import editing, records
from familydesk.frontdesk.needs import list_needs
from familydesk.transfer.services_export import export_services
from familydesk.transfer.services_import import import_services_file
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import signed_in

SUZZARA = (
    "Organizzazione;Tipo organizzazione;Comune organizzazione;Servizio;Comune;Età da;Età a;"
    "Lingue;Accesso;Bisogni;Verificato il;E-mail\n"
    "Comune di Suzzara;servizio pubblico;Suzzara;Segretariato sociale;;;;italiano, arabo;"
    "accesso libero;orientation;01/12/2026;\n"
    "ASST Mantova;servizio sanitario;Suzzara;Consultorio familiare;Suzzara;0;99;it, en;"
    'su appuntamento;"pregnancy_newborns; parenting";;consultorio@asst.it\n'
    "Cooperativa Sociale Càrtesio;terzo settore;Pegognaga;Nido Girotondo;Pegognaga;0;3;it;"
    "su appuntamento;pregnancy_newborns;;\n"
)


def _snapshot(database: Database) -> list[tuple]:
    rows = database.read(records.list_services, False)
    return [
        (
            s.uid,
            s.name,
            s.organisation.name,
            s.organisation.kind,
            s.comune_code,
            s.languages,
            s.access,
            s.need_keys,
            s.age_min,
            s.age_max,
            s.checked_on,
            s.email,
            s.version,
        )
        for s in rows
    ]


def _seed(database: Database) -> None:
    needs = {n.key: n.id for n in database.read(list_needs)}
    asst = database.write(
        editing.save_organisation,
        editing.OrganisationInput(
            name="ASST Mantova",
            kind="health",
            tax_code="02481970206",
            comune_name="Suzzara",
            comune_code="L020",
            phone="0376 513 111",
        ),
    )
    database.write(
        editing.save_service,
        editing.ServiceInput(
            organisation_id=asst.id,
            name="Consultorio familiare",
            need_ids=(needs["pregnancy_newborns"], needs["parenting"]),
            hours="lun-ven 9-12",
            languages=("it", "ar"),
            access="appointment",
            checked_on=date(2025, 12, 1),
            age_min=0,
            age_max=99,
            whole_area=True,
            email="consultorio@asst.it",
        ),
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_imports_back_identical_and_again_unchanged(
    database: Database, tmp_path: Path, db_location: str, fmt: str
) -> None:
    _seed(database)
    out = tmp_path / f"servizi.{fmt}"
    assert database.write(export_services, fmt, out) == 1
    before = _snapshot(database)
    again = database.write(import_services_file, out)
    assert (again.unchanged, again.new, again.updated) == (1, 0, 0)
    assert _snapshot(database) == before  # no version bump


def test_a_consortium_spreadsheet_imports_with_italian_headers(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "mappatura.csv"
    path.write_text(SUZZARA, encoding="utf-8")
    summary = database.write(import_services_file, path)
    assert (summary.new, summary.rejected) == (3, 0), summary.rows
    services = {s.name: s for s in database.read(records.list_services)}
    assert services["Segretariato sociale"].languages == ("it", "ar")
    assert services["Consultorio familiare"].need_keys == ("pregnancy_newborns", "parenting")
    assert services["Nido Girotondo"].organisation.comune_code == "G417"
    assert database.write(import_services_file, path).unchanged == 3


def test_rejected_rows_write_nothing_and_are_reported(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "mappatura.csv"
    path.write_text(
        "organizzazione;servizio;email;bisogni;eta_da;eta_a;lingue\n"
        "Comune di Suzzara;Sportello;nope;;;;\n"
        "Comune di Suzzara;Sportello 2;;nothing;;;\n"
        "Comune di Suzzara;Sportello 3;;;10;3;\n"
        "Comune di Suzzara;Sportello 4;;;;;klingon\n"
        "Comune di Suzzara;;;;;;\n"
        "Comune di Suzzara;Buono;;;;;it\n",
        encoding="utf-8",
    )
    summary = database.write(import_services_file, path)
    assert (summary.new, summary.rejected) == (1, 5), summary.rows
    columns = [o.problems[0][0] for o in summary.rows if o.status == "rejected"]
    assert columns == ["email", "bisogni", "eta_a", "lingue", "servizio"]
    assert [s.name for s in database.read(records.list_services)] == ["Buono"]
    assert summary.report_path is not None and "errore" in summary.report_path.read_text(
        "utf-8-sig"
    )


def test_reception_may_not_import(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "mappatura.csv"
    path.write_text(SUZZARA, encoding="utf-8")
    signed_in(database, "reception")
    with pytest.raises(PermissionDenied):
        database.write(import_services_file, path)


@pytest.mark.usefixtures("cli_operator")
def test_cli_imports_and_exports_services(capsys, db_location: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import run_cli

    path = tmp_path / "mappatura.csv"
    path.write_text(SUZZARA + "ASST;;;;;;;;;nothing;;\n", encoding="utf-8")
    code, out, _err = run_cli(
        capsys, "--lang", "en", "import", "services", str(path), "--db", db_location
    )
    assert (
        code == 3
        and "Row 5: Bisogni: “nothing” is not a need" in out
        and "Services added: 3;" in out
    )
    out_file = tmp_path / "out.xlsx"
    code, out, _err = run_cli(
        capsys, "--lang", "en", "export", "services", "--out", str(out_file), "--db", db_location
    )
    assert code == 0 and "3 services exported." in out and out_file.exists()


def test_english_headers_and_a_dry_run_that_writes_nothing(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "services.csv"
    path.write_text(
        "Organisation;Service;Languages;Access;Needs\n"
        "Informagiovani Suzzara;Sportello giovani;Italian, French;by appointment;orientation\n",
        encoding="utf-8",
    )
    preview = database.write(import_services_file, path, dry_run=True)
    assert (preview.new, preview.dry_run) == (1, True)
    assert database.read(records.list_services) == []
    assert database.read(records.list_organisations) == []
    database.write(import_services_file, path)
    (service,) = database.read(records.list_services)
    assert service.languages == ("it", "fr") and service.access == "appointment"


def test_an_import_matches_the_free_text_referrals_it_makes_known(
    database: Database, tmp_path: Path
) -> None:
    """A referral typed as free text before the directory existed names its service once
    the spreadsheet brings it in (the text stays as it was typed)."""
    from familydesk import frontdesk
    from familydesk.db.models.frontdesk import ContactRequest

    database.write(
        frontdesk.record_contact,
        frontdesk.ContactInput(
            requests=(
                frontdesk.RequestInput(
                    need_key="parenting",
                    outcomes=("referral",),
                    referral_to="consultorio familiare di suzzara",
                ),
            )
        ),
    )
    sheet = tmp_path / "mappatura.csv"
    sheet.write_text(
        "organizzazione;servizio;comune;bisogni\n"
        "ASST Mantova;Consultorio familiare di Suzzara;Suzzara;parenting\n",
        encoding="utf-8",
    )
    summary = database.write(import_services_file, sheet)
    assert summary.new == 1 and summary.referrals_matched == 1
    assert "1 earlier referral now names its service." in summary.message()

    def requests(session):  # type: ignore[no-untyped-def]
        return [(r.service_id, r.referral_to) for r in session.query(ContactRequest)]

    [(service_id, text)] = database.read(requests)
    assert service_id is not None and text == "consultorio familiare di suzzara"


def test_reception_may_not_export_services(database: Database, tmp_path: Path) -> None:
    _seed(database)
    signed_in(database, "reception")
    with pytest.raises(PermissionDenied):
        database.write(export_services, "csv", tmp_path / "servizi.csv")
    assert not (tmp_path / "servizi.csv").exists()


def test_a_services_export_is_audited(database: Database, tmp_path: Path) -> None:
    from familydesk.trust import audit

    _seed(database)
    database.write(export_services, "json", tmp_path / "servizi.json")
    exports = [e for e in database.read(audit.entries) if e.action == "export"]
    assert [e.note for e in exports] == ["services json: 1"]


@pytest.mark.usefixtures("cli_operator")
def test_a_services_import_first_makes_a_copy_kept_a_week(  # type: ignore[no-untyped-def]
    capsys, db_location: str, tmp_path: Path
) -> None:
    from familydesk.admin import backups
    from tests.helpers import run_cli

    path = tmp_path / "mappatura.csv"
    path.write_text(SUZZARA, encoding="utf-8")
    argv = ("--lang", "en", "import", "services", str(path), "--db", db_location)
    run_cli(capsys, *argv[:4], "--dry-run", *argv[4:])
    assert not [b for b in backups.copies() if b.label == backups.BEFORE_IMPORT]
    code, _out, _err = run_cli(capsys, *argv)
    [copy] = [b for b in backups.copies() if b.label == backups.BEFORE_IMPORT]
    assert code == 0 and copy.protected

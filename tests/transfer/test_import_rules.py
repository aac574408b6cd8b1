"""The import's rules: every rejection reason, whole families, the report, re-import,
one transaction, dry run."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from familydesk import i18n, registry
from familydesk.db.database import Database
from familydesk.db.models.registry import Person
from familydesk.registry import FamilyInput, MemberInput
from familydesk.transfer import NEW, PRESENT, REJECTED, importer
from tests.transfer import (
    ROSSI_MARIO,
    TODAY,
    VERDI_ELSA,
    VERDI_PIO,
    family_count,
    people,
    run_import,
    write_csv,
)

HEADER = (
    "famiglia",
    "cognome",
    "nome",
    "codice_fiscale",
    "data_nascita",
    "sesso",
    "ruolo",
    "comune_residenza",
    "telefono",
    "email",
    "isee",
    "isee_scadenza",
    "disabilita",
)
ELSA = {
    "famiglia": "A",
    "cognome": "Verdi",
    "nome": "Elsa",
    "codice_fiscale": VERDI_ELSA,
    "ruolo": "genitore",
    "comune_residenza": "Suzzara",
    "isee": "9.000,00",
    "isee_scadenza": "15/01/2027",
}
PIO = {
    "famiglia": "A",
    "cognome": "Verdi",
    "nome": "Pio",
    "codice_fiscale": VERDI_PIO,
    "ruolo": "figlio",
}


def lines(*rows: dict[str, str]) -> list[str]:
    return [";".join(HEADER)] + [";".join(row.get(c, "") for c in HEADER) for row in rows]


def write(tmp_path: Path, *rows: dict[str, str], name: str = "famiglie.csv") -> Path:
    return write_csv(tmp_path / name, lines(*rows))


def read_report(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"cognome": " "}, "cognome: empty, but it is required."),
        ({"nome": ""}, "nome: empty, but it is required."),
        (
            {"codice_fiscale": VERDI_PIO[:-1] + "A"},
            f"Tax code: {VERDI_PIO[:-1]}A has a wrong check character: please check every letter "
            "and digit.",
        ),
        (
            {"codice_fiscale": "VRDPIO20"},
            "Tax code: expected 16 characters (or 11 digits for a temporary code), found 8.",
        ),
        ({"data_nascita": "30/02/2020"}, "data_nascita: 30/02/2020 is an impossible date."),
        (
            {"codice_fiscale": "", "sesso": "M", "data_nascita": "01/12/2026"},
            "Birth date: it cannot be in the future.",
        ),
        (
            {"data_nascita": "01/03/2020"},
            f"Tax code {VERDI_PIO} says born on 29/02/2020, but the birth date entered is "
            "01/03/2020.",
        ),
        (
            {"sesso": "F"},
            f"Tax code {VERDI_PIO} is for a male person, but the sex entered is female.",
        ),
        ({"codice_fiscale": ""}, "Sex: choose F or M (or enter the tax code)."),
        (
            {"isee": "novemila", "comune_residenza": "Suzzara"},
            "isee: “novemila” is not an amount: write it as 12.345,67 or 12345.67.",
        ),
        ({"isee": "9000"}, None),
        ({"isee": "9100"}, "isee: “9100” differs from “9.000,00” on line 2 of the same family."),
        ({"isee_scadenza": "31/04/2027"}, "isee_scadenza: 31/04/2027 is an impossible date."),
        ({"email": "pio@"}, "E-mail: expected an address like nome@esempio.it."),
        (
            {"telefono": "chiamare la nonna"},
            "Phone: use digits, spaces and + only, for example 347 1234567.",
        ),
        (
            {"comune_residenza": "Atlantide"},
            "comune_residenza: “Atlantide” is not an Italian comune.",
        ),
        (
            {"comune_residenza": "Gonzaga"},
            "comune_residenza: “Gonzaga” differs from “Suzzara” on line 2 of the same family.",
        ),
        (
            {"ruolo": "zio"},
            "ruolo: “zio” is not a relationship: write genitore, figlio, figlia, affidato, "
            "affidata or altro.",
        ),
        ({"disabilita": "forse"}, "disabilita: “forse” is not sì or no."),
        ({"codice_fiscale": VERDI_ELSA}, f"Tax code {VERDI_ELSA} is entered twice in this family."),
    ],
)
def test_each_rejection_reason_and_the_whole_family_stays_out(
    database: Database, tmp_path: Path, change: dict[str, str], reason: str | None
) -> None:
    summary = run_import(database, write(tmp_path, ELSA, {**PIO, **change}))
    if reason is None:  # the same value written another way is no conflict
        assert summary.families_new == 1 and summary.rows_rejected == 0
        return
    assert [(row.line, row.status, row.reason) for row in summary.rows] == [
        (2, REJECTED, "Not imported because line 3 of the same family was rejected."),
        (3, REJECTED, reason),
    ]
    assert (summary.families_new, summary.families_rejected, summary.rows_rejected) == (0, 1, 2)
    assert family_count(database) == 0


def test_isee_needs_its_expiry(database: Database, tmp_path: Path) -> None:
    summary = run_import(database, write(tmp_path, {**ELSA, "isee_scadenza": ""}, PIO))
    assert summary.rows[0].reason == "ISEE expiry: enter the date the ISEE certificate expires."
    assert summary.rows[1].reason.startswith("Not imported because line 2")


def test_a_code_in_two_families_of_the_file_refuses_both(
    database: Database, tmp_path: Path
) -> None:
    other = {**ELSA, "famiglia": "B", "nome": "Elsa Maria"}
    summary = run_import(database, write(tmp_path, ELSA, PIO, other))
    assert [(row.line, row.status) for row in summary.rows] == [
        (2, REJECTED),
        (3, REJECTED),
        (4, REJECTED),
    ]
    assert (
        summary.rows[0].reason
        == f"Tax code {VERDI_ELSA} is also on line 4 (family B) of this file."
    )
    assert (
        summary.rows[2].reason
        == f"Tax code {VERDI_ELSA} is also on line 2 (family A) of this file."
    )


def test_a_code_registered_in_another_family_is_refused(database: Database, tmp_path: Path) -> None:
    elsa = MemberInput(first_name="Elsa", last_name="Verdi", tax_code=VERDI_ELSA, relation="parent")
    database.write(registry.create_family, FamilyInput(name="Bruni"), [elsa], today=TODAY)
    other = {"famiglia": "B", "cognome": "Rossi", "nome": "Mario", "codice_fiscale": ROSSI_MARIO}
    summary = run_import(database, write(tmp_path, ELSA, PIO, other))
    assert [row.status for row in summary.rows] == [REJECTED, REJECTED, NEW]
    assert (
        summary.rows[0].reason
        == f"Tax code {VERDI_ELSA} already belongs to Verdi Elsa (family Bruni)."
    )
    assert summary.rows[1].reason == "Not imported because line 2 of the same family was rejected."
    assert family_count(database) == 2 and people(database)[-1][:2] == ("Rossi", "Mario")


def test_a_row_without_a_key_is_refused_alone(database: Database, tmp_path: Path) -> None:
    summary = run_import(
        database,
        write(
            tmp_path,
            ELSA,
            PIO,
            {**PIO, "famiglia": "", "nome": "Ugo", "codice_fiscale": ROSSI_MARIO},
        ),
    )
    assert [row.status for row in summary.rows] == [NEW, NEW, REJECTED]
    assert summary.rows[2].reason == "famiglia: empty, but it is required."


def test_report_beside_the_file_with_original_cells(database: Database, tmp_path: Path) -> None:
    bad = {**PIO, "data_nascita": "01/03/2020"}
    rossi = {
        "famiglia": "B",
        "cognome": "Rossi",
        "nome": "Mario",
        "codice_fiscale": ROSSI_MARIO,
        "isee": "1.234,50",
        "isee_scadenza": "01/01/2027",
        "comune_residenza": "Moglia",
    }
    path = write(tmp_path, rossi, ELSA, bad)
    summary = run_import(database, path)
    assert summary.report_path == tmp_path / "famiglie_errori.csv"
    report = read_report(summary.report_path)
    assert report[0] == [*HEADER, "errore"]
    assert report[1][:5] == ["A", "Verdi", "Elsa", VERDI_ELSA, ""]
    assert report[1][HEADER.index("isee")] == "9.000,00", "cells are kept as written"
    assert report[1][-1] == "Not imported because line 4 of the same family was rejected."
    assert report[2][4] == "01/03/2020" and report[2][-1].startswith(f"Tax code {VERDI_PIO} says")
    assert len(report) == 3
    # The operator fixes the report and imports it: just those rows come in.
    with summary.report_path.open("w", encoding="utf-8-sig", newline="") as fh:
        fixed = [row[:-1] + [row[-1]] for row in report]
        fixed[2][4] = "29/02/2020"
        csv.writer(fh, delimiter=";").writerows(fixed)
    again = run_import(database, summary.report_path)
    assert (again.families_new, again.people_new, again.rows_rejected) == (1, 2, 0)
    assert again.report_path is None
    assert family_count(database) == 2


def test_report_speaks_the_interface_language(database: Database, tmp_path: Path) -> None:
    i18n.set_language("it")
    summary = run_import(database, write(tmp_path, ELSA, {**PIO, "email": "pio@"}))
    report = read_report(summary.report_path)  # type: ignore[arg-type]
    assert report[1][-1] == "Non importata perché la riga 3 della stessa famiglia è stata scartata."
    assert report[2][-1] == "E-mail: atteso un indirizzo come nome@esempio.it."


def test_importing_the_same_file_again_adds_nothing(database: Database, tmp_path: Path) -> None:
    newborn = {
        "famiglia": "A",
        "cognome": "Verdi",
        "nome": "Ada",
        "sesso": "F",
        "data_nascita": "01/11/2026",
    }
    no_codes = {
        "famiglia": "C",
        "cognome": "Neri",
        "nome": "Ugo",
        "sesso": "M",
        "data_nascita": "03/03/1970",
    }
    path = write(tmp_path, ELSA, PIO, newborn, no_codes)
    first = run_import(database, path)
    assert (first.families_new, first.people_new) == (2, 4)
    before = people(database)
    second = run_import(database, path)
    assert (second.families_new, second.families_present, second.rows_rejected) == (0, 2, 0)
    assert {row.status for row in second.rows} == {PRESENT}
    assert people(database) == before
    assert second.message() == (
        "Families imported: 0 (people: 0); already in the registry: 2; rows rejected: 0."
    )


def test_a_registered_family_with_a_new_row_is_not_duplicated(
    database: Database, tmp_path: Path
) -> None:
    run_import(database, write(tmp_path, ELSA))
    summary = run_import(database, write(tmp_path, ELSA, PIO))
    assert (
        summary.rows[0].reason
        == f"Tax code {VERDI_ELSA} already belongs to Verdi Elsa (family Verdi)."
    )
    assert family_count(database) == 1 and len(people(database)) == 1


def test_a_crash_mid_import_leaves_nothing(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    families = [
        {
            **ELSA,
            "famiglia": key,
            "codice_fiscale": "",
            "sesso": "F",
            "nome": f"Elsa {key}",
            "isee": "",
        }
        for key in "ABCD"
    ]
    monkeypatch.setattr(importer, "BATCH", 1)
    written: list[int] = []
    real = importer.person_values

    def crash_on_third_family(*args, **kwargs):  # type: ignore[no-untyped-def]
        written.append(1)
        if len(written) == 3:
            raise OSError("disk unplugged")
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "person_values", crash_on_third_family)
    with pytest.raises(OSError):
        run_import(database, write(tmp_path, *families))
    assert len(written) == 3, "two families had already been inserted"
    assert family_count(database) == 0 and people(database) == []


def test_dry_run_checks_and_reports_but_writes_nothing(database: Database, tmp_path: Path) -> None:
    rossi = {"famiglia": "B", "cognome": "Rossi", "nome": "Mario", "codice_fiscale": ROSSI_MARIO}
    path = write(tmp_path, ELSA, PIO, {**rossi, "email": "x"})
    summary = run_import(database, path, dry_run=True)
    assert (summary.families_new, summary.people_new, summary.rows_rejected) == (1, 2, 1)
    assert summary.dry_run and summary.report_path is not None and summary.report_path.exists()
    assert summary.message().startswith(
        "Check only, nothing written. Families to import: 1 (people: 2)"
    )
    assert family_count(database) == 0


def test_progress_goes_to_the_end(database: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    run_import(database, write(tmp_path, ELSA, PIO), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (4, 4)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_imported_people_equal_those_made_by_the_service(
    database: Database, tmp_path: Path
) -> None:
    """Bulk INSERTs fill what the session hooks fill, with the same values."""
    made = MemberInput(
        first_name="Nicolò",
        last_name="D'Angelo",
        sex="M",
        relation="parent",
        birth_date=date(1985, 4, 2),
        no_code_reason="in attesa",
        phone="347 111 2222",
        email="nico@esempio.it",
    )
    database.write(
        registry.create_family,
        FamilyInput(name="D'Angelo", phone="0376 1", email="casa@esempio.it"),
        [made],
    )
    row = {
        "famiglia": "Z",
        "cognome": "D'Angelo",
        "nome": "Nicolò",
        "sesso": "M",
        "data_nascita": "02/04/1985",
        "ruolo": "genitore",
        "telefono": "347 111 2222",
        "email": "nico@esempio.it",
    }
    header = [*HEADER, "motivo_senza_codice", "telefono_famiglia", "email_famiglia"]
    values = [row.get(c, "") for c in HEADER] + ["in attesa", "0376 1", "casa@esempio.it"]
    run_import(database, write_csv(tmp_path / "f.csv", [";".join(header), ";".join(values)]))
    columns = (
        "first_name",
        "last_name",
        "sex",
        "birth_date",
        "relation",
        "no_code_reason",
        "phone",
        "email",
        "search_text",
        "name_key",
        "site_id",
        "version",
        "disability",
    )
    rows = database.read(lambda s: s.scalars(select(Person).order_by(Person.id)).all())
    service, imported = ([getattr(p, c) for c in columns] for p in rows)
    assert imported == service
    assert rows[0].uid != rows[1].uid and rows[1].created_at is not None


def test_relation_from_age_when_empty(database: Database, tmp_path: Path) -> None:
    summary = run_import(database, write(tmp_path, {**ELSA, "ruolo": ""}, {**PIO, "ruolo": ""}))
    assert summary.rows_rejected == 0
    detail = database.read(registry.get_family, 1)
    assert [m.relation for m in detail.members] == ["parent", "child"]


def test_summary_rows_and_people_counts(database: Database, tmp_path: Path) -> None:
    summary = run_import(database, write(tmp_path, ELSA, PIO))
    assert summary.complete and summary.report_path is None
    assert (
        summary.message()
        == "Families imported: 1 (people: 2); already in the registry: 0; rows rejected: 0."
    )
    assert replace(summary, rows_rejected=1).complete is False

"""Importing real-world files: Italian Excel CSV, UTF-8 with BOM, XLSX, English headers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from familydesk import registry
from familydesk.db.database import Database
from familydesk.db.models.registry import Person
from familydesk.registry import FamilyDetail
from tests.transfer import (
    BIANCHI_ANNA,
    ROSSI_LUCA,
    ROSSI_MARIO,
    TODAY,
    VERDI_ELSA,
    family_count,
    people,
    run_import,
    write_csv,
)

MESSY = [
    "Famiglia;COGNOME;Nome;Codice Fiscale;Data di nascita;Sesso;Ruolo;Comune di residenza;"
    "Indirizzo;Telefono;E-mail;Lingue;Cittadinanza;ISEE;Scadenza ISEE;Disabilità;Note;Colonna "
    "extra;;",
    f"F1;  Rossi ;Mario;{ROSSI_MARIO.lower()};04/03/1980;;Genitore;suzzara;Via Roma 12;"
    "347 1234567;mario.rossi@esempio.it;italiano;italiana;12.345,67 €;15/01/2027;no;;x;;",
    f'F1;Bianchi;Anna;{BIANCHI_ANNA};;F;genitore;;;;;"italiano; inglese";italiana;;;;;;;',
    ";;;;;;;;;;;;;;;;;;;",
    "F1;Rossi;Luca;RSS LCU 18E09 E897F;2018-05-09;M;Figlio;Suzzara;;;;;;;;sì;"
    "Allergia alle arachidi;;;",
    "",
    "F2;D'Angelo;Nicolò;DNGNCL85D02L020L;02/04/1985;M;padre;Forlì;Corso Garibaldi 3;;;;;;;;;;;",
    "F2;D'Angelo;Zoë;;10/11/2026;F;figlia;;;;;;;;;;;;;",
]


def _families(database: Database) -> dict[str, FamilyDetail]:
    def fetch(session):  # type: ignore[no-untyped-def]
        from sqlalchemy import select

        from familydesk.db.models.registry import Family

        ids = session.scalars(select(Family.id).order_by(Family.id)).all()
        return [registry.get_family(session, i, TODAY) for i in ids]

    return {f.external_key: f for f in database.read(fetch)}


def test_messy_italian_excel_csv(database: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "famiglie.csv", MESSY, encoding="cp1252", newline="\r\n")
    summary = run_import(database, path)
    assert (summary.families_new, summary.people_new, summary.rows_rejected) == (2, 5, 0)
    assert summary.ignored_columns == ("Colonna extra",)
    assert [row.line for row in summary.rows] == [2, 3, 5, 7, 8]
    families = _families(database)
    rossi, dangelo = families["F1"], families["F2"]
    assert (rossi.name, rossi.comune_name, rossi.comune_code, rossi.address) == (
        "Rossi",
        "Suzzara",
        "L020",
        "Via Roma 12",
    )
    assert (rossi.isee_value, rossi.isee_expiry) == (Decimal("12345.67"), date(2027, 1, 15))
    mario, anna, luca = rossi.members
    assert (mario.tax_code, mario.sex, mario.birth_place, mario.relation) == (
        ROSSI_MARIO,
        "M",
        "Suzzara",
        "parent",
    )
    assert (mario.phone, mario.email) == ("347 1234567", "mario.rossi@esempio.it")
    assert anna.birth_date == date(1984, 1, 30), "a missing birth date comes from the code"
    assert (anna.birth_place, anna.languages) == ("Mantova", "italiano, inglese")
    assert (luca.tax_code, luca.relation, luca.disability) == (ROSSI_LUCA, "child", True)
    assert luca.notes == "Allergia alle arachidi"
    assert rossi.markers.disability
    nicolo, zoe = dangelo.members
    assert (dangelo.name, dangelo.comune_name, dangelo.comune_code) == ("D'Angelo", "Forlì", "D704")
    assert (nicolo.first_name, zoe.first_name) == ("Nicolò", "Zoë")
    assert zoe.tax_code is None and zoe.no_code_reason == "tax code not given in the imported file"
    assert (zoe.relation, zoe.birth_date, zoe.age) == ("child", date(2026, 11, 10), 0)
    assert dangelo.markers.early_childhood and dangelo.markers.single_parent
    words = database.read(lambda s: s.get(Person, nicolo.id).search_text).split()
    assert {"nicolo", "dangelo", "angelo"} <= set(words)


def test_utf8_with_bom_and_commas(database: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            "famiglia,cognome,nome,codice_fiscale,comune_residenza,isee,isee_scadenza",
            f'9,Rossi,Mario,{ROSSI_MARIO},San Benedetto Po,"12345,5",2027-01-31',
            f"9,Bianchi,Anna,{BIANCHI_ANNA},,,",
        ],
        encoding="utf-8-sig",
    )
    summary = run_import(database, path)
    assert (summary.families_new, summary.rows_rejected) == (1, 0)
    family = _families(database)["9"]
    assert (family.comune_name, family.comune_code) == ("San Benedetto Po", "H771")
    assert family.isee_value == Decimal("12345.50") and family.isee_expiry == date(2027, 1, 31)


def test_xlsx_with_typed_cells(database: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Famiglia",
            "Cognome",
            "Nome",
            "Codice fiscale",
            "Data di nascita",
            "Ruolo",
            "Comune",
            "Telefono",
            "ISEE",
            "Scadenza ISEE",
        ]
    )
    sheet.append(
        [
            1,
            "Rossi",
            "Mario",
            ROSSI_MARIO,
            datetime(1980, 3, 4),
            "genitore",
            "Suzzara",
            3471234567,
            8500.5,
            datetime(2027, 1, 15),
        ]
    )
    sheet.append([1.0, "Rossi", "Luca", ROSSI_LUCA, None, None, None, None, None, None])
    sheet.append([None] * 10)
    sheet.append([2, "Verdi", "Elsa", VERDI_ELSA, "15/06/1990", "Genitore", "Moglia"])
    book.save(tmp_path / "famiglie.xlsx")
    summary = run_import(database, tmp_path / "famiglie.xlsx")
    assert (summary.families_new, summary.people_new, summary.rows_rejected) == (2, 3, 0)
    families = _families(database)
    rossi = families["1"]
    assert rossi.isee_value == Decimal("8500.50") and rossi.isee_expiry == date(2027, 1, 15)
    assert rossi.members[0].phone == "3471234567"
    assert rossi.members[1].relation == "child", "an empty role is taken from the age"
    assert families["2"].comune_code == "F267"


def test_english_headers(database: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            "Household;Surname;First name;Tax code;Date of birth;Sex;Relationship;Municipality;"
            "Address;Phone;Email;Languages;Citizenship;ISEE value;ISEE expiry;Disability;Notes",
            f"H1;Rossi;Mario;{ROSSI_MARIO};1980-03-04;M;parent;Gonzaga;Via Po 1;0376 1;;Italian;"
            "Italian;1000;2027-01-01;no;",
            "H1;Rossi;Bea;;2015-07-01;female;daughter;;;;;;;;;yes;waiting for the code",
        ],
    )
    summary = run_import(database, path)
    assert (summary.families_new, summary.rows_rejected) == (1, 0), summary.rows
    family = _families(database)["H1"]
    assert family.comune_name == "Gonzaga" and family.isee_value == Decimal("1000.00")
    bea = family.members[1]
    assert (bea.sex, bea.relation, bea.disability) == ("F", "child", True)


def test_comune_names_and_codes(database: Database, tmp_path: Path) -> None:
    rows = [
        ("A", "Castro", ""),
        ("B", "Castro (LE)", ""),
        ("C", "", "C337"),
        ("D", "Reggio nell'Emilia", ""),
        ("E", "Suzara", ""),
        ("F", "Gonzaga", "L020"),
    ]
    lines = ["famiglia;cognome;nome;sesso;motivo_senza_codice;comune;codice_comune"]
    lines += [f"{key};Rossi;Ada;F;in attesa;{name};{code}" for key, name, code in rows]
    summary = run_import(database, write_csv(tmp_path / "c.csv", lines))
    reasons = {row.family_key: row.reason for row in summary.rows}
    assert reasons["A"].startswith("comune: there are several comuni called “Castro”")
    assert "Suzzara" in reasons["E"] and "is not an Italian comune" in reasons["E"]
    assert reasons["F"] == "comune: “Gonzaga” does not match the code L020, which is Suzzara."
    families = _families(database)
    assert [(k, families[k].comune_name, families[k].comune_code) for k in "BCD"] == [
        ("B", "Castro", "M261"),
        ("C", "Castro", "C337"),
        ("D", "Reggio Nell'Emilia", "H223"),
    ]


def test_template_imports_as_it_is(database: Database, tmp_path: Path) -> None:
    from familydesk.transfer import write_template

    for name in ("modello.csv", "modello.xlsx"):
        write_template(tmp_path / name)
        summary = run_import(database, tmp_path / name)
        assert summary.rows_rejected == 0 and len(summary.rows) == 3
    assert family_count(database) == 1, "the second template is the same family"
    assert [p[:2] for p in people(database)] == [
        ("Rossi", "Mario"),
        ("Bianchi", "Anna"),
        ("Rossi", "Luca"),
    ]

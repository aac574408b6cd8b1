"""Free-text referrals recorded before the directory find their service where the names
agree, and stay "other" (their text kept) where they do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.directory import matching
from familydesk.trust.permissions import PermissionDenied
from tests.directory import directory_data as data
from tests.helpers import signed_in


def test_names_that_agree_are_matched_and_the_text_is_kept(database: Database) -> None:
    asst = data.organisation(database, "ASST Mantova")
    consultorio = data.service(database, asst.id, "Consultorio di Suzzara")
    data.service(database, asst.id, "Vaccinazioni")
    informa = data.organisation(database, "Informagiovani Città di Suzzara")
    sportello = data.service(database, informa.id, "Sportello lavoro")
    typed = {
        "  consultorio  DI suzzara ": consultorio.id,
        "Consultorio di Suzzara — ASST Mantova": consultorio.id,
        "consultorio di suzzara asst mantova": consultorio.id,
        "informagiovani citta di suzzara": sportello.id,
        "ASST Mantova": None,  # two services: the organisation alone names neither
        "l'assistente sociale": None,
    }
    ids = {text: data.referral(database, text) for text in typed}
    assert database.write(matching.match_referrals) == 4
    for text, expected in typed.items():
        assert data.request_of(database, ids[text]) == (expected, text)
    assert database.write(matching.match_referrals) == 0


def test_an_equal_match_goes_to_the_familys_comune_or_stays_other(database: Database) -> None:
    comune_a = data.organisation(database, "Comune di Gonzaga", comune_code="E089")
    comune_b = data.organisation(database, "Comune di Pegognaga", comune_code="G417")
    data.service(database, comune_a.id, "Servizi sociali")
    in_pegognaga = data.service(database, comune_b.id, "Servizi sociali")
    local = data.referral(database, "servizi sociali", comune_code="G417")
    elsewhere = data.referral(database, "Servizi sociali", comune_code="L020")
    assert database.write(matching.match_referrals) == 1
    assert data.request_of(database, local)[0] == in_pegognaga.id
    assert data.request_of(database, elsewhere) == (None, "Servizi sociali")


def test_a_chosen_service_is_never_changed(database: Database) -> None:
    asst = data.organisation(database, "ASST Mantova")
    first = data.service(database, asst.id, "Consultorio")
    data.service(database, asst.id, "Pediatria")
    chosen = data.referral(database, "Pediatria", first.id)
    assert database.write(matching.match_referrals) == 0
    assert data.request_of(database, chosen) == (first.id, "Pediatria")


@pytest.mark.parametrize("role", ["reception", "educator", "professional"])
def test_matching_needs_settings(database: Database, role: str) -> None:
    signed_in(database, role)
    with pytest.raises(PermissionDenied):
        database.write(matching.match_referrals)


def test_an_imported_directory_matches_by_the_familys_comune(
    database: Database, tmp_path: Path
) -> None:
    """The real path: referrals typed as free text, then the consortium's spreadsheet
    brings in two services of that name in two comuni; each family gets its own comune's,
    and a family living elsewhere keeps its text as "other"."""
    from familydesk.directory import records
    from familydesk.transfer.services_import import import_services_file

    in_suzzara = data.referral(database, "Servizi sociali", comune_code="L020")
    in_gonzaga = data.referral(database, "servizi  SOCIALI", comune_code="E089")
    elsewhere = data.referral(database, "Servizi sociali", comune_code="G417")
    sheet = tmp_path / "mappatura.csv"
    sheet.write_text(
        "organizzazione;comune organizzazione;servizio;comune;bisogni\n"
        "Comune di Suzzara;Suzzara;Servizi sociali;Suzzara;orientation\n"
        "Comune di Gonzaga;Gonzaga;Servizi sociali;Gonzaga;orientation\n",
        encoding="utf-8",
    )
    summary = database.write(import_services_file, sheet)
    assert summary.new == 2 and summary.referrals_matched == 2
    by_comune = {s.place_comune_code: s.id for s in database.read(records.list_services)}
    assert data.request_of(database, in_suzzara) == (by_comune["L020"], "Servizi sociali")
    assert data.request_of(database, in_gonzaga) == (by_comune["E089"], "servizi  SOCIALI")
    assert data.request_of(database, elsewhere) == (None, "Servizi sociali")

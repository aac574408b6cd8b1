"""Printed papers of a group: signature sheet, certificates, enrolment form, summary.

The PDFs are read back: the words and figures that matter are there, the
fonts are embedded, refusals say why, and every print is audited by uid.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.forms.base import FormLanguage
from familydesk.groups.printouts import (
    print_certificate,
    print_certificates,
    print_enrolment_form,
    print_signatures,
    print_summary,
)
from familydesk.kernel.errors import FamilyDeskError, NotFoundError, ValidationError
from familydesk.registry.centre import CentreDetails
from familydesk.trust import audit
from familydesk.trust.permissions import PermissionDenied
from tests.forms.conftest import CENTRE_NAME, font_files, letterhead, pages_text  # noqa: F401
from tests.groups.group_data import GroupWorld
from tests.groups.print_data import FIRST_DAY, MetGroup, build_met_group
from tests.helpers import signed_in

IT = FormLanguage.of("it")


@pytest.fixture
def met(database: Database, world: GroupWorld, letterhead: CentreDetails) -> MetGroup:  # noqa: F811
    return build_met_group(database, world)


def flat(pdf: Path) -> str:
    return " ".join(" ".join(pages_text(pdf.read_bytes())).split())


def embedded(pdf: Path) -> bool:
    fonts = font_files(pdf.read_bytes())
    return bool(fonts) and all(fonts.values()) and all("DejaVuSans" in n for n in fonts)


def test_the_signature_sheet_lists_those_enrolled_that_day(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    out = tmp_path / "firme.pdf"
    assert database.write(print_signatures, met.group_id, 2, out, "it") == out
    text = flat(out)
    day = FIRST_DAY.toordinal() + 7
    for expected in [
        CENTRE_NAME,
        "Registro firme",
        "Genitori imperfetti cercasi",
        "2 di 8",
        IT.date(FIRST_DAY.fromordinal(day)),
        "17:00–19:00",
        "Centro per le Famiglie",
        "Sala Blu",
        "Elena Educatrice, Luca Educatore",
        "Cognome1 Madre1",
        "Cognome1 Bimbo1",
        "minore",
        "adulto",
        "Cognome4 Madre4",
        "5 persone iscritte",
        "Firma dell'educatore",
    ]:
        assert expected in text, expected
    assert "Cognome5" not in text  # waiting
    assert embedded(out)
    rows = [
        line.split()[0]
        for line in pages_text(out.read_bytes())[0].splitlines()
        if line.split() and line.split()[0].isdigit()
    ]
    assert "9" in rows  # 5 names and 4 empty rows for walk-ins


def test_a_cancelled_session_has_no_signature_sheet(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(FamilyDeskError, match="Session 4 was cancelled .Allerta meteo."):
        database.write(print_signatures, met.group_id, 4, out, "en")
    with pytest.raises(ValidationError):
        database.write(print_signatures, met.group_id, 9, out, "en")
    assert not out.exists()


def test_the_certificate_states_sessions_and_hours(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    out = tmp_path / "attestato.pdf"
    database.write(print_certificate, met.group_id, met.people[0, "parent"], out, "it")
    text = flat(out)
    for expected in [
        CENTRE_NAME,
        "Attestato di frequenza",
        "Si attesta che Cognome1 Madre1, nata il",
        "ha frequentato “Genitori imperfetti cercasi” (percorso)",
        "presso Centro per le Famiglie, Gonzaga",
        f"dal {IT.date(FIRST_DAY)}",
        "partecipando a 7 incontri su 7 (14 ore)",
        "Il coordinatore",
        "Gli educatori",
    ]:
        assert expected in text, expected
    assert len(pages_text(out.read_bytes())) == 1 and embedded(out)
    child = tmp_path / "bimbo.pdf"
    database.write(print_certificate, met.group_id, met.people[0, "child"], child, "it")
    assert "Cognome1 Bimbo1, nato il" in flat(child)
    assert "6 incontri su 7 (12 ore)" in flat(child)


def test_no_certificate_for_who_did_not_complete(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(FamilyDeskError) as caught:
        database.write(print_certificate, met.group_id, met.people[2, "parent"], out, "en")
    assert str(caught.value) == (
        "No certificate: this person attended 5 of 7 sessions, and the "
        "group's rule needs at least 6 (75%)."
    )
    with pytest.raises(FamilyDeskError, match="not enrolled"):
        database.write(print_certificate, met.group_id, met.waiting, out, "en")
    with pytest.raises(NotFoundError):
        database.write(print_certificate, met.group_id, met.world.families[6][1], out, "en")
    assert not out.exists()


def test_certificates_one_page_each_for_those_who_completed(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    out = tmp_path / "attestati.pdf"
    database.write(print_certificates, met.group_id, out, "it")
    pages = [" ".join(p.split()) for p in pages_text(out.read_bytes())]
    assert len(pages) == 3
    names = sorted(
        n
        for n in (
            "Cognome1 Madre1",
            "Cognome1 Bimbo1",
            "Cognome4 Madre4",
            "Cognome2 Madre2",
            "Cognome3 Madre3",
        )
        if any(n in p for p in pages)
    )
    assert names == ["Cognome1 Bimbo1", "Cognome1 Madre1", "Cognome4 Madre4"]
    assert all("Attestato di frequenza" in p for p in pages)


def test_the_enrolment_form_of_someone_waiting(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    from familydesk.groups.printouts import enrolment_of

    out = tmp_path / "iscrizione.pdf"
    enrolment_id = database.read(enrolment_of, met.group_id, met.waiting)
    database.write(print_enrolment_form, enrolment_id, out, "it")
    text = flat(out)
    for expected in [
        "Modulo di iscrizione",
        "In lista d'attesa, posizione 1",
        "Genitori imperfetti cercasi",
        "Cognome5 Madre5",
        "Famiglia 5",
        "0376 000005",
        "Date degli incontri",
        "annullato: Allerta meteo",
        "informativa",
        "Firma",
    ]:
        assert expected in text, expected
    assert embedded(out)


def test_the_summary_grid_totals_and_figures(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    out = tmp_path / "riepilogo.pdf"
    database.write(print_summary, met.group_id, out, "it")
    pages = pages_text(out.read_bytes())
    assert len(pages) == 1 and embedded(out)
    text = " ".join(pages[0].split())
    for expected in [
        "Riepilogo presenze",
        "Cognome1 Madre1",
        "7/7",
        "100%",
        "3/7",
        "43%",
        "5/7",
        "71%",
        "P = presente",
        "A = assente",
        "Incontri svolti",
        "7 / 7",
        "Ore erogate",
        "14 ore",
        "Persone raggiunte",
        "Lista d'attesa",
    ]:
        assert expected in text, expected
    assert "Cognome5" not in text  # waiting, not in the grid


def test_printing_needs_the_right_and_is_audited_by_uid(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    signed_in(database, None)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        database.write(print_summary, met.group_id, tmp_path / "x.pdf")
    signed_in(database, "educator", "elena")
    database.write(print_signatures, met.group_id, 1, tmp_path / "s.pdf", "it")
    database.write(print_certificates, met.group_id, tmp_path / "c.pdf", "it")
    signed_in(database, "admin")
    prints = [e for e in database.read(audit.entries) if e.action == "print"]
    assert all(e.operator == "elena" for e in prints)
    sheet = [e for e in prints if e.note.startswith("signature sheet")]
    assert {e.table_name for e in sheet} == {"enrolment", "group_session"}
    assert len([e for e in sheet if e.table_name == "enrolment"]) == 5
    assert [e.note for e in sheet if e.table_name == "group_session"] == ["signature sheet 1/8: 5"]
    certificates = [e for e in prints if e.note == "certificates: 3"]
    assert sorted(
        (e.table_name, e.record_uid) for e in certificates if e.table_name != "enrolment"
    ) == [("parent_group", met.group_uid)]
    assert len([e for e in certificates if e.table_name == "enrolment"]) == 3
    notes = " ".join(e.note for e in prints)
    assert "Cognome" not in notes and "Madre" not in notes
    assert database.read(audit.verify) == []


def test_before_the_last_session_the_certificate_is_partial(
    database: Database, met: MetGroup, tmp_path: Path
) -> None:
    """Two sessions still to come: the paper says so, with the dates and number held."""
    from datetime import timedelta

    from tests.groups.group_data import START, add_sessions, weekly

    add_sessions(database, met.group_id, weekly(START + timedelta(weeks=1), 2))
    out = tmp_path / "parziale.pdf"
    database.write(print_certificate, met.group_id, met.people[0, "parent"], out, "it")
    text = flat(out)
    last_held = FIRST_DAY + timedelta(weeks=7)
    for expected in [
        "Attestato parziale di frequenza",
        f"Attestato parziale: incontri svolti dal {IT.date(FIRST_DAY)} al {IT.date(last_held)}, 7 "
        "di 9",
        "sta frequentando “Genitori imperfetti cercasi” (percorso)",
        "ha partecipato a 7 incontri su 7 (14 ore)",
    ]:
        assert expected in text, expected
    assert "ha frequentato" not in text
    # Present at least once is enough for a partial one; 3 of 7 so far does not complete.
    many = tmp_path / "tutti.pdf"
    database.write(print_certificates, met.group_id, many, "en")
    pages = pages_text(many.read_bytes())
    assert len(pages) == 5 and all("Partial certificate of attendance" in p for p in pages)

"""Finding services: accent- and apostrophe-blind prefix search, the need and comune
filters, the suggestion order, and the 12-month review mark."""

from __future__ import annotations

from datetime import date, datetime

from familydesk.db.database import Database
from familydesk.directory import records, search
from familydesk.kernel import clock
from tests.directory.directory_data import need_ids, organisation, service


def _rows(database: Database) -> list[records.ServiceRow]:
    return database.read(records.list_services)


def _names(rows: list[records.ServiceRow]) -> list[str]:
    return [row.name for row in rows]


def test_search_ignores_accents_and_apostrophes_and_finds_word_prefixes(
    database: Database,
) -> None:
    org = organisation(database, "Cooperativa", comune_name="Suzzara", comune_code="L020")
    service(database, org.id, "Sportello Città dei bambini")
    service(database, org.id, "Centro L'Albero", contact_person="Nicolò Ferri")
    rows = _rows(database)
    assert _names(search.search(rows, "citta")) == ["Sportello Città dei bambini"]
    assert _names(search.search(rows, "nicolo")) == ["Centro L'Albero"]
    assert _names(search.search(rows, "l'albero")) == ["Centro L'Albero"]
    assert _names(search.search(rows, "albero")) == ["Centro L'Albero"]
    assert _names(search.search(rows, "spo cit bam suz")) == ["Sportello Città dei bambini"]
    assert search.search(rows, "ittà") == [] and search.search(rows, "sportello nido") == []


def test_need_and_comune_filters_include_whole_area_services(database: Database) -> None:
    needs = need_ids(database)
    suzzara = organisation(database, "Comune di Suzzara", comune_name="Suzzara", comune_code="L020")
    gonzaga = organisation(database, "Comune di Gonzaga", comune_name="Gonzaga", comune_code="E089")
    service(database, suzzara.id, "Nido Suzzara", need_ids=(needs["parenting"],))
    service(database, gonzaga.id, "Nido Gonzaga", need_ids=(needs["parenting"],))
    service(database, gonzaga.id, "Consultorio", need_ids=(needs["parenting"],), whole_area=True)
    service(database, suzzara.id, "Sportello", need_ids=(needs["orientation"],))
    rows = _rows(database)
    expected = ["Consultorio", "Nido Suzzara"]
    assert _names(search.search(rows, need_key="parenting", comune="Suzzara")) == expected
    assert _names(search.search(rows, need_key="parenting", comune="l020")) == expected
    assert _names(search.search(rows, comune="Gonzaga")) == ["Consultorio", "Nido Gonzaga"]
    assert _names(search.search(rows, need_key="orientation")) == ["Sportello"]


def test_suggestions_go_comune_then_whole_area_then_rest_main_need_first(
    database: Database,
) -> None:
    needs = need_ids(database)
    here = organisation(database, "Qui", comune_code="L020")
    there = organisation(database, "Altrove", comune_code="E089")
    main, other = needs["parenting"], needs["orientation"]
    service(database, there.id, "A lontano", need_ids=(main,))
    service(database, there.id, "B area", need_ids=(main,), whole_area=True)
    service(database, here.id, "C qui secondario", need_ids=(other, main))
    service(database, here.id, "D qui principale", need_ids=(main,))
    service(database, here.id, "E chiuso", need_ids=(main,), active=False)
    service(database, here.id, "F altro bisogno", need_ids=(other,))
    rows = database.read(records.list_services, False)
    assert _names(search.suggest(rows, "parenting", "L020")) == [
        "D qui principale",
        "C qui secondario",
        "B area",
        "A lontano",
    ]
    assert "E chiuso" not in _names(search.suggest(rows, None, "L020"))


def test_review_is_due_after_twelve_months_exactly_and_on_a_leap_day() -> None:
    assert records.months_before(date(2028, 2, 29), 12) == date(2027, 2, 28)
    assert records.months_before(date(2026, 12, 9), 12) == date(2025, 12, 9)
    assert records.REVIEW_MONTHS == 12


def test_needs_review_at_the_boundary(database: Database) -> None:
    org = organisation(database, "Comune")
    year = service(database, org.id, "Un anno", checked_on=date(2025, 12, 9))
    older = service(database, org.id, "Un giorno in più", checked_on=date(2025, 12, 8))
    assert not year.needs_review(date(2026, 12, 9)) and older.needs_review(date(2026, 12, 9))
    with clock.pinned(datetime(2028, 2, 29, 10, tzinfo=clock.ROME)):
        leap = service(database, org.id, "Bisestile", checked_on=date(2027, 2, 28))
    assert not leap.needs_review(date(2028, 2, 29))
    assert leap.needs_review(date(2028, 3, 1))
    assert service(database, org.id, "Mai").needs_review(date(2026, 12, 9))

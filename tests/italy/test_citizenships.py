"""The list of citizenships the registry and the front desk pick from."""

from __future__ import annotations

from familydesk.demo import desk_names, names
from familydesk.italy import citizenships
from familydesk.italy.comuni import codicefiscale_module


def test_every_state_is_one_entry_with_its_codice_catastale() -> None:
    entries = citizenships.all_citizenships()
    table = codicefiscale_module().get_indexed_data()["codes"]
    foreign = {e["code"] for es in table.values() for e in es if e.get("province") == "EE"}
    coded = [c for c in entries if c.code]
    assert len(coded) > 190 and {c.code for c in coded} <= foreign
    assert len({c.name for c in entries}) == len({c.label for c in entries}) == len(entries)
    assert entries[0] == citizenships.ITALIAN and entries[-1] == citizenships.STATELESS


def test_an_entry_is_found_by_label_name_or_country_and_nothing_else() -> None:
    for text in ("marocchina (Marocco)", "Marocchina", " marocco ", "MAROCCHINA  (MAROCCO)"):
        assert citizenships.find(text).name == "marocchina"
    assert citizenships.find("Perù").name == citizenships.find("peru").name == "peruviana"
    assert citizenships.find("romena").name == "rumena"
    for text in ("marocch", "Atlantide", "", "   "):
        assert citizenships.find(text) is None


def test_what_the_demo_stores_is_in_the_list() -> None:
    stored = {*desk_names.ANON_CITIZENSHIPS, *(row[5] for row in names.FOREIGN), "italiana"}
    assert {citizenships.find(name).name for name in stored} == stored

"""The directory's base: a service saved through ``editing`` reads back with its
organisation and needs, and the desk's suggestion order holds."""

from __future__ import annotations

from datetime import date

import pytest

from familydesk.db.database import Database
from familydesk.directory import editing, records, search
from familydesk.frontdesk.needs import list_needs
from familydesk.kernel.errors import ValidationError


def _needs(database: Database) -> dict[str, int]:
    return {n.key: n.id for n in database.read(list_needs)}


def test_a_service_reads_back_with_its_organisation_and_needs(database: Database) -> None:
    needs = _needs(database)
    asst = database.write(
        editing.save_organisation,
        editing.OrganisationInput(
            name="ASST Mantova",
            kind="health",
            comune_name="Suzzara",
            comune_code="l020",
            address="Via General Cantore 14",
            postal_code="46029",
            phone="0376 513 111",
        ),
    )
    saved = database.write(
        editing.save_service,
        editing.ServiceInput(
            organisation_id=asst.id,
            name="Consultorio familiare",
            need_ids=(needs["pregnancy_newborns"], needs["parenting"]),
            hours="lun-ven 9-12",
            languages=("it", "AR"),
            access="appointment",
            checked_on=date(2025, 12, 1),
        ),
    )
    row = database.read(records.get_service, saved.id)
    assert row.organisation.name == "ASST Mantova" and row.place_comune_code == "L020"
    assert row.place_address == "Via General Cantore 14" and row.reach_phone == "0376 513 111"
    assert row.need_keys == ("pregnancy_newborns", "parenting") and row.category == (
        "pregnancy_newborns"
    )
    assert row.languages == ("it", "ar")
    assert row.needs_review(date(2026, 12, 9)) and not row.needs_review(date(2026, 11, 30))
    assert search.matches(row, "cons suzz") and not search.matches(row, "nido")


def test_wrong_fields_are_refused_together_and_nothing_is_written(database: Database) -> None:
    org = database.write(editing.save_organisation, editing.OrganisationInput(name="Comune"))
    with pytest.raises(ValidationError) as caught:
        database.write(
            editing.save_service,
            editing.ServiceInput(
                organisation_id=org.id,
                name=" ",
                email="nope",
                age_min=10,
                age_max=3,
                languages=("xx",),
            ),
        )
    fields = {field for field, _message in caught.value.errors}
    assert {"name", "email", "age_max", "languages"} <= fields
    assert database.read(records.list_services) == []


def test_suggestions_put_the_familys_comune_first_then_the_whole_area(database: Database) -> None:
    needs = _needs(database)
    org = database.write(editing.save_organisation, editing.OrganisationInput(name="Rete"))

    def add(name: str, code: str, whole: bool = False) -> None:
        database.write(
            editing.save_service,
            editing.ServiceInput(
                organisation_id=org.id,
                name=name,
                need_ids=(needs["parenting"],),
                comune_code=code,
                whole_area=whole,
            ),
        )

    add("Alfa a Gonzaga", "E089")
    add("Beta per tutto l'ambito", "L020", whole=True)
    add("Gamma a Pegognaga", "G417")
    rows = database.read(records.list_services)
    order = [r.name for r in search.suggest(rows, "parenting", "G417")]
    assert order == ["Gamma a Pegognaga", "Beta per tutto l'ambito", "Alfa a Gonzaga"]
    assert search.suggest(rows, "housing", "G417") == []

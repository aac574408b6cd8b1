"""Editing the directory: every field is checked and named (in Italian too), a stale
version is refused, only coordinators and admins write, everyone reads."""

from __future__ import annotations

from datetime import date

import pytest

from familydesk import i18n
from familydesk.db.database import Database
from familydesk.directory import editing, records
from familydesk.kernel.errors import ConflictError, ValidationError
from familydesk.trust.permissions import PermissionDenied
from tests.directory.directory_data import need_ids, organisation, service
from tests.helpers import signed_in


def _org_errors(database: Database, **fields: object) -> dict[str, str]:
    data = editing.OrganisationInput(**{"name": "Ente", **fields})
    with pytest.raises(ValidationError) as caught:
        database.write(editing.save_organisation, data)
    return dict(caught.value.errors)


def _service_errors(database: Database, **fields: object) -> dict[str, str]:
    org_id = fields.pop("organisation_id", None) or organisation(database, "Comune").id
    data = editing.ServiceInput(**{"organisation_id": org_id, "name": "Servizio", **fields})
    with pytest.raises(ValidationError) as caught:
        database.write(editing.save_service, data)
    return dict(caught.value.errors)


@pytest.mark.parametrize(
    ("fields", "field", "in_english", "in_italian"),
    [
        ({"name": "  "}, "name", "Name", "Nome"),
        ({"kind": "bank"}, "kind", "Kind", "Tipo"),
        ({"tax_code": "123456789"}, "tax_code", "Tax code", "Codice fiscale"),
        ({"tax_code": "ABCDEFGHIJK"}, "tax_code", "Tax code", "Codice fiscale"),
        ({"tax_code": "RSSMRA80A01F205"}, "tax_code", "Tax code", "Codice fiscale"),
        ({"email": "info@comune"}, "email", "E-mail", "E-mail"),
        ({"phone": "tel 0376"}, "phone", "Phone", "Telefono"),
        ({"postal_code": "4602"}, "postal_code", "CAP", "CAP"),
        ({"postal_code": "4602A"}, "postal_code", "CAP", "CAP"),
        ({"comune_code": "1020"}, "comune_code", "Comune", "Comune"),
        ({"comune_code": "L02"}, "comune_code", "Comune", "Comune"),
    ],
)
def test_a_wrong_organisation_field_is_named_in_both_languages(
    database: Database, fields: dict, field: str, in_english: str, in_italian: str
) -> None:
    assert _org_errors(database, **fields)[field].startswith(in_english + ":")
    i18n.set_language("it")
    assert _org_errors(database, **fields)[field].startswith(in_italian + ":")
    assert database.read(records.list_organisations, False) == []


def test_good_organisation_fields_are_kept_tidy(database: Database) -> None:
    saved = organisation(
        database,
        " Consorzio ",
        kind="public",
        tax_code="0123 4567 890",
        postal_code="46 029",
        comune_code="l020",
        email="info@comune.suzzara.mn.it",
    )
    assert (saved.name, saved.tax_code, saved.postal_code, saved.comune_code) == (
        "Consorzio",
        "01234567890",
        "46029",
        "L020",
    )
    fiscal = organisation(database, "Persona", tax_code="rssmra80a01f205x")
    assert fiscal.tax_code == "RSSMRA80A01F205X"


@pytest.mark.parametrize(
    ("fields", "field", "in_english", "in_italian"),
    [
        ({"organisation_id": 9999}, "organisation_id", "Organisation", "Ente"),
        ({"access": "by_phone"}, "access", "How to get in", "Come accedere"),
        ({"age_min": -1}, "age_min", "Age", "Età"),
        ({"age_max": 121}, "age_max", "Age", "Età"),
        ({"age_min": 6, "age_max": 3}, "age_max", "Ages", "Età"),
        ({"checked_on": date(2026, 12, 10)}, "checked_on", "Last checked", "Ultima verifica"),
        ({"need_ids": (99999,)}, "need_ids", "Needs", "Bisogni"),
        ({"languages": ("it", "zz")}, "languages", "Languages", "Lingue"),
        ({"email": "x@"}, "email", "E-mail", "E-mail"),
        ({"postal_code": "123"}, "postal_code", "CAP", "CAP"),
    ],
)
def test_a_wrong_service_field_is_named_in_both_languages(
    database: Database, fields: dict, field: str, in_english: str, in_italian: str
) -> None:
    assert _service_errors(database, **dict(fields))[field].startswith(in_english + ":")
    i18n.set_language("it")
    assert _service_errors(database, **dict(fields))[field].startswith(in_italian + ":")
    assert database.read(records.list_services, False) == []


def test_a_need_named_twice_is_refused_and_the_limits_are_accepted(database: Database) -> None:
    needs = need_ids(database)
    twice = (needs["parenting"], needs["parenting"])
    assert "need_ids" in _service_errors(database, need_ids=twice)
    assert "zz" in _service_errors(database, languages=("zz",))["languages"]
    org = organisation(database, "Comune di Suzzara")
    saved = service(
        database,
        org.id,
        "Sportello",
        age_min=0,
        age_max=120,
        checked_on=date(2026, 12, 9),
        languages=(" IT", "ar", "it"),
    )
    assert (saved.age_min, saved.age_max, saved.checked_on) == (0, 120, date(2026, 12, 9))
    assert saved.languages == ("it", "ar")


def test_a_second_edit_from_the_same_version_is_refused(database: Database) -> None:
    org = organisation(database, "Comune di Gonzaga")
    first = service(database, org.id, "Sportello")

    def edit(name: str) -> records.ServiceRow:
        data = editing.ServiceInput(
            organisation_id=org.id, name=name, id=first.id, version=first.version
        )
        return database.write(editing.save_service, data)

    assert edit("Sportello famiglie").version != first.version
    with pytest.raises(ConflictError):
        edit("Sportello sociale")
    assert database.read(records.get_service, first.id).name == "Sportello famiglie"
    org_edit = editing.OrganisationInput(name="Comune", id=org.id, version=org.version)
    database.write(editing.save_organisation, org_edit)
    with pytest.raises(ConflictError):
        database.write(editing.save_organisation, org_edit)


@pytest.mark.parametrize("role", ["reception", "educator", "professional"])
def test_other_roles_read_the_directory_but_may_not_change_it(
    database: Database, role: str
) -> None:
    org = organisation(database, "Comune di Motteggiana")
    saved = service(database, org.id, "Sportello")
    signed_in(database, role)
    assert [row.id for row in database.read(records.list_services)] == [saved.id]
    assert database.read(records.get_service, saved.id).name == "Sportello"
    with pytest.raises(PermissionDenied):
        database.write(editing.save_organisation, editing.OrganisationInput(name="Altro"))
    with pytest.raises(PermissionDenied):
        service(database, org.id, "Altro")
    with pytest.raises(PermissionDenied):
        database.write(editing.mark_checked, saved.id, saved.version)
    signed_in(database, "coordinator")
    assert [row.name for row in database.read(records.list_services)] == ["Sportello"]
    assert database.read(records.get_service, saved.id).checked_on is None


def test_reordering_the_needs_keeps_the_new_order(database: Database) -> None:
    needs = need_ids(database)
    org = organisation(database, "ASST")
    keys = ("parenting", "pregnancy_newborns", "orientation")
    saved = service(database, org.id, "Consultorio", need_ids=tuple(needs[k] for k in keys))
    again = tuple(needs[k] for k in reversed(keys))
    data = editing.ServiceInput(
        organisation_id=org.id,
        name="Consultorio",
        need_ids=again,
        id=saved.id,
        version=saved.version,
    )
    changed = database.write(editing.save_service, data)
    assert changed.need_keys == tuple(reversed(keys)) and changed.category == "orientation"
    assert changed.version != saved.version
    assert database.read(records.get_service, saved.id).need_keys == tuple(reversed(keys))


def test_marking_checked_records_today(database: Database) -> None:
    org = organisation(database, "Comune")
    saved = service(database, org.id, "Sportello", checked_on=date(2024, 1, 1))
    assert saved.needs_review(date(2026, 12, 9))
    checked = database.write(editing.mark_checked, saved.id, saved.version)
    assert checked.checked_on == date(2026, 12, 9) and not checked.needs_review(date(2026, 12, 9))
    with pytest.raises(ConflictError):
        database.write(editing.mark_checked, saved.id, saved.version)

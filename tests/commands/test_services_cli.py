"""``familydesk services search``: lines or JSON, filters, a clear refusal of a wrong need."""

from __future__ import annotations

import json

import pytest

from tests.directory import directory_data as data
from tests.helpers import open_signed, run_cli


@pytest.fixture
def directory(db_location: str, cli_operator: str) -> str:
    database = open_signed(db_location)
    try:
        needs = data.need_ids(database)
        comune = data.organisation(
            database, "Comune di Pegognaga", comune_name="Pegognaga", comune_code="G417"
        )
        data.service(
            database,
            comune.id,
            "Asilo nido Città dei bimbi",
            need_ids=(needs["early_childhood"],) if "early_childhood" in needs else (),
            hours="lun-ven 7.30-16",
            phone="0376 550 111",
        )
        asst = data.organisation(database, "ASST Mantova", comune_name="Suzzara")
        data.service(database, asst.id, "Consultorio familiare", need_ids=(needs["parenting"],))
    finally:
        database.dispose()
    return db_location


def test_search_prints_one_line_per_service(directory: str, capsys: pytest.CaptureFixture) -> None:
    code, out, _err = run_cli(
        capsys, "--lang", "en", "services", "search", "citta", "--db", directory
    )
    assert code == 0
    first, total = out.splitlines()
    assert first.split("\t")[:4] == [
        "Asilo nido Città dei bimbi",
        "Comune di Pegognaga",
        "Pegognaga",
        "0376 550 111",
    ]
    assert total == "1 service found."


def test_search_filters_by_need_and_comune_and_prints_json(
    directory: str, capsys: pytest.CaptureFixture
) -> None:
    code, out, _err = run_cli(
        capsys,
        "--lang",
        "en",
        "services",
        "search",
        "--need",
        "parenting",
        "--json",
        "--db",
        directory,
    )
    assert code == 0
    (found,) = json.loads(out)
    assert found["name"] == "Consultorio familiare" and found["need_keys"] == ["parenting"]
    assert found["organisation"]["name"] == "ASST Mantova" and found["checked_on"] is None
    code, out, _err = run_cli(
        capsys, "--lang", "en", "services", "search", "--comune", "suzzara", "--db", directory
    )
    assert code == 0 and out.splitlines()[-1] == "1 service found."
    code, out, _err = run_cli(
        capsys, "--lang", "en", "services", "search", "zzz", "--db", directory
    )
    assert code == 0 and out.strip() == "No service found."


def test_an_unknown_need_is_refused_by_name(directory: str, capsys: pytest.CaptureFixture) -> None:
    code, _out, err = run_cli(
        capsys, "--lang", "en", "services", "search", "--need", "nope", "--db", directory
    )
    assert code != 0 and "--need: nope is not a need" in err and "Traceback" not in err

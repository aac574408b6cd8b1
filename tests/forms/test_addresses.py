"""Every printed address reads as the Italian post writes it: street, CAP, comune (province).

The forms are printed through their services (the province comes from the comune, the CAP
from the family record) and read back from the PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.db.models.registry import Family, Person
from familydesk.forms.address import postal_address, postal_block, postal_lines
from familydesk.forms.base import FormLanguage
from familydesk.registry import FamilyDetail, centre
from familydesk.registry.centre import CentreDetails
from familydesk.registry.printouts import render_intake, render_privacy
from tests.forms.conftest import TODAY, make_family, pages_text

STREET = "Via Giuseppe Verdi 12/B"
FULL = "Via Giuseppe Verdi 12/B, 46029 Suzzara (MN)"


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(pages_text(pdf)).split())


def lines(pdf: bytes) -> list[str]:
    return [" ".join(line.split()) for page in pages_text(pdf) for line in page.splitlines()]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            ("Via Roma 3", "46027", "San Benedetto Po", "MN"),
            ["Via Roma 3", "46027 San Benedetto Po (MN)"],
        ),
        (("Via Roma 3", "", "San Benedetto Po", "MN"), ["Via Roma 3", "San Benedetto Po (MN)"]),
        (("Via Roma 3", "46027", "San Benedetto Po", ""), ["Via Roma 3", "46027 San Benedetto Po"]),
        (("", "46027", "San Benedetto Po", "MN"), ["46027 San Benedetto Po (MN)"]),
        (("Via Roma 3", "46027", "", "MN"), ["Via Roma 3", "46027"]),  # no "(MN)" alone
        (("  Via  Roma 3 ", " 46027", "Suzzara (MN)", "mn"), ["Via Roma 3", "46027 Suzzara (MN)"]),
        (("", "", "", "MN"), []),
    ],
)
def test_the_address_block_leaves_out_what_is_missing(
    parts: tuple[str, str, str, str], expected: list[str]
) -> None:
    assert postal_lines(*parts) == expected
    assert postal_address(*parts) == ", ".join(expected)
    assert postal_block(*parts) == "\n".join(expected)
    assert "None" not in postal_address(*parts) and "()" not in postal_address(*parts)


@pytest.fixture
def resident(database: Database, letterhead: CentreDetails) -> FamilyDetail:
    """A family in Suzzara (L020, not a member comune: its province comes from the national
    table) with its CAP."""
    return make_family(database, address=STREET, postal_code="46029")


def test_the_family_record_knows_its_province(database: Database, resident: FamilyDetail) -> None:
    from familydesk import registry

    assert resident.province == "MN"

    def live_in(session, code: str, name: str) -> None:  # type: ignore[no-untyped-def]
        family = session.get(Family, resident.id)
        family.comune_code, family.comune_name = code, name

    database.write(centre.add_member_comune, "Suzzara", "MN", "L020")
    database.write(live_in, "", "suzzara")
    assert database.read(registry.get_family, resident.id).province == "MN"  # a member, by name
    database.write(live_in, "", "Borgo Nuovo")
    assert database.read(registry.get_family, resident.id).province == ""


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_intake_sheet_prints_cap_and_province(
    database: Database, resident: FamilyDetail, language: str
) -> None:
    pdf = database.write(render_intake, resident.id, language, TODAY)
    assert {STREET, "46029 Suzzara (MN)"} <= set(lines(pdf))  # the town line stays whole
    assert "Piazza Castello 1, 46029 Suzzara" in flat(pdf)  # the letterhead, as the centre has it


def test_the_privacy_form_prints_the_residence_with_cap_and_province(
    database: Database, resident: FamilyDetail
) -> None:
    parent = resident.members[0]
    text = flat(database.write(render_privacy, parent.id, "it", TODAY))
    assert FULL in text
    assert "Piazza Castello 1, 46029 Suzzara" in text  # the controller, in the notice


def test_an_address_without_cap_or_street_prints_no_gaps(
    database: Database, letterhead: CentreDetails
) -> None:
    family = make_family(database, address="", postal_code="", comune_code="", comune_name="")
    for pdf in (
        database.write(render_intake, family.id, "it", TODAY),
        database.write(render_privacy, family.members[0].id, "it", TODAY),
    ):
        text = flat(pdf)
        assert "None" not in text and "()" not in text and " , " not in text


def test_the_group_enrolment_form_prints_cap_and_province(
    database: Database, letterhead: CentreDetails, tmp_path: Path
) -> None:
    from familydesk.groups.printouts import enrolment_of, print_enrolment_form
    from tests.groups.group_data import build_world
    from tests.groups.print_data import build_met_group

    met = build_met_group(database, build_world(database))

    def move(session) -> None:  # type: ignore[no-untyped-def]
        family = session.get(Family, session.get(Person, met.waiting).family_id)
        family.address, family.postal_code = "Via Roma 3", "46027"
        family.comune_name, family.comune_code = "San Benedetto Po", "H771"

    database.write(move)
    out = tmp_path / "iscrizione.pdf"
    enrolment_id = database.read(enrolment_of, met.group_id, met.waiting)
    database.write(print_enrolment_form, enrolment_id, out, "it")
    assert {"Via Roma 3", "46027 San Benedetto Po (MN)"} <= set(lines(out.read_bytes()))


def test_the_access_report_names_the_cap() -> None:
    from familydesk.privacy.access_sheet import _pairs

    assert _pairs({"postal_code": "46029"}, FormLanguage.of("it")) == [("CAP", "46029")]

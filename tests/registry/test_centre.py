"""The centre's details and member comuni (services)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from familydesk.db.database import Database
from familydesk.italy import comuni
from familydesk.kernel.errors import ConflictError, NotFoundError, ValidationError
from familydesk.registry import centre

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Centre name"),
        ("name", "x" * 201, "Centre name"),
        ("postcode", "4602", "Postcode"),
        ("phone", "call me", "Phone"),
        ("email", "centro@", "E-mail"),
        ("logo", b"GIF89a....", "Logo"),
        ("logo", PNG + b"\0" * centre.MAX_LOGO_BYTES, "Logo"),
    ],
)
def test_bad_fields_are_named(database: Database, field: str, value: object, message: str) -> None:
    details = replace(database.read(centre.get_centre), **{field: value})
    with pytest.raises(ValidationError) as error:
        database.write(centre.save_centre, details)
    assert error.value.field == field
    assert error.value.message.startswith(message)
    assert database.read(centre.get_centre).version == 1


def test_details_round_trip_trimmed(database: Database) -> None:
    details = replace(
        database.read(centre.get_centre),
        name="  Centro Famiglie Gonzaga ",
        postcode="46023",
        logo=PNG,
    )
    saved = database.write(centre.save_centre, details)
    assert (saved.name, saved.logo_mime, saved.version) == (
        "Centro Famiglie Gonzaga",
        "image/png",
        2,
    )
    saved = database.write(centre.save_centre, replace(saved, logo=None))
    assert (saved.logo, saved.logo_mime) == (None, "")


def test_stale_details_are_refused(database: Database) -> None:
    details = database.read(centre.get_centre)
    database.write(centre.save_centre, replace(details, town="Suzzara"))
    with pytest.raises(ConflictError):
        database.write(centre.save_centre, replace(details, town="Gonzaga"))


def test_member_comuni(database: Database) -> None:
    first = database.write(centre.add_member_comune, "Suzzara", "mn", "l020")
    assert (first.province, first.cadastral_code) == ("MN", "L020")
    database.write(centre.add_member_comune, "Gonzaga", "MN", "E089")
    with pytest.raises(ValidationError, match="already among"):
        database.write(centre.add_member_comune, "Suzzara", "MN", "L020")
    with pytest.raises(ValidationError) as error:
        database.write(centre.add_member_comune, "Nowhere", "MN", "12345")
    assert error.value.field == "cadastral_code"
    assert [c.name for c in database.read(centre.list_member_comuni)] == ["Suzzara", "Gonzaga"]
    database.write(centre.remove_member_comune, first.id, first.version)
    assert [c.name for c in database.read(centre.list_member_comuni)] == ["Gonzaga"]
    with pytest.raises(NotFoundError):
        database.write(centre.remove_member_comune, first.id, first.version)


def test_comuni_search_ignores_case_and_accents() -> None:
    assert comuni.search("suzz")[0].cadastral_code == "L020"
    names = [c.name for c in comuni.search("forli")]
    assert any(name.startswith("Forl") for name in names)
    assert comuni.by_code("h771").name == "San Benedetto Po"
    assert comuni.search("  ") == []

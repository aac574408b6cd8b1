"""Shared set-up for the printed forms: a centre with a letterhead and a family with consents."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from codicefiscale import codicefiscale as cf
from pypdf import PdfReader

from familydesk import registry
from familydesk.db.database import Database
from familydesk.registry import FamilyDetail, FamilyInput, MemberInput, centre
from familydesk.registry.centre import CentreDetails

TODAY = date(2026, 11, 22)
CENTRE_NAME = "Centro per le Famiglie dell'Ambito di Suzzara"


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid RGB PNG, built by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\x2e\x6d\xa4" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def code(last: str, first: str, sex: str, born: date, place: str = "Suzzara") -> str:
    return cf.encode(last, first, sex, datetime(born.year, born.month, born.day), place)


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page, with no-break spaces made plain."""
    return [page.extract_text().replace("\xa0", " ") for page in PdfReader(BytesIO(pdf)).pages]


def pages_images(pdf: bytes) -> list[int]:
    """How many images each page draws."""
    counts = []
    for page in PdfReader(BytesIO(pdf)).pages:
        objects = page["/Resources"].get("/XObject", {})
        counts.append(
            sum(1 for ref in objects.values() if ref.get_object()["/Subtype"] == "/Image")
        )
    return counts


@pytest.fixture
def letterhead(database: Database) -> CentreDetails:
    details = replace(
        database.read(centre.get_centre),
        name=CENTRE_NAME,
        address="Piazza Castello 1",
        postcode="46029",
        town="Suzzara",
        phone="0376 513111",
        email="centro.famiglie@comune.suzzara.mn.it",
    )
    return database.write(centre.save_centre, details)


def members(extra_children: int = 0) -> list[MemberInput]:
    kids = [("Zoë", date(2015, 3, 4), "F"), ("Emre", date(2019, 7, 1), "M")]
    kids += [
        (f"Figlia{chr(65 + i)}", date(2008 + i % 10, 1 + i % 12, 1 + i), "F")
        for i in range(extra_children)
    ]
    return [
        MemberInput(
            first_name="Nicolò",
            last_name="D'Angelo",
            relation="parent",
            tax_code=code("D'Angelo", "Nicolò", "M", date(1985, 4, 2)),
            citizenship="italiana",
            languages="italiano, inglese",
        ),
        MemberInput(
            first_name="Ayşe",
            last_name="Çelik",
            relation="parent",
            sex="F",
            birth_date=date(1990, 9, 12),
            birth_place="Istanbul (Turchia)",
            no_code_reason="in attesa di attribuzione",
            citizenship="turca",
            languages="turco, italiano",
            disability=True,
        ),
        *(
            MemberInput(
                first_name=name,
                last_name="D'Angelo",
                relation="child",
                tax_code=code("D'Angelo", name, sex, born, "Mantova"),
            )
            for name, born, sex in kids
        ),
    ]


def make_family(database: Database, extra_children: int = 0, **fields: object) -> FamilyDetail:
    values: dict[str, object] = {
        "name": "D'Angelo Çelik",
        "address": "Via Giuseppe Verdi 12/B",
        "comune_name": "Suzzara",
        "comune_code": "L020",
        "phone": "0376 123456",
        "email": "famiglia.dangelo@esempio.it",
        "isee_value": Decimal("12345.67"),
        "isee_expiry": date(2027, 1, 15),
        "notes": "Prima accoglienza: gruppo genitori 0-3.\nMediatrice <turco> & contatti.",
    }
    values.update(fields)
    family = database.write(
        registry.create_family,
        FamilyInput(**values),  # type: ignore[arg-type]
        members(extra_children),
        today=TODAY,
    )
    nicolo, _ayse, zoe = family.members[:3]
    for person, kind, signer in [
        (nicolo, "privacy", ""),
        (nicolo, "contact_phone", ""),
        (zoe, "privacy", "Nicolò D'Angelo"),
        (zoe, "photos", "Nicolò D'Angelo"),
    ]:
        database.write(
            registry.record_consent,
            person.id,
            kind,
            date(2026, 11, 20),
            signed_by=signer,
            today=TODAY,
        )
    return database.read(registry.get_family, family.id, TODAY)


@pytest.fixture
def family(database: Database, letterhead: CentreDetails) -> FamilyDetail:
    return make_family(database)


def font_files(pdf: bytes) -> dict[str, bool]:
    """Each font used on any page, by base name, and whether its file is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fonts[str(font["/BaseFont"])] = embedded
    return fonts

"""Nothing a user can type makes a printout fail: a 2,000-character value wraps (over
pages if need be) instead of stopping the print with ReportLab's LayoutError."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from familydesk.cards.letters import Addressee, CoverLetterData, cover_letter_pdf
from familydesk.db.database import Database
from familydesk.groups.catalog import get_group
from familydesk.groups.enrolment import participants
from familydesk.groups.figures import completions
from familydesk.groups.sessions import session_by_number, sessions_of
from familydesk.groups.sheets import (
    CertificateData,
    SignatureSheetData,
    certificates_pdf,
    signatures_pdf,
)
from familydesk.registry import FamilyDetail
from familydesk.registry.centre import CentreDetails
from familydesk.registry.printouts import intake_pdf
from tests.forms.conftest import TODAY, pages_text
from tests.groups.group_data import build_world
from tests.groups.print_data import build_met_group

#: One word of 2,000 characters (nothing to break it at) and a long text with spaces.
WORD = "Lunghissimo" * 180 + "Fine"
WORDS = " ".join(["parola"] * 300)


def flat(pdf: bytes) -> str:
    return "".join("".join(pages_text(pdf)).split())


def test_the_intake_sheet_prints_a_2000_character_name_address_and_notes(
    family: FamilyDetail, letterhead: CentreDetails
) -> None:
    member = replace(
        family.members[0],
        first_name=WORD,
        last_name=WORD,
        birth_place=WORD,
        citizenship=WORD,
        languages=WORDS,
        notes=WORD,
    )
    long = replace(
        family,
        name=WORD,
        address=WORD,
        comune_name=WORD,
        email=WORD,
        notes=WORDS + " " + WORD + " " + WORDS * 4,
        members=[member, *family.members[1:]],
    )
    pdf = intake_pdf(long, letterhead, "it", TODAY)
    assert pdf.startswith(b"%PDF")
    text = flat(pdf)
    assert "Fine" in text and text.count("Lunghissimo") >= 180


def test_a_card_letter_prints_a_2000_character_holder_and_address(
    letterhead: CentreDetails,
) -> None:
    data = CoverLetterData(
        Addressee(WORD, WORD, WORD, WORD),
        "CF2026000123",
        WORD,
        date(2026, 11, 1),
        date(2027, 10, 31),
        (WORD, WORDS),
        WORD,
    )
    pdf = cover_letter_pdf(data, letterhead, "it", TODAY)
    assert pdf.startswith(b"%PDF") and "Fine" in flat(pdf)


@pytest.fixture
def met(database: Database, letterhead: CentreDetails):  # type: ignore[no-untyped-def]
    return build_met_group(database, build_world(database))


def test_the_signature_sheet_and_a_certificate_print_2000_character_names(
    database: Database,
    letterhead: CentreDetails,
    met,  # type: ignore[no-untyped-def]
) -> None:
    group = database.read(get_group, met.group_id)
    group = replace(
        group,
        title=WORD,
        place=WORD,
        room=WORD,
        address=WORD,
        comune=WORD,
        educators=(WORD, WORDS),
        description=WORDS,
    )
    row = database.read(session_by_number, met.group_id, 2)
    row = replace(row, topic=WORD) if hasattr(row, "topic") else row
    people = tuple(replace(p, name=WORD) for p in database.read(participants, met.group_id))
    total = len(database.read(sessions_of, met.group_id))
    sheet = signatures_pdf(SignatureSheetData(group, row, total, people), letterhead, "it", TODAY)
    assert sheet.startswith(b"%PDF") and "Fine" in flat(sheet)

    done = next(iter(database.read(completions, met.group_id).values()))
    items = [CertificateData(WORD, "F", date(1990, 1, 1), done)]
    certificate = certificates_pdf(group, items, letterhead, "it", TODAY)
    assert certificate.startswith(b"%PDF") and "Fine" in flat(certificate)

"""The referral slip: every detail of a directory service the family was sent to, the free
text of an "other" referral with its note, the family's name and the day; refused without
a referral (no file); audited by the contact's uid, no names in the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.directory.printouts import print_referral
from familydesk.frontdesk import RequestInput
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.trust import audit
from familydesk.trust.permissions import PermissionDenied
from tests.cards.print_helpers import embedded, flat
from tests.directory.print_data import World, build_world, refer, two_referrals
from tests.helpers import signed_in


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


def test_the_slip_carries_every_detail_of_the_service_in_italian(
    database: Database, world: World, tmp_path: Path
) -> None:
    contact = refer(database, world, *two_referrals(world))
    signed_in(database, "reception", "rita")
    out = database.write(print_referral, contact.uid, tmp_path / "invio.pdf", "it")
    text = flat(out)
    assert embedded(out)
    for words in (
        "Foglio di invio",
        "Per Giulia Ferrari (famiglia Ferrari)",
        "Il 09/12/2026 il centro vi ha suggerito di rivolgervi a questi servizi",
        "Consultorio familiare — ASST Mantova",
        "Visite in gravidanza",
        "Via General Cantore 14, 46029 Suzzara (MN)",
        "0376 513 111",
        "consultorio@asst-mantova.it",
        "www.asst-mantova.it",
        "lun-ven 9:00-12:30, gio 14:00-17:00",
        "su appuntamento",
        "tessera sanitaria, documento d'identità",
        "dott.ssa Anna Bellini",
        "0-3 anni",
        "italiano, arabo, inglese",
        "gratuito",
        # The "other" referral: its text, and that the directory does not know it.
        "Sportello affitti ALER",
        "non sono nella guida del centro",
        f"codice {contact.uid}",
    ):
        assert words in text, words
    # The request without a referral, and the family's need, are not on the slip.
    assert "genitorialità" not in text and "Gravidanza" not in text


def test_one_referral_speaks_of_one_service_and_the_language_can_be_english(
    database: Database, world: World, tmp_path: Path
) -> None:
    contact = refer(
        database,
        world,
        RequestInput("childcare_work_life", ("referral",), service_id=world.services["nido"]),
    )
    text = flat(database.write(print_referral, contact.uid, tmp_path / "slip.pdf"))
    assert "Referral slip" in text
    assert "On 09/12/2026 the centre suggested that you contact this service:" in text
    assert "Via Marconi 3, 46020 Pegognaga (MN)" in text
    # The organisation's phone where the service has none of its own.
    assert "0376 5546" in text and "by appointment" in text


def test_no_referral_no_slip_and_a_sentence_saying_why(
    database: Database, world: World, tmp_path: Path
) -> None:
    contact = refer(database, world, RequestInput("parenting"))
    out = tmp_path / "none.pdf"
    with pytest.raises(ValidationError, match="no referral slip to print"):
        database.write(print_referral, contact.uid, out)
    assert not out.exists()
    with pytest.raises(NotFoundError, match="No contact"):
        database.write(print_referral, "not-a-uid", out)
    with pytest.raises(NotFoundError):
        database.write(print_referral, "8d6f7e1c-0000-4000-8000-000000000000", out)


def test_the_print_is_audited_by_uid_and_the_log_names_no_one(
    database: Database, world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    contact = refer(database, world, *two_referrals(world))
    signed_in(database, "educator", "edo")
    with pytest.raises(PermissionDenied):  # educators record no contacts: no slip either
        database.write(print_referral, contact.uid, tmp_path / "x.pdf")
    signed_in(database, "reception", "rita")
    with caplog.at_level(logging.INFO):
        database.write(print_referral, contact.uid, tmp_path / "slip.pdf")
    signed_in(database, "admin")
    prints = [e for e in database.read(audit.entries) if e.action == "print"]
    assert [(e.operator, e.table_name, e.record_uid, e.note) for e in prints] == [
        ("rita", "contact", contact.uid, "referral slip: 2")
    ]
    assert "Ferrari" not in caplog.text and "Giulia" not in caplog.text
    assert database.read(audit.verify) == []

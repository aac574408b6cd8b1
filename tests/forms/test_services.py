"""render_intake / render_privacy: read with a session, return PDF bytes, log ids only."""

from __future__ import annotations

import logging

import pytest

from familydesk.db.database import Database
from familydesk.kernel.errors import NotFoundError
from familydesk.registry import FamilyDetail
from familydesk.registry import printouts as forms
from tests.forms.conftest import CENTRE_NAME, pages_text


def test_render_intake_logs_the_id_and_nothing_personal(
    database: Database, family: FamilyDetail, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="familydesk.registry.printouts"):
        pdf = database.write(forms.render_intake, family.id, "en")
    assert pdf.startswith(b"%PDF") and CENTRE_NAME in pages_text(pdf)[0]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"intake sheet for family {family.id}" in logged
    for member in family.members:
        assert member.last_name not in logged and member.first_name not in logged
        assert not member.tax_code or member.tax_code not in logged


def test_render_privacy_finds_the_person_and_their_family(
    database: Database, family: FamilyDetail, caplog: pytest.LogCaptureFixture
) -> None:
    zoe = family.members[2]
    with caplog.at_level(logging.INFO, logger="familydesk.registry.printouts"):
        pdf = database.write(forms.render_privacy, zoe.id, "it")
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert "genitore/tutore di D'Angelo Zoë" in text and "Via Giuseppe Verdi 12/B" in text
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"privacy notice for person {zoe.id}" in logged and "Zoë" not in logged


def test_missing_records_are_explained(database: Database, family: FamilyDetail) -> None:
    with pytest.raises(NotFoundError):
        database.write(forms.render_intake, family.id + 1000, "it")
    with pytest.raises(NotFoundError):
        database.write(forms.render_privacy, 10_000_000, "it")

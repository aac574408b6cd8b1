"""The family intake sheet, read back from the PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from familydesk import i18n
from familydesk.db.database import Database
from familydesk.registry import FamilyDetail, centre
from familydesk.registry.centre import CentreDetails
from familydesk.registry.printouts import intake_pdf
from tests.forms.conftest import CENTRE_NAME, TODAY, make_family, pages_images, pages_text, tiny_png


def test_italian_sheet_prints_the_family_as_recorded(
    family: FamilyDetail, letterhead: CentreDetails
) -> None:
    [page] = pages_text(intake_pdf(family, letterhead, "it", TODAY))
    for words in [
        CENTRE_NAME,
        "Piazza Castello 1, 46029 Suzzara",
        "Tel. 0376 513111",
        "centro.famiglie@comune.suzzara.mn.it",
        "Scheda di accoglienza del nucleo familiare",
        "Stampata il 22/11/2026",
        "D'Angelo Çelik",
        "Via Giuseppe Verdi 12/B",
        "Suzzara",
        "12.345,67 €",
        "15/01/2027",
        i18n.catalogue("it").gettext("Markers") + "\ndisabilità",
        "D'Angelo\nNicolò",
        "Çelik\nAyşe",
        "D'Angelo\nZoë",
        "genitore o\ntutore",
        "figlio/a",
        "02/04/1985\n(41 anni)",
        "04/03/2015\n(11 anni)",
        family.members[0].tax_code,
        "senza codice fiscale: in\nattesa di attribuzione",
        "turco, italiano",
        "sì, 20/11/2026",
        "firmato da Nicolò D'Angelo",
        "Mediatrice <turco> & contatti.",
        "Data",
        "Operatore (nome in stampatello)",
        "Firma dell'operatore",
        "Pagina 1 di 1",
    ]:
        assert words in page, words
    assert "Family intake sheet" not in page


def test_english_sheet_speaks_english_whatever_the_interface(
    family: FamilyDetail, letterhead: CentreDetails
) -> None:
    [page] = pages_text(intake_pdf(family, letterhead, "en", TODAY))
    for words in [
        "Family intake sheet",
        "Printed on 22/11/2026",
        "€12,345.67",
        "parent or\nguardian",
        "child",
        "(41 years)",
        "no tax code:",
        "Privacy notice\nacknowledged",
        "yes, 20/11/2026",
        "signed by Nicolò D'Angelo",
        "Operator's signature",
        "Page 1 of 1",
        CENTRE_NAME,
    ]:
        assert words in page, words
    assert "Scheda di accoglienza" not in page


def test_markers_and_expired_isee(family: FamilyDetail, letterhead: CentreDetails) -> None:
    expired = replace(family, isee_expiry=date(2026, 1, 15))
    [page] = pages_text(intake_pdf(expired, letterhead, "it", TODAY))
    assert "15/01/2026 (scaduto)" in page
    assert "disabilità" in page and "genitore solo" not in page
    [page] = pages_text(
        intake_pdf(replace(family, isee_value=None, isee_expiry=None), letterhead, "en", TODAY)
    )
    assert "ISEE value" in page and "€" not in page


def test_many_members_flow_onto_a_second_page_with_the_letterhead(
    database: Database, letterhead: CentreDetails
) -> None:
    big = make_family(database, extra_children=13, name="Numerosa")
    pages = pages_text(intake_pdf(big, letterhead, "it", TODAY))
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert CENTRE_NAME in page and "centro.famiglie@comune.suzzara.mn.it" in page
        assert f"Pagina {number} di 2" in page
    everything = "\n".join(pages)
    assert all(m.first_name in everything for m in big.members)
    assert "Firma dell'operatore" in pages[-1]


def test_an_empty_family_still_prints(database: Database, letterhead: CentreDetails) -> None:
    family = make_family(database)
    empty = replace(family, members=[], notes="")
    [page] = pages_text(intake_pdf(empty, letterhead, "en", TODAY))
    assert page.count("No members recorded.") == 2


def test_logo_is_drawn_on_every_page_when_set(
    database: Database, letterhead: CentreDetails
) -> None:
    big = make_family(database, extra_children=13)
    assert pages_images(intake_pdf(big, letterhead, "it", TODAY)) == [0, 0]
    with_logo = database.write(centre.save_centre, replace(letterhead, logo=tiny_png()))
    assert pages_images(intake_pdf(big, with_logo, "it", TODAY)) == [1, 1]


def test_a_damaged_logo_does_not_stop_printing(
    family: FamilyDetail, letterhead: CentreDetails
) -> None:
    damaged = replace(letterhead, logo=b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    pdf = intake_pdf(family, damaged, "it", TODAY)
    assert pages_images(pdf) == [0] and CENTRE_NAME in pages_text(pdf)[0]


def test_fonts_are_embedded(family: FamilyDetail, letterhead: CentreDetails) -> None:
    reader = PdfReader(BytesIO(intake_pdf(family, letterhead, "it", TODAY)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/FontDescriptor"] for f in fonts.values()]
    assert descriptors and all("/FontFile2" in d for d in descriptors)
    assert all("DejaVuSans" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


@pytest.mark.parametrize("language", ["fr", "", "en_GB"])
def test_unknown_languages_fall_back(
    family: FamilyDetail, letterhead: CentreDetails, language: str
) -> None:
    [page] = pages_text(intake_pdf(family, letterhead, language, TODAY))
    expected = "Family intake sheet" if language == "en_GB" else "Scheda di accoglienza"
    assert expected in page

"""The privacy notice (GDPR art. 13), read back from the PDF."""

from __future__ import annotations

from familydesk.registry import FamilyDetail
from familydesk.registry.centre import CentreDetails
from familydesk.registry.printouts import privacy_pdf
from familydesk.registry.records import PRIVACY_NOTICE_VERSION
from tests.forms.conftest import CENTRE_NAME, TODAY, pages_text


def test_italian_notice_for_an_adult(family: FamilyDetail, letterhead: CentreDetails) -> None:
    nicolo = family.members[0]
    pages = pages_text(privacy_pdf(nicolo, family, letterhead, "it", TODAY))
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert CENTRE_NAME in page
        assert f"Informativa privacy, versione {PRIVACY_NOTICE_VERSION}" in page
        assert f"Pagina {number} di 2" in page
    text = " ".join(" ".join(pages).split())
    for words in [
        "Informativa sul trattamento dei dati personali",
        "ai sensi dell'art. 13 del Regolamento (UE) 2016/679",
        f"Il titolare del trattamento dei Suoi dati personali è {CENTRE_NAME}, "
        "Piazza Castello 1, 46029 Suzzara (tel. 0376 513111, "
        "e-mail centro.famiglie@comune.suzzara.mn.it)",
        "Carta della Famiglia",
        "articoli da 15 a 22",
        "Garante per la protezione dei dati personali",
        "D'Angelo Nicolò",
        nicolo.tax_code,
        "02/04/1985",
        "Via Giuseppe Verdi 12/B, Suzzara",
        "Il/La sottoscritto/a D'Angelo Nicolò dichiara di aver ricevuto e letto",
        "Contatto telefonico",
        "Contatto via SMS",
        "Contatto via e-mail",
        "Foto",
        "Luogo",
        "Data",
        "Firma dell'interessato/a",
        "Operatore che ha ricevuto il modulo (nome e firma)",
    ]:
        assert words in text, words
    assert text.count("☐ sì") == 4 and text.count("☐ no") == 4
    assert "genitore/tutore" not in text


def test_a_minor_is_signed_by_a_parent_or_guardian(
    family: FamilyDetail, letterhead: CentreDetails
) -> None:
    zoe = family.members[2]
    assert zoe.is_minor
    pages = pages_text(privacy_pdf(zoe, family, letterhead, "it", TODAY))
    signing = " ".join(pages[-1].split())
    for words in [
        "Dati dell'interessato",
        "D'Angelo Zoë",
        zoe.tax_code,
        "04/03/2015",
        "Per i minori: dichiarazione del genitore o tutore",
        "in qualità di genitore/tutore di D'Angelo Zoë",
        "Consensi facoltativi",
        "Firma del genitore o tutore",
    ]:
        assert words in signing, words
    assert "Firma dell'interessato/a" not in signing


def test_english_notice(family: FamilyDetail, letterhead: CentreDetails) -> None:
    ayse = family.members[1]
    pages = pages_text(privacy_pdf(ayse, family, letterhead, "en", TODAY))
    text = " ".join(" ".join(pages).split())
    for words in [
        "Information notice on the processing of personal data",
        "under article 13 of Regulation (EU) 2016/679",
        f"The controller of your personal data is {CENTRE_NAME}",
        "articles 15 to 22",
        "Garante per la protezione dei dati personali",
        "Çelik Ayşe",
        "no tax code: in attesa di attribuzione",
        "12/09/1990",
        "I, the undersigned Çelik Ayşe, declare",
        "Contact by phone",
        "Photos",
        "☐ yes",
        "☐ no",
        "Place",
        "Signature of the person concerned",
        f"Privacy notice, version {PRIVACY_NOTICE_VERSION}",
        "Page 1 of 2",
        "Page 2 of 2",
    ]:
        assert words in text, words
    assert "Informativa" not in text


def test_what_is_signed_stays_on_one_page(family: FamilyDetail, letterhead: CentreDetails) -> None:
    for member in family.members[:3]:
        for language, first, last in [
            ("it", "Dati dell'interessato", "Operatore che ha ricevuto"),
            ("en", "Person concerned", "Operator who received"),
        ]:
            pages = pages_text(privacy_pdf(member, family, letterhead, language, TODAY))
            assert first in pages[-1] and last in pages[-1]

from __future__ import annotations

from familydesk.kernel.text import fold, name_key, query_terms, search_document


def test_fold_ignores_case_accents_and_apostrophes() -> None:
    assert fold("Nicolò D'Angelo") == "nicolo dangelo"
    assert fold("  Ça’va-bene ") == "cava bene"
    assert name_key("D'Angelo", "Nicolò") == name_key("d angelo", "NICOLO")


def test_document_holds_names_joined_and_split_code_phone_and_email() -> None:
    doc = search_document(
        "De Luca",
        "Maria Chiara",
        "DLCMCH80A41L020X",
        ("+39 347 123 4567",),
        ("m.deluca@esempio.it",),
    )
    words = doc.split()
    for word in [
        "de",
        "luca",
        "deluca",
        "maria",
        "chiara",
        "mariachiara",
        "dlcmch80a41l020x",
        "3471234567",
        "m",
        "mdelucaesempioit",
    ]:
        assert word in words


def test_query_terms() -> None:
    assert query_terms("Nicolò  d'an") == ["nicolo", "dan"]
    assert query_terms("347 12") == ["34712"]
    assert query_terms("   ") == []

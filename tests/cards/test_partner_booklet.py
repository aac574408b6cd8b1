"""The partner directory booklet, laid out from hand-built data: categories in their
order, comuni under each, every partner with its address, phone and benefits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from familydesk.cards.partner_booklet import (
    BookletCategory,
    BookletComune,
    BookletPartner,
    partner_booklet_pdf,
)
from familydesk.registry.centre import CentreDetails
from tests.cards.print_helpers import embedded, flat
from tests.forms.conftest import CENTRE_NAME

CENTRE = CentreDetails(
    1, "C", CENTRE_NAME, "Piazza Castello 1", "46029", "Suzzara", "0376 513111", "", None, "", 1
)


def _partner(name: str, *benefits: str) -> BookletPartner:
    return BookletPartner(name, f"Via {name} 1", "0376 000000", benefits)


CATEGORIES = [
    BookletCategory(
        "cultural",
        (
            BookletComune(
                "Gonzaga", (_partner("Cinema Teatro Gonzaga", "Ingresso ridotto 5,00 €"),)
            ),
            BookletComune(
                "Suzzara",
                (
                    _partner("Museo Galleria del Premio", "Ingresso gratuito"),
                    _partner("Libreria Ràgazzi", "10% sui libri", "Tessera gratuita"),
                ),
            ),
        ),
    ),
    BookletCategory(
        "sports",
        (BookletComune("Moglia", (_partner("Piscina Comunale", "20% sugli abbonamenti"),)),),
    ),
    BookletCategory(
        "Altro",
        (
            BookletComune(
                "Pegognaga", (_partner("Farmacia Centrale", "5% sui prodotti per l'infanzia"),)
            ),
        ),
    ),
]


def test_the_booklet_groups_partners_by_category_then_comune(tmp_path: Path) -> None:
    out = tmp_path / "esercizi.pdf"
    out.write_bytes(partner_booklet_pdf(CATEGORIES, CENTRE, "it", date(2026, 11, 22)))
    text = flat(out)
    order = [
        "Esercizi convenzionati della Carta della Famiglia",
        "5 esercizi convenzionati al 22/11/2026",
        "Cultura",
        "Gonzaga",
        "Cinema Teatro Gonzaga",
        "Via Cinema Teatro Gonzaga 1",
        "Ingresso ridotto 5,00 €",
        "Suzzara",
        "Museo Galleria del Premio",
        "Libreria Ràgazzi",
        "10% sui libri",
        "Tessera gratuita",
        "Sport",
        "Moglia",
        "Piscina Comunale",
        "Altro",
        "Pegognaga",
        "Farmacia Centrale",
    ]
    position = 0
    for word in order:  # each after the one before it
        position = text.find(word, position)
        assert position >= 0, word
    assert "Agevolazioni" in text and "0376 000000" in text and embedded(out)


def test_an_empty_booklet_says_so(tmp_path: Path) -> None:
    out = tmp_path / "vuoto.pdf"
    out.write_bytes(partner_booklet_pdf([], CENTRE, "en", date(2026, 11, 22)))
    assert "There are no partners at the moment." in flat(out)

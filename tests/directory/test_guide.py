"""The guide to the services: sections in the taxonomy's order, the whole area's group
first, only active services, entries due for review printed; the one-page list for a need
in a comune; unknown need or comune refused naming the field, no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.directory.printouts import print_guide
from familydesk.kernel.errors import ValidationError
from tests.cards.print_helpers import flat
from tests.directory.print_data import World, build_world


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


def test_the_guide_goes_by_category_then_comune(
    database: Database, world: World, tmp_path: Path
) -> None:
    text = flat(database.write(print_guide, tmp_path / "guida.pdf", None, None, "it"))
    assert "Guida ai servizi" in text and "4 servizi, aggiornata al 09/12/2026" in text
    order = [
        "Orientamento ai servizi · area",
        "Servizi sociali di Pegognaga",
        "Sostegno alla genitorialità",
        "Gruppo mamme e bebè",
        "Gravidanza e neonati (0-3 anni) · area I",
        "In tutto l'ambito",
        "Consultorio familiare",  # not checked since 2024: printed anyway
        "Pegognaga",
        "Asilo nido comunale Il Girasole",
    ]
    at = text.find("aggiornata")
    for words in order:  # each after the one before
        at = text.find(words, at)
        assert at != -1, words
    assert "Sportello chiuso" not in text  # inactive
    assert "italiano, urdu" in text and "fino a 1 anno" in text and "Pagina 1 di 1" in text
    assert "Ferrari" not in text


def test_the_list_for_one_need_in_one_comune(
    database: Database, world: World, tmp_path: Path
) -> None:
    out = database.write(
        print_guide, tmp_path / "lista.pdf", "pregnancy_newborns", "pegognaga", "it"
    )
    text = flat(out)
    assert "Tutti i servizi per Gravidanza e neonati (0-3 anni) a Pegognaga" in text
    assert "Consultorio familiare" in text and "Asilo nido comunale Il Girasole" in text
    assert "Servizi sociali" not in text and "Gruppo mamme" not in text


def test_unknown_need_or_comune_is_refused_naming_it(
    database: Database, world: World, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(ValidationError, match="no need has the key zero_tre") as caught:
        database.write(print_guide, out, "zero_tre")
    assert caught.value.field == "need"
    with pytest.raises(ValidationError, match="no comune is called Atlantide") as caught:
        database.write(print_guide, out, None, "Atlantide")
    assert caught.value.field == "comune"
    with pytest.raises(ValidationError, match="no active service"):
        database.write(print_guide, out, "violence")
    assert not out.exists()

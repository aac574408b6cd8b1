"""Long drop-downs: sorted the Italian way, found by any part of their text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk.ui.widgets.combo import SearchableCombo, collation_key


def test_collation_ignores_accents_and_case() -> None:
    names = ["Zanzara", "Édicola Rossi", "biblioteca di Moglia", "Asilo", "Ecole"]
    assert sorted(names, key=collation_key) == [
        "Asilo",
        "biblioteca di Moglia",
        "Ecole",
        "Édicola Rossi",
        "Zanzara",
    ]


def test_typing_any_part_finds_the_entry(qtbot: QtBot) -> None:
    combo = SearchableCombo()
    qtbot.addWidget(combo)
    combo.set_items(
        [
            (f"Biblioteca Comunale di {c}", i)
            for i, c in enumerate(["Suzzara", "Gonzaga", "Moglia", "Pegognaga"])
        ]
    )
    assert combo.currentIndex() == -1
    assert combo.itemText(0) == "Biblioteca Comunale di Gonzaga"
    completer = combo.completer()
    completer.setCompletionPrefix("moglia")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Biblioteca Comunale di Moglia"
    completer.activated[str].emit("Biblioteca Comunale di Moglia")
    assert combo.currentData() == 2
    assert completer.filterMode() == Qt.MatchFlag.MatchContains

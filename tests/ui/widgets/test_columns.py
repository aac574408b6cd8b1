"""Columns fit their text; when the table is too narrow, the yielding ones give way in order,
a group of them sharing the room."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from familydesk.ui.widgets.columns import fit_columns
from familydesk.ui.widgets.table_model import Column, RowsTableModel

ROWS = [
    (
        "1",
        "Centro per le Famiglie di Suzzara, Sala Mediazione",
        "Recupero: Le emozioni dei figli",
        "annullato: educatrice malata",
    )
]


def _table(qtbot: QtBot, width: int, yielding) -> QTableView:  # type: ignore[no-untyped-def]
    model = RowsTableModel([Column(lambda n=n: str(n), lambda r, n=n: r[n]) for n in range(4)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns(view, yielding)
    model.set_rows(ROWS)
    view.resize(width, 200)
    view.show()
    qtbot.waitUntil(lambda: sum(view.columnWidth(c) for c in range(4)) <= view.viewport().width())
    QApplication.processEvents()
    return view


def test_everything_whole_when_there_is_room(qtbot: QtBot) -> None:
    view = _table(qtbot, 1300, [(1, 3), 2])
    wanted = [view.sizeHintForColumn(c) for c in range(4)]
    assert all(view.columnWidth(c) >= wanted[c] for c in range(4))


def test_a_group_shares_the_shortage_and_the_last_yields_only_if_needed(qtbot: QtBot) -> None:
    view = _table(qtbot, 520, [(1, 3), 2])
    wanted = [view.sizeHintForColumn(c) for c in range(4)]
    assert view.columnWidth(2) >= wanted[2]  # the topic stays whole
    assert view.columnWidth(0) >= wanted[0]
    assert view.columnWidth(1) < wanted[1] and view.columnWidth(3) < wanted[3]
    assert abs(view.columnWidth(1) - view.columnWidth(3)) <= 1  # the same cap for both
    assert sum(view.columnWidth(c) for c in range(4)) <= view.viewport().width()

"""The lazy table model fetches pages as the view asks for more."""

from __future__ import annotations

from PySide6.QtCore import Qt

from familydesk.db.database import Database
from familydesk.demo import fill_demo
from familydesk.registry import family_page
from familydesk.ui.families.page import family_columns
from familydesk.ui.shell.runner import SyncRunner
from familydesk.ui.widgets.table_model import LazyTableModel


def test_pages_arrive_as_the_view_scrolls(database: Database, qapp) -> None:  # type: ignore[no-untyped-def]
    database.write(fill_demo, families=45, seed=3)
    fetched: list[int] = []

    def counting_fetch(session, offset, limit, **filters):  # type: ignore[no-untyped-def]
        fetched.append(offset)
        return family_page(session, offset, limit, **filters)

    model = LazyTableModel(SyncRunner(database), counting_fetch, family_columns(), page_size=20)
    model.reload()
    assert (model.rowCount(), model.total, fetched) == (20, 45, [0])
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert (model.rowCount(), fetched) == (45, [0, 20, 40])
    assert not model.canFetchMore()
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == sorted(names)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Family"


def test_reload_with_a_filter_starts_again(database: Database, qapp) -> None:  # type: ignore[no-untyped-def]
    database.write(fill_demo, families=60, seed=3)
    model = LazyTableModel(SyncRunner(database), family_page, family_columns(), page_size=10)
    model.reload()
    model.reload(text="gonzaga")
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert rows and all(r.comune == "Gonzaga" for r in rows)
    assert model.total < 60

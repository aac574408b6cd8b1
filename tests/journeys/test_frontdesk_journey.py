"""Journey 1, the front desk: the person and the need recorded are the ones the operator chose.

At a real display the desk once recorded the second of two namesakes (the first match was
already highlighted, so the README's "Down and Enter" went to the second) and
"Orientamento ai servizi" whatever need was highlighted in the completer's list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk import i18n
from familydesk.db.database import Database
from familydesk.frontdesk import list_needs
from familydesk.kernel.text import fold
from familydesk.registry import PersonHit, search_people
from tests.journeys.desk import Desk, query

pytestmark = pytest.mark.journey

#: Typed in the need field: part of two needs' names, neither of them the first need.
NEED_TYPED = "medi"


def namesakes(db: Path) -> tuple[str, list[PersonHit]]:
    """What to search for and what the desk lists: two people with the same surname and
    given name if the demo has them (the case seen at the desk), else a shared surname."""
    pairs = query(
        db,
        "SELECT last_name, first_name FROM person WHERE anonymised_on IS NULL "
        "GROUP BY last_name, first_name HAVING count(*) > 1 ORDER BY last_name, first_name",
    )
    surnames = query(
        db, "SELECT last_name FROM person GROUP BY last_name HAVING count(*) > 1 ORDER BY last_name"
    )
    searches = [f"{last} {first}" for last, first in pairs] + [last for (last,) in surnames]
    database = Database.open(str(db), migrate=False)
    database.operator, database.role = "reception", "reception"
    try:
        for text in searches:
            hits = database.read(search_people, text, 30)
            if len(hits) >= 2:
                return text, hits
    finally:
        database.dispose()
    raise AssertionError("the demo has no two people sharing a surname")


def needs_in_italian(db: Path) -> list[tuple[str, str]]:
    """(key, name) of the active needs in the desk's order, named as the Italian desk shows them."""
    database = Database.open(str(db), migrate=False)
    database.operator, database.role = "reception", "reception"
    i18n.set_language("it")
    try:
        return [(need.key, need.name) for need in database.read(list_needs)]
    finally:
        i18n.set_language("en")
        database.dispose()


def test_down_and_enter_record_the_first_namesake_and_the_highlighted_need(desk, demo) -> None:  # noqa: ANN001
    _home, db = demo
    search, hits = namesakes(db)
    first = hits[0]
    needs = needs_in_italian(db)
    matching = [key for key, name in needs if fold(NEED_TYPED) in fold(name)]
    assert len(matching) >= 2 and matching[0] != needs[0][0], (NEED_TYPED, needs)
    wanted_need = matching[0]  # the completer lists matches in the desk's order: Down -> first
    (last_request,) = query(db, "SELECT coalesce(max(id), 0) FROM contact_request")[0]

    app: Desk = desk("reception")
    app.key("ctrl+1")
    app.wait(
        lambda p: (
            p["page"] == "frontdesk" and p["focus"] and p["focus"]["name"] == "frontdeskSearch"
        ),
        "the front desk with the cursor in its search box",
    )
    app.type(search)
    app.settle()
    app.shot(f"searched {search}")
    app.key("Down")
    app.shot("down highlights the first")
    app.key("Return")
    app.wait(lambda p: app.find(p, name="saveContact"), "the contact form")
    app.shot("contact form")
    app.type(NEED_TYPED)
    app.wait(
        lambda p: any(w["cls"] == "QListView" for w in p["windows"]), "the need's completer list"
    )
    app.key("Down")
    app.shot("need highlighted")
    app.key("Return")
    app.key("alt+p")  # "&Presa in carico" (taken in charge)
    app.shot("outcome ticked")
    app.key("ctrl+Return")

    def saved() -> list[tuple[int, int, str, str]]:
        return query(
            db,
            "SELECT r.id, c.person_id, n.key, r.outcomes FROM contact_request r "
            "JOIN contact c ON c.id = r.contact_id JOIN need n ON n.id = r.need_id "
            "WHERE r.id > ?",
            last_request,
        )

    rows = app.wait_db(saved, "the contact in the database")
    app.shot("saved")
    assert len(rows) == 1, rows
    _id, person_id, need_key, outcomes = rows[0]
    names = {
        hit.person_id: f"{hit.surname} {hit.given_name} (born {hit.birth_date})" for hit in hits
    }
    problems = []
    if person_id != first.person_id:
        problems.append(
            f"Down, Enter on '{search}' recorded {names.get(person_id, person_id)}, "
            f"not the first in the list, {names[first.person_id]}"
        )
    if need_key != wanted_need:
        problems.append(
            f"'{NEED_TYPED}', Down, Enter recorded the need {need_key!r}, "
            f"not the highlighted {wanted_need!r}"
        )
    if "taken_in_charge" not in outcomes.split(","):
        problems.append(f"the outcome ticked with Alt+P is not saved: {outcomes!r}")
    assert problems == [], "; ".join(problems)

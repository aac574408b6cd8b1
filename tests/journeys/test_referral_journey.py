"""Journey: a referral recorded from the keyboard (issue 16, "Done means").

A reception operator finds a person, records the need, ticks "referral", types two letters
in "Referred to", Down, Enter, and saves: the request names the service suggested first,
the one in the family's comune. The demo has no directory yet (and on this branch cannot be
made while the card's partners move), so the journey makes its own small database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from familydesk import registry
from familydesk.db.actor import Actor
from familydesk.registry import FamilyInput, MemberInput
from familydesk.trust.acting import as_system
from familydesk.trust.opening import open_database
from familydesk.trust.operators import create_demo_operators
from tests.frontdesk.referral_data import PEGOGNAGA, build_directory
from tests.journeys.desk import Desk, query

pytestmark = pytest.mark.journey

TYPED = "co"  # two letters: every parenting service's name starts a word with them


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A home and a database with the demo operators, one family in Pegognaga and the
    referral directory of the tests (a service in Pegognaga, one for the whole area, one
    in Gonzaga): (home, db)."""
    home = tmp_path_factory.mktemp("referral-home")
    db = home / "referral.sqlite3"
    database = open_database(str(db), actor=Actor("journey", "admin"))
    try:
        with as_system("journey set-up"):
            database.write(create_demo_operators)
        member = MemberInput(
            first_name="Giulia",
            last_name="Zanardi",
            sex="F",
            relation="parent",
            birth_date=date(1988, 2, 3),
            no_code_reason="in attesa",
        )
        family = FamilyInput(name="Zanardi", comune_name="Pegognaga", comune_code=PEGOGNAGA)
        database.write(registry.create_family, family, [member])
        build_directory(database)
    finally:
        database.dispose()
    return home, db


def test_two_letters_down_enter_record_the_service_of_the_family_s_comune(desk, demo) -> None:  # noqa: ANN001
    _home, db = demo
    ((wanted,),) = query(
        db, "SELECT id FROM directory_service WHERE name = ?", "Consultorio di Pegognaga"
    )
    app: Desk = desk("reception")
    app.key("ctrl+1")
    app.wait(
        lambda p: (
            p["page"] == "frontdesk" and p["focus"] and p["focus"]["name"] == "frontdeskSearch"
        ),
        "the front desk with the cursor in its search box",
    )
    app.type("zanardi")
    app.settle()
    app.key("Down")
    app.key("Return")
    app.wait(lambda p: app.find(p, name="saveContact"), "the contact form")
    app.type("genitor")
    app.wait(lambda p: any(w["cls"] == "QListView" for w in p["windows"]), "the need's list")
    app.key("Down")
    app.key("Return")
    app.shot("need chosen")
    app.key("alt+i")  # untick "information given"
    app.key("alt+r")  # tick "referral"
    app.key("alt+o")  # the cursor in "Inviato a" (Referred to)
    app.settle()
    app.shot("referred to focused")
    app.type(TYPED)
    app.wait(lambda p: any(w["cls"] == "QListView" for w in p["windows"]), "the services' list")
    app.shot("services suggested")
    app.key("Down")
    app.shot("first service highlighted")
    app.key("Return")
    app.settle()
    app.shot("service picked")
    app.key("ctrl+Return")

    def saved() -> list[tuple[object, ...]]:
        return query(db, "SELECT service_id, referral_to, outcomes FROM contact_request")

    rows = app.wait_db(saved, "the contact in the database")
    app.shot("saved")
    assert rows == [(wanted, "", "referral")], rows

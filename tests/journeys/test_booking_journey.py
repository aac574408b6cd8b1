"""Journey 2, booking from a professional's calendar: the service saved is one that
professional gives.

At a real display the booking dialog opened from the lawyer's calendar offered
"Consulenza psicologica", and a psychological consultation with the lawyer was accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from familydesk.appointments.professions import gives
from familydesk.db.database import Database
from familydesk.registry import search_people
from tests.journeys.desk import Desk, query

pytestmark = pytest.mark.journey


def lawyer(db: Path) -> tuple[int, str, str]:
    """The demo's lawyer (a professional whose profession no default service fits by
    accident): (id, name, profession)."""
    rows = query(
        db,
        "SELECT id, name, profession FROM staff WHERE kind = 'professional' AND active "
        "AND profession LIKE 'avvocat%' ORDER BY id",
    )
    assert rows, "the demo has no lawyer"
    return rows[0]


def closed_list_prefix(db: Path, name: str) -> str:
    """The start of ``name`` that no other professional's name has, without a space (Space
    opens a closed drop-down's list instead of searching it)."""
    others = [n for (n,) in query(db, "SELECT name FROM staff WHERE name != ?", name)]
    for end in range(1, len(name) + 1):
        prefix = name[:end]
        if " " in prefix:
            break
        if not any(other.startswith(prefix) for other in others):
            return prefix
    raise AssertionError(f"no short way to type {name!r} in a closed list")


def someone(db: Path) -> tuple[int, str]:
    """A person with a name nobody else has, and the first the search lists for it: (id, name)."""
    (name,) = query(
        db,
        "SELECT last_name || ' ' || first_name FROM person WHERE anonymised_on IS NULL "
        "GROUP BY last_name, first_name HAVING count(*) = 1 ORDER BY last_name DESC, first_name "
        "LIMIT 1",
    )[0]
    database = Database.open(str(db), migrate=False)
    database.operator, database.role = "reception", "reception"
    try:
        return database.read(search_people, name, 20)[0].person_id, name
    finally:
        database.dispose()


def no_slip_printing(home: Path) -> None:
    """This desk does not print the family's slip after booking (no PDF viewer under Xvfb):
    the booking dialog's check box, remembered in the window settings."""
    ini = home / "data" / "FamilyDesk" / "FamilyDesk.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text("[appointments]\nprint_slip_after_booking=false\n", encoding="utf-8")


def test_booking_from_the_lawyers_calendar_saves_a_service_the_lawyer_gives(desk, demo) -> None:  # noqa: ANN001
    home, db = demo
    staff_id, staff_name, profession = lawyer(db)
    person_id, person = someone(db)
    no_slip_printing(home)
    (last,) = query(db, "SELECT coalesce(max(id), 0) FROM appointment")[0]

    app: Desk = desk("reception")
    app.key("ctrl+3")
    app.wait(lambda p: p["page"] == "appointments" and not p["busy"], "the Appointments page")
    typed = closed_list_prefix(db, staff_name)
    app.key("alt+c", "Tab")  # "&Calendario di": the kind, then whose calendar
    app.type(typed, delay_ms=30)  # in a closed list, typing the start of an entry chooses it
    app.wait(
        lambda p: app.find(p, name="resourceChoice", text=staff_name) and not p["busy"],
        f"{staff_name}'s calendar",
    )
    app.shot("the lawyer's calendar")
    app.key("ctrl+n")
    dialog = app.wait(lambda p: app.find(p, name="bookButton", main=False), "the booking dialog")
    probe = app.settle()
    app.shot("booking dialog")
    assert app.find(probe, name="staff", main=False, text=staff_name), (
        "the dialog is not for the lawyer"
    )
    app.type(person)
    app.settle()
    app.key("Down", "Return")
    app.wait(lambda p: app.find(p, name="memberChoice", main=False), "the person chosen")
    app.key("alt+c")  # "Con &chi": free slots with whom
    app.type(typed, delay_ms=30)
    app.key("alt+l")  # "Trova posti &liberi"
    app.wait(
        lambda p: p["focus"] and p["focus"]["name"] == "slotList", "free slots of the lawyer", 30
    )
    app.shot("free slots")
    app.key("Return")  # the first free slot into the form
    app.wait(lambda p: p["focus"] and p["focus"]["name"] == "bookButton", "the slot in the form")
    app.shot("ready to book")
    app.key("ctrl+Return")
    rows = app.wait_db(
        lambda: query(
            db,
            "SELECT a.staff_id, a.person_id, s.key, s.profession FROM appointment a "
            "JOIN service s ON s.id = a.service_id WHERE a.id > ?",
            last,
        ),
        "the appointment in the database",
    )
    app.shot("booked")
    assert dialog
    assert len(rows) == 1, rows
    booked_staff, booked_person, service, service_professions = rows[0]
    assert (booked_staff, booked_person) == (staff_id, person_id)
    assert gives(service_professions, profession), (
        f"booked from {staff_name}'s calendar ({profession}) with the service {service!r}, "
        f"which is for: {service_professions}"
    )

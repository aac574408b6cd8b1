"""Configuration of bookable resources: services, staff, places with rooms and opening
hours, closures, absences and patron saints' days (services of
``familydesk.appointments.resources``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import i18n
from familydesk.appointments import resources as res
from familydesk.appointments.resources import (
    PlaceInput,
    RoomInput,
    ServiceInput,
    StaffInput,
)
from familydesk.db.database import Database
from familydesk.db.models.appointments import Absence, Appointment, Service
from familydesk.kernel.errors import ConflictError, ValidationError
from familydesk.registry import centre
from familydesk.trust import operators
from familydesk.trust.permissions import PermissionDenied
from tests.helpers import signed_in


@pytest.fixture
def comune(database: Database) -> int:
    return database.write(centre.add_member_comune, "Suzzara", "MN", "L020").id


@pytest.fixture
def place(database: Database, comune: int) -> res.PlaceRow:
    return database.write(res.save_place, PlaceInput("Sede di via Roma", comune, "Via Roma 1"))


def _invalid(database: Database, fn, *args) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        database.write(fn, *args)
    return error.value


def _book(database: Database, **ids: int) -> None:
    """An appointment pointing at the given resources (the rest made up on the spot)."""

    def book(session: Session) -> None:
        session.add(
            Appointment(starts_at=datetime(2026, 3, 2, 9), ends_at=datetime(2026, 3, 2, 10), **ids)
        )
        session.flush()

    database.write(book)


# -- services -----------------------------------------------------------------
def test_the_seeded_services_are_listed_in_the_interface_language(database: Database) -> None:
    rows = database.read(res.list_services)
    assert [r.name for r in rows][:2] == ["Psychological counselling", "Family mediation"]
    assert rows[0].what_to_bring == "An identity document."
    i18n.set_language("it")
    assert database.read(res.list_services)[0].name != "Psychological counselling"


def test_a_new_service_is_added_changed_and_deleted_while_unused(database: Database) -> None:
    row = database.write(
        res.save_service, ServiceInput("Sportello legale ", 30, "avvocata", "Documento d'identità")
    )
    assert (row.key, row.name, row.duration_minutes, row.version) == (
        "sportello_legale",
        "Sportello legale",
        30,
        1,
    )
    changed = database.write(
        res.save_service,
        ServiceInput("Sportello legale", 45, "avvocata", "", id=row.id, version=row.version),
    )
    assert (changed.duration_minutes, changed.version) == (45, 2)
    with pytest.raises(ConflictError):
        database.write(res.save_service, ServiceInput("X", 45, id=row.id, version=row.version))
    assert database.write(res.remove_service, row.id, changed.version) == "deleted"
    assert "Sportello legale" not in [r.name for r in database.read(res.list_services, False)]


@pytest.mark.parametrize("minutes", [0, 4, 62, 485, 600])
def test_a_duration_outside_5_to_480_in_steps_of_5_is_refused(
    database: Database, minutes: int
) -> None:
    error = _invalid(database, res.save_service, ServiceInput("Colloquio breve", minutes))
    assert error.field == "duration_minutes"
    assert error.message.startswith("Duration:")


def test_a_service_needs_a_name_of_its_own(database: Database) -> None:
    assert _invalid(database, res.save_service, ServiceInput("  ", 30)).field == "name"
    error = _invalid(database, res.save_service, ServiceInput("family MEDIATION", 30))
    assert (error.field, error.message) == (
        "name",
        "Name: there is already a service called family MEDIATION.",
    )
    error = _invalid(database, res.save_service, ServiceInput("x" * 201, 30))
    assert error.message == "Name: at most 200 characters."


def test_built_in_wording_left_as_shown_stays_translatable(database: Database) -> None:
    first = database.read(res.list_services)[0]
    saved = database.write(
        res.save_service,
        ServiceInput(
            first.name,
            50,
            first.profession,
            first.what_to_bring,
            id=first.id,
            version=first.version,
        ),
    )
    assert saved.duration_minutes == 50
    stored = database.read(lambda s: s.get(Service, first.id))
    assert (stored.name, stored.what_to_bring) == ("", "")
    renamed = database.write(res.save_service, replace_input(saved, name="Psicologa"))
    assert renamed.name == "Psicologa"


def replace_input(row: res.ServiceRow, **changes: object) -> ServiceInput:
    data = ServiceInput(
        row.name,
        row.duration_minutes,
        row.profession,
        row.what_to_bring,
        row.active,
        row.id,
        row.version,
    )
    return replace(data, **changes)


def test_built_in_and_booked_services_are_retired_not_deleted(database: Database) -> None:
    builtin = database.read(res.list_services)[0]
    assert database.write(res.remove_service, builtin.id, builtin.version) == "retired"
    assert builtin.id not in [r.id for r in database.read(res.list_services)]
    retired = next(r for r in database.read(res.list_services, False) if r.id == builtin.id)
    assert not retired.active
    back = database.write(res.save_service, replace_input(retired, active=True))
    assert back.active


# -- staff --------------------------------------------------------------------
def test_staff_are_listed_by_kind_with_their_linked_operator(database: Database) -> None:
    database.write(operators.add_operator, "tester", "admin", "password-0")
    account = database.write(
        operators.add_operator, "anna.neri", "professional", "password-1", "Anna Neri"
    )
    database.write(
        res.save_staff,
        StaffInput(
            "Dott.ssa Anna Neri",
            "professional",
            "psicologa",
            phone="0376 123456",
            operator_id=account.id,
        ),
    )
    database.write(
        res.save_staff, StaffInput("Samira Haddad", "interpreter", languages=" arabo ;francese, ,")
    )
    rows = database.read(res.list_staff)
    assert [(r.name, r.kind, r.operator_name) for r in rows] == [
        ("Dott.ssa Anna Neri", "professional", "Anna Neri"),
        ("Samira Haddad", "interpreter", ""),
    ]
    interpreters = database.read(res.list_staff, "interpreter")
    assert [r.languages for r in interpreters] == ["arabo, francese"]
    assert [c.label for c in database.read(res.list_linkable_operators)] == [
        "Anna Neri (anna.neri)",
        "tester",
    ]
    error = _invalid(database, res.save_staff, StaffInput("Altra", operator_id=account.id))
    assert error.field == "operator_id"
    assert "already linked to Dott.ssa Anna Neri" in error.message


@pytest.mark.parametrize(
    ("data", "field", "start"),
    [
        (StaffInput(""), "name", "Name:"),
        (StaffInput("Ida", kind="driver"), "kind", "Kind:"),
        (StaffInput("Ida", kind="interpreter"), "languages", "Languages:"),
        (StaffInput("Ida", phone="call me"), "phone", "Phone:"),
        (StaffInput("Ida", operator_id=999), "operator_id", "Operator:"),
        (StaffInput("Ida", profession="p" * 101), "profession", "Profession:"),
    ],
)
def test_bad_staff_fields_are_named(
    database: Database, data: StaffInput, field: str, start: str
) -> None:
    error = _invalid(database, res.save_staff, data)
    assert (error.field, error.message.split(" ")[0]) == (field, start)


def test_retired_staff_are_left_out_and_booked_staff_are_kept(
    database: Database, place: res.PlaceRow
) -> None:
    ida = database.write(res.save_staff, StaffInput("Ida Rossi"))
    eva = database.write(res.save_staff, StaffInput("Eva Bianchi"))
    database.write(res.add_absence, eva.id, date(2026, 8, 1), date(2026, 8, 15), "ferie")
    _book(
        database,
        service_id=database.read(res.list_services)[0].id,
        staff_id=ida.id,
        place_id=place.id,
    )
    assert database.write(res.remove_staff, ida.id, ida.version) == "retired"
    assert database.write(res.remove_staff, eva.id, eva.version) == "deleted"
    assert database.read(res.list_staff) == []
    assert [r.name for r in database.read(res.list_staff, None, False)] == ["Ida Rossi"]
    assert database.read(lambda s: s.scalars(select(Absence)).all()) == []


# -- places, rooms, opening hours -------------------------------------------
def test_a_place_needs_a_member_comune_and_a_name_of_its_own(
    database: Database, place: res.PlaceRow
) -> None:
    assert _invalid(database, res.save_place, PlaceInput("Sede", None)).field == "comune_id"
    assert _invalid(database, res.save_place, PlaceInput("", place.comune_id)).field == "name"
    error = _invalid(database, res.save_place, PlaceInput("SEDE DI VIA ROMA", place.comune_id))
    assert error.message == "Name: this comune already has a place called SEDE DI VIA ROMA."
    assert (place.comune_name, place.address, place.rooms, place.hours) == (
        "Suzzara",
        "Via Roma 1",
        (),
        (),
    )


def test_room_names_are_unique_within_a_place(database: Database, place: res.PlaceRow) -> None:
    other = database.write(res.save_place, PlaceInput("Biblioteca", place.comune_id))
    room = database.write(res.save_room, RoomInput(place.id, "Sala colloqui 1"))
    database.write(res.save_room, RoomInput(other.id, "Sala colloqui 1"))  # another place: fine
    error = _invalid(database, res.save_room, RoomInput(place.id, "sala COLLOQUI 1"))
    assert (error.field, error.message) == (
        "name",
        "Room: this place already has a room called sala COLLOQUI 1.",
    )
    renamed = database.write(
        res.save_room, RoomInput(place.id, "Sala blu", id=room.id, version=room.version)
    )
    assert renamed.name == "Sala blu"
    database.write(res.save_room, RoomInput(place.id, "Sala gialla", active=False))
    listed = next(p for p in database.read(res.list_places) if p.id == place.id)
    assert [r.name for r in listed.rooms] == ["Sala blu"]
    everything = next(p for p in database.read(res.list_places, False) if p.id == place.id)
    assert [r.name for r in everything.rooms] == ["Sala blu", "Sala gialla"]


def test_the_week_of_opening_hours_is_replaced_at_once(
    database: Database, place: res.PlaceRow
) -> None:
    saved = database.write(
        res.set_opening_hours,
        place.id,
        place.version,
        [
            (0, "9:00", "13.00"),
            (0, "14:30", "18:00"),
            (2, time(9), time(12, 30)),
            (3, "", ""),
        ],
    )
    assert [(h.weekday, h.opens, h.closes) for h in saved.hours] == [
        (0, time(9), time(13)),
        (0, time(14, 30), time(18)),
        (2, time(9), time(12, 30)),
    ]
    assert saved.version == place.version + 1
    with pytest.raises(ConflictError):
        database.write(res.set_opening_hours, place.id, place.version, [])
    again = database.write(res.set_opening_hours, place.id, saved.version, [(4, "8", "12")])
    assert [(h.weekday, h.opens) for h in again.hours] == [(4, time(8))]


@pytest.mark.parametrize(
    ("intervals", "field", "message"),
    [
        (
            [(1, "09:00", "13:00"), (1, "12:00", "15:00")],
            "hours.1",
            "Tuesday: 09:00-13:00 and 12:00-15:00 overlap",
        ),
        (
            [(4, "13:00", "09:00")],
            "hours.4",
            "Friday: the opening time (13:00) must come before the closing time (09:00).",
        ),
        ([(5, "09:00", "09:00")], "hours.5", "Saturday: the opening time (09:00)"),
        ([(0, "09:00", "")], "hours.0", "Monday: give both the opening and the closing time"),
        ([(6, "25:00", "26:00")], "hours.6", "Sunday: “25:00” is not a time"),
        ([(2, "nove", "12")], "hours.2", "Wednesday: “nove” is not a time"),
        ([(7, "09:00", "12:00")], "hours", "Opening hours: the day must be Monday to Sunday."),
    ],
)
def test_bad_opening_hours_name_the_day(
    database: Database, place: res.PlaceRow, intervals: list, field: str, message: str
) -> None:
    error = _invalid(database, res.set_opening_hours, place.id, place.version, intervals)
    assert error.field == field
    assert error.message.startswith(message)


def test_day_names_follow_the_interface_language(database: Database, place: res.PlaceRow) -> None:
    i18n.set_language("it")
    error = _invalid(
        database,
        res.set_opening_hours,
        place.id,
        place.version,
        [(0, "09:00", "13:00"), (0, "10:00", "11:00")],
    )
    assert error.message.startswith("Lunedì:")


def test_unused_places_go_with_their_rooms_booked_ones_are_retired(
    database: Database, place: res.PlaceRow
) -> None:
    room = database.write(res.save_room, RoomInput(place.id, "Sala 1"))
    spare = database.write(res.save_place, PlaceInput("Biblioteca", place.comune_id))
    database.write(res.add_closure, spare.id, date(2026, 5, 2), "")
    staff = database.write(res.save_staff, StaffInput("Ida Rossi"))
    _book(
        database,
        service_id=database.read(res.list_services)[0].id,
        staff_id=staff.id,
        place_id=place.id,
        room_id=room.id,
    )
    assert database.write(res.remove_room, room.id, room.version) == "retired"
    place = next(p for p in database.read(res.list_places, False) if p.id == place.id)
    assert database.write(res.remove_place, place.id, place.version) == "retired"
    assert database.write(res.remove_place, spare.id, spare.version) == "deleted"
    assert database.read(res.list_places) == []
    assert database.read(res.list_closures, 2026) == []


# -- closures and absences --------------------------------------------------
def test_closures_of_one_place_or_all_and_no_day_twice(
    database: Database, place: res.PlaceRow
) -> None:
    christmas_eve = database.write(res.add_closure, None, date(2026, 12, 24), "Vigilia")
    database.write(res.add_closure, place.id, date(2026, 8, 14), "Ponte di Ferragosto")
    database.write(res.add_closure, None, date(2027, 1, 2), "")
    assert [(c.day, c.place_name, c.reason) for c in database.read(res.list_closures, 2026)] == [
        (date(2026, 8, 14), "Sede di via Roma", "Ponte di Ferragosto"),
        (date(2026, 12, 24), "", "Vigilia"),
    ]
    error = _invalid(database, res.add_closure, place.id, date(2026, 12, 24), "")
    assert error.message == "Day: every place is already closed on 24/12/2026."
    error = _invalid(database, res.add_closure, place.id, date(2026, 8, 14), "")
    assert error.message == "Day: Sede di via Roma is already closed on 14/08/2026."
    assert _invalid(database, res.add_closure, None, None, "").field == "day"
    assert _invalid(database, res.add_closure, 999, date(2026, 3, 3), "").field == "place_id"
    database.write(res.remove_closure, christmas_eve.id, christmas_eve.version)
    assert len(database.read(res.list_closures, 2026)) == 1


def test_absences_run_from_the_first_to_the_last_day_without_overlaps(
    database: Database,
) -> None:
    ida = database.write(res.save_staff, StaffInput("Ida Rossi"))
    eva = database.write(res.save_staff, StaffInput("Eva Bianchi"))
    summer = database.write(res.add_absence, ida.id, date(2026, 8, 3), date(2026, 8, 21), "ferie")
    database.write(res.add_absence, eva.id, date(2026, 8, 10), date(2026, 8, 10), "formazione")
    database.write(res.add_absence, ida.id, date(2026, 3, 2), date(2026, 3, 3), "")
    error = _invalid(database, res.add_absence, ida.id, date(2026, 8, 22), date(2026, 8, 21), "")
    assert (error.field, error.message) == (
        "last_day",
        "To: the last day (21/08/2026) comes before the first (22/08/2026).",
    )
    error = _invalid(database, res.add_absence, ida.id, date(2026, 8, 21), date(2026, 8, 30), "")
    assert error.message == "From: Ida Rossi is already away from 03/08/2026 to 21/08/2026."
    assert _invalid(database, res.add_absence, ida.id, None, date(2026, 1, 1), "").field == (
        "first_day"
    )
    assert _invalid(database, res.add_absence, 999, date(2026, 1, 1), date(2026, 1, 1)).field == (
        "staff_id"
    )
    from_june = database.read(res.list_absences, None, date(2026, 6, 1))
    assert [(a.staff_name, a.reason) for a in from_june] == [
        ("Ida Rossi", "ferie"),
        ("Eva Bianchi", "formazione"),
    ]
    assert len(database.read(res.list_absences, ida.id)) == 2
    database.write(res.remove_absence, summer.id, summer.version)
    assert len(database.read(res.list_absences, ida.id)) == 1


# -- patron saints' days ----------------------------------------------------
def test_a_patron_day_is_typed_dd_mm_and_stored_mm_dd(database: Database, comune: int) -> None:
    row = database.read(res.list_patron_days)[0]
    saved = database.write(res.set_patron_day, comune, row.version, "19/9", " San Gennaro ")
    assert (saved.patron_day, saved.patron_saint) == ("09-19", "San Gennaro")
    assert res.patron_day_text(saved.patron_day) == "19/09"
    saved = database.write(res.set_patron_day, comune, saved.version, (12, 7), "Sant'Ambrogio")
    assert saved.patron_day == "12-07"
    with pytest.raises(ConflictError):
        database.write(res.set_patron_day, comune, row.version, "", "")
    cleared = database.write(res.set_patron_day, comune, saved.version, "", "")
    assert (cleared.patron_day, cleared.patron_saint) == ("", "")


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("29/02", "Patron saint's day: 29/02 is not in every year; choose 28/02 or 01/03."),
        ((2, 29), "Patron saint's day: 29/02 is not in every year"),
        ("31/04", "Patron saint's day: 31/4 is not a day of the year"),
        ("19 settembre", "Patron saint's day: write it as dd/mm"),
        ("", "Patron saint's day: give the day of San Luigi"),
    ],
)
def test_a_patron_day_must_be_in_every_year(
    database: Database, comune: int, day: object, message: str
) -> None:
    row = database.read(res.list_patron_days)[0]
    error = _invalid(database, res.set_patron_day, comune, row.version, day, "San Luigi")
    assert error.field == "patron_day"
    assert error.message.startswith(message)


# -- permissions ------------------------------------------------------------
def test_reception_lists_resources_but_cannot_change_them(
    database: Database, place: res.PlaceRow
) -> None:
    signed_in(database, "reception")
    assert len(database.read(res.list_services)) == 7
    assert [p.name for p in database.read(res.list_places)] == ["Sede di via Roma"]
    refusals = [
        (res.save_service, ServiceInput("Nuovo", 30)),
        (res.save_staff, StaffInput("Ida Rossi")),
        (res.save_place, PlaceInput("Altra sede", place.comune_id)),
        (res.save_room, RoomInput(place.id, "Sala 2")),
        (res.set_opening_hours, place.id, place.version, []),
        (res.add_closure, None, date(2026, 12, 24), ""),
        (res.set_patron_day, place.comune_id, 1, "19/09", "San Gennaro"),
        (res.list_linkable_operators,),
    ]
    for fn, *args in refusals:
        with pytest.raises(PermissionDenied, match="change the centre's settings"):
            database.write(fn, *args)


def test_nobody_signed_in_reads_nothing(database: Database) -> None:
    database.role = None
    with pytest.raises(PermissionDenied, match="Sign in first"):
        database.read(res.list_staff)


def test_a_comune_with_places_is_not_removed(database: Database, place: res.PlaceRow) -> None:
    comune = database.read(centre.list_member_comuni)[0]
    error = _invalid(database, centre.remove_member_comune, comune.id, comune.version)
    assert error.message.startswith("Suzzara has places for appointments")
    assert len(database.read(centre.list_member_comuni)) == 1

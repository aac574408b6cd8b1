"""A small calendar for appointment tests: one comune, one place with two rooms, open
Monday to Friday 9-13 and 14:30-18, two psychologists, a social worker, an interpreter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.appointments.booking import AppointmentInput
from familydesk.db.database import Database
from familydesk.db.models.appointments import OpeningHours, Place, Room, Service, Staff
from familydesk.db.models.registry import Family, MemberComune, Person
from familydesk.kernel import clock


@dataclass(frozen=True)
class Calendar:
    comune: int
    place: int
    other_place: int
    rooms: tuple[int, int]
    psychologists: tuple[int, int]
    social_worker: int
    interpreter: int
    counselling: int
    mediation: int
    families: tuple[int, int]
    person: int
    #: The social worker's service (``counselling`` is given by psychologists).
    interview: int
    #: Gives ``mediation``.
    mediator: int


def _build(session: Session) -> Calendar:
    comune = MemberComune(
        name="Gonzaga", province="MN", cadastral_code="E089", patron_day="", patron_saint=""
    )
    other = MemberComune(
        name="Suzzara",
        province="MN",
        cadastral_code="L020",
        patron_day="09-08",
        patron_saint="Natività di Maria",
    )
    session.add_all([comune, other])
    session.flush()
    place = Place(name="Centro per le Famiglie", comune_id=comune.id, address="Via Roma 1")
    suzzara = Place(name="Sportello Suzzara", comune_id=other.id, address="Piazza Castello 2")
    session.add_all([place, suzzara])
    session.flush()
    for target in (place, suzzara):
        for weekday in range(5):
            session.add(
                OpeningHours(place_id=target.id, weekday=weekday, opens=time(9), closes=time(13))
            )
            session.add(
                OpeningHours(
                    place_id=target.id, weekday=weekday, opens=time(14, 30), closes=time(18)
                )
            )
    rooms = [Room(place_id=place.id, name="Sala Blu"), Room(place_id=place.id, name="Sala Verde")]
    staff = [
        Staff(name="Dott.ssa Paola Rinaldi", profession="psicologa"),
        Staff(name="Dott. Marco Ferri", profession="psicologo"),
        Staff(name="Sara Lodi", profession="assistente sociale"),
        Staff(name="Amina Haddad", kind="interpreter", languages="ar,fr"),
        Staff(name="Dott.ssa Giulia Ferretti", profession="mediatrice familiare"),
        Staff(name="Dott. Luca Bellini", profession="pedagogista"),
    ]
    families = [
        Family(name="Rossi", phone="0376 111111"),
        Family(name="El Amrani", phone="333 2222222"),
    ]
    session.add_all([*rooms, *staff, *families])
    session.flush()
    person = Person(
        family_id=families[0].id,
        first_name="Giulia",
        last_name="Rossi",
        sex="F",
        relation="parent",
        phone="340 1234567",
    )
    session.add(person)
    session.flush()
    services = {s.key: s.id for s in session.scalars(select(Service))}
    return Calendar(
        comune.id,
        place.id,
        suzzara.id,
        (rooms[0].id, rooms[1].id),
        (staff[0].id, staff[1].id),
        staff[2].id,
        staff[3].id,
        services["psychological_counselling"],
        services["family_mediation"],
        (families[0].id, families[1].id),
        person.id,
        services["social_worker_interview"],
        staff[4].id,
    )


def build(database: Database) -> Calendar:
    return database.write(_build)


def working_day(after: date | None = None, weekday: int = 1) -> date:
    """The first ``weekday`` (Tuesday by default) at least a week after ``after`` that is
    not an Italian public holiday, nor 8 September (Suzzara's patron) or in the next week one,
    in a week (Monday to Sunday) with no public holiday (tests use its other days too)."""
    day = (after or clock.today()) + timedelta(days=7)
    italy = holidays.Italy(years=range(day.year, day.year + 2))
    while (
        day.weekday() != weekday
        or any(day + timedelta(weeks=w) in italy for w in range(6))
        or any(day + timedelta(days=d - day.weekday()) in italy for d in range(7))
        or any((day + timedelta(weeks=w)).strftime("%m-%d") == "09-08" for w in range(6))
    ):
        day += timedelta(days=1)
    return day


def next_weekday_holiday(after: date | None = None) -> tuple[date, str]:
    day = (after or clock.today()) + timedelta(days=2)
    italy = holidays.Italy(years=range(day.year, day.year + 2), language="en_US")
    return next((d, n) for d, n in sorted(italy.items()) if d >= day and d.weekday() < 5)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def booking(
    cal: Calendar, day: date, hour: int, minute: int = 0, **changes: object
) -> AppointmentInput:
    """Counselling with the first psychologist in the first room for the Rossi family."""
    values: dict[str, object] = dict(
        service_id=cal.counselling,
        staff_id=cal.psychologists[0],
        place_id=cal.place,
        starts_at=at(day, hour, minute),
        room_id=cal.rooms[0],
        family_id=cal.families[0],
    )
    values.update(changes)
    return AppointmentInput(**values)  # type: ignore[arg-type]

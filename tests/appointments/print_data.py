"""A booked day for the printouts and exports: a weekly series with an interpreter, both
families, one appointment confirmed, one cancelled, one with the other psychologist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from familydesk.appointments import booking, series
from familydesk.appointments.queries import AppointmentRow
from familydesk.db.database import Database
from tests.appointments.calendar_data import Calendar, working_day
from tests.appointments.calendar_data import booking as booking_input


@dataclass(frozen=True)
class Day:
    day: date
    #: The series' first meeting (Giulia Rossi, with the interpreter, 9:00) and the rest.
    series_first: AppointmentRow
    series_rest: tuple[AppointmentRow, ...]
    #: The first psychologist's other appointments of the day, in time order.
    rossi_10: AppointmentRow
    el_amrani_11: AppointmentRow  # confirmed
    rossi_12: AppointmentRow  # cancelled
    other_psychologist: AppointmentRow  # El Amrani with the second psychologist, 15:00


def book_day(database: Database, cal: Calendar, day: date | None = None) -> Day:
    day = day or working_day()
    result = database.write(
        series.book_series,
        booking_input(
            cal,
            day,
            9,
            interpreter_id=cal.interpreter,
            person_id=cal.person,
            note="Prima volta: portare il certificato",
        ),
        every_weeks=1,
        occurrences=4,
    )
    rossi_10 = database.write(booking.book, booking_input(cal, day, 10))
    el_amrani = database.write(
        booking.book,
        booking_input(cal, day, 11, family_id=cal.families[1], note="Chiede la mediatrice"),
    )
    el_amrani = database.write(booking.set_status, el_amrani.id, el_amrani.version, "confirmed")
    rossi_12 = database.write(booking.book, booking_input(cal, day, 12))
    rossi_12 = database.write(
        booking.set_status,
        rossi_12.id,
        rossi_12.version,
        "cancelled",
        reason="La famiglia ha chiamato",
    )
    other = database.write(
        booking.book,
        booking_input(
            cal,
            day,
            15,
            staff_id=cal.psychologists[1],
            room_id=cal.rooms[1],
            family_id=cal.families[1],
        ),
    )
    return Day(
        day, result.booked[0], tuple(result.booked[1:]), rossi_10, el_amrani, rossi_12, other
    )

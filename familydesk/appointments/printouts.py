"""Printing appointments: the family's slip, a professional's day agenda, the call list.

Services for the CLI and the GUI runner: each needs ``PRINT`` and
``APPOINTMENTS``, reads with the given session (never commits), builds the PDF
in the form's language (default: the interface language), writes it to
``out_path`` atomically and audits the print — one entry per appointment on
paper, by uid, plus one for the printout itself. Run them as writes
(``Database.write`` / ``runner.write``). Importing this module loads ReportLab.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import i18n
from familydesk.appointments.agenda_sheet import AgendaData, agenda_pdf
from familydesk.appointments.call_list_sheet import CallListData, call_list_pdf
from familydesk.appointments.names import SERVICE_NAMES, WHAT_TO_BRING
from familydesk.appointments.queries import (
    AppointmentRow,
    appointments_between,
    call_list,
    get_appointment,
)
from familydesk.appointments.slip import SeriesDate, SlipData, slip_pdf
from familydesk.db.models.appointments import Appointment, Place, Room, Service, Staff
from familydesk.forms.base import FormLanguage
from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError, NotFoundError
from familydesk.kernel.files import write_atomically
from familydesk.registry.centre import get_centre
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)

#: Statuses still to be held (the slip lists the series' dates in these).
ACTIVE = ("booked", "confirmed")


@dataclass(frozen=True)
class Printout:
    path: Path
    #: How many appointments are on paper.
    appointments: int


def service_texts(service: Service, lang: FormLanguage) -> tuple[str, str]:
    """The service's name and what to bring, in the form's language (the centre's own
    wording as written)."""
    name = service.name or lang(SERVICE_NAMES.get(service.key, service.key))
    bring = service.what_to_bring
    if not bring and service.key in WHAT_TO_BRING:
        bring = lang(WHAT_TO_BRING[service.key])
    return name, bring


def _in_language(
    session: Session, rows: list[AppointmentRow], lang: FormLanguage
) -> tuple[AppointmentRow, ...]:
    """``rows`` with the services named in the form's language."""
    names = {s.id: service_texts(s, lang)[0] for s in session.scalars(select(Service))}
    return tuple(replace(r, service=names.get(r.service_id, r.service)) for r in rows)


def _next_dates(session: Session, row: AppointmentRow) -> tuple[SeriesDate, ...]:
    if row.series_id is None:
        return ()
    query = (
        select(
            Appointment.series_index,
            Appointment.starts_at,
            Appointment.ends_at,
            Place.name,
            Room.name,
        )
        .join(Place, Place.id == Appointment.place_id)
        .outerjoin(Room, Room.id == Appointment.room_id)
        .where(
            Appointment.series_id == row.series_id,
            Appointment.starts_at > row.starts_at,
            Appointment.status.in_(ACTIVE),
        )
        .order_by(Appointment.starts_at, Appointment.id)
    )
    return tuple(
        SeriesDate(index, start, end, place, room or "")
        for index, start, end, place, room in session.execute(query)
    )


def _deliver(
    session: Session,
    pdf: bytes,
    out_path: Path,
    rows: tuple[AppointmentRow, ...],
    note: str,
    about: tuple[str, str] | None = None,
) -> Printout:
    """Audit the print, then write the file: an entry per appointment on paper (by uid) and,
    for a list, one for the printout itself (``about``: the table and uid it is about)."""
    session.flush()  # pending entries first: the bulk insert below goes straight in
    audit.append_bulk(session, "print", "appointment", [r.uid for r in rows], note=note)
    if about is not None:
        audit.record(session, "print", note=note, table_name=about[0], record_uid=about[1])
    session.flush()
    return Printout(write_atomically(out_path, pdf), len(rows))


def print_slip(
    session: Session,
    appointment: int | str,
    out_path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Printout:
    """The slip of one appointment (by id or uid) for the family, written to ``out_path``.

    Refuses a cancelled appointment; ``NotFoundError`` if it is gone.
    """
    permissions.require(session, permissions.PRINT)
    permissions.require(session, permissions.APPOINTMENTS)
    row = get_appointment(session, appointment)
    if row.status == "cancelled":
        raise FamilyDeskError(_("This appointment is cancelled: there is no slip to print."))
    code = language or i18n.current_language()
    lang = FormLanguage.of(code)
    service = session.get(Service, row.service_id)
    assert service is not None, "an appointment always has its service"
    name, bring = service_texts(service, lang)
    data = SlipData(replace(row, service=name), name, bring, _next_dates(session, row))
    pdf = slip_pdf(data, get_centre(session), code, today)
    printed = _deliver(session, pdf, out_path, (row,), "appointment slip")
    log.info("Printed the slip of appointment %s (%s)", row.id, lang.code)
    return printed


def _day_span(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def print_agenda(
    session: Session,
    staff_id: int,
    day: date,
    out_path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Printout:
    """One staff member's appointments on ``day`` (cancelled ones struck through),
    also those they interpret in, written to ``out_path``."""
    permissions.require(session, permissions.PRINT)
    permissions.require(session, permissions.APPOINTMENTS)
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFoundError(_("This staff member no longer exists."))
    code = language or i18n.current_language()
    lang = FormLanguage.of(code)
    rows = _in_language(
        session, appointments_between(session, *_day_span(day), staff_id=staff_id), lang
    )
    data = AgendaData(staff.id, staff.name, staff.profession, day, rows)
    pdf = agenda_pdf(data, get_centre(session), code, today)
    printed = _deliver(
        session,
        pdf,
        out_path,
        rows,
        f"agenda {day.isoformat()}: {len(rows)}",
        about=("staff", str(staff.uid)),
    )
    log.info("Printed the agenda of staff %s for %s (%d appointments)", staff.id, day, len(rows))
    return printed


def print_call_list(
    session: Session,
    day: date,
    out_path: Path,
    language: str | None = None,
    today: date | None = None,
) -> Printout:
    """The booked and confirmed appointments of ``day``, grouped by family with their
    phones, to call and confirm; written to ``out_path``."""
    permissions.require(session, permissions.PRINT)
    permissions.require(session, permissions.APPOINTMENTS)
    code = language or i18n.current_language()
    lang = FormLanguage.of(code)
    rows = _in_language(session, call_list(session, day), lang)
    pdf = call_list_pdf(CallListData(day, rows), get_centre(session), code, today)
    printed = _deliver(
        session,
        pdf,
        out_path,
        rows,
        f"call list {day.isoformat()}: {len(rows)}",
        about=("appointment", ""),
    )
    log.info("Printed the call list for %s (%d appointments)", day, len(rows))
    return printed

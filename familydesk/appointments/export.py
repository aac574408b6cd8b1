"""Exporting appointments: iCalendar (.ics) for calendar programs, CSV and JSON.

The period is whole days, both included; cancelled appointments are kept
(``STATUS:CANCELLED`` in a calendar, so a program that imported them before
removes them). Times are the centre's wall-clock times in Europe/Rome: the
calendar carries ``TZID=Europe/Rome`` and its VTIMEZONE, JSON an ISO time with
its UTC offset. CSV speaks the family export's language: ``;``, UTF-8 with a
BOM, Italian column names, dd/mm/yyyy dates. Names of families appear (a
calendar entry must say who comes); phones, notes and cancellation reasons
(free text that may tell why) are left out.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk import APP_NAME, __version__
from familydesk.appointments.names import STATUSES
from familydesk.appointments.queries import AppointmentRow, appointments_between
from familydesk.db.models.appointments import Staff
from familydesk.db.models.registry import Family, Person
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.kernel.tabular import Exported, check_period, write_csv, write_export
from familydesk.kernel.text import hhmm
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)

FORMATS = ("ics", "csv", "json")
#: Appointment statuses as calendar programs know them.
ICS_STATUS = {
    "booked": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "done": "CONFIRMED",
    "no_show": "CONFIRMED",
    "cancelled": "CANCELLED",
}
CSV_COLUMNS = (
    "uid",
    "data",
    "ora_inizio",
    "ora_fine",
    "minuti",
    "stato",
    "servizio",
    "per",
    "famiglia_uid",
    "persona_uid",
    "professionista",
    "interprete",
    "sede",
    "indirizzo",
    "comune",
    "stanza",
    "incontro_serie",
    "prenotato_da",
)


def _uids(session: Session, rows: Sequence[AppointmentRow]) -> dict[tuple[str, int], str]:
    """The uids of the families and people of ``rows`` (exports name records by uid)."""
    found: dict[tuple[str, int], str] = {}
    for kind, model, ids in (
        ("family", Family, {r.family_id for r in rows}),
        ("person", Person, {r.person_id for r in rows}),
    ):
        wanted = sorted(i for i in ids if i is not None)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for id_, uid in session.execute(select(model.id, model.uid).where(model.id.in_(chunk))):
                found[kind, id_] = str(uid)
    return found


def _where(row: AppointmentRow) -> str:
    return ", ".join(p for p in (row.place, row.address, row.comune, row.room) if p)


def calendar_bytes(
    rows: Sequence[AppointmentRow], first: date, last: date, now: datetime | None = None
) -> bytes:
    """An iCalendar file of ``rows``: one VEVENT each, ``uid@familydesk``, Europe/Rome times.

    Pure (any thread); texts in the interface language.
    """
    from icalendar import Calendar, Event

    stamp = (now or clock.utcnow()).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//{APP_NAME} {__version__}//IT")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("{app} appointments").format(app=APP_NAME))
    calendar.add("x-wr-timezone", clock.ROME.key)
    for row in rows:
        event = Event()
        event.add("uid", f"{row.uid}@familydesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", row.starts_at.replace(tzinfo=clock.ROME))
        event.add("dtend", row.ends_at.replace(tzinfo=clock.ROME))
        who = row.person or row.family
        event.add("summary", f"{row.service} – {who}" if who else row.service)
        event.add("location", _where(row))
        event.add("status", ICS_STATUS.get(row.status, "TENTATIVE"))
        event.add("sequence", max(row.version - 1, 0))
        lines = [_("Professional: {name}").format(name=row.staff)]
        if row.interpreter:
            lines.append(_("Interpreter: {name}").format(name=row.interpreter))
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    calendar.add_missing_timezones(date(first.year - 1, 1, 1), date(last.year + 2, 1, 1))
    return calendar.to_ical()


def _csv_rows(
    rows: Sequence[AppointmentRow], uids: dict[tuple[str, int], str]
) -> list[list[object]]:
    return [
        [
            r.uid,
            r.starts_at.strftime("%d/%m/%Y"),
            hhmm(r.starts_at),
            hhmm(r.ends_at),
            r.minutes,
            _(STATUSES.get(r.status, r.status)),
            r.service,
            r.person or r.family,
            uids.get(("family", r.family_id or 0), ""),
            uids.get(("person", r.person_id or 0), ""),
            r.staff,
            r.interpreter,
            r.place,
            r.address,
            r.comune,
            r.room,
            r.series_index or "",
            r.booked_by,
        ]
        for r in rows
    ]


def _documents(
    rows: Sequence[AppointmentRow], uids: dict[tuple[str, int], str]
) -> list[dict[str, object]]:
    return [
        {
            "uid": r.uid,
            "start": r.starts_at.replace(tzinfo=clock.ROME).isoformat(),
            "end": r.ends_at.replace(tzinfo=clock.ROME).isoformat(),
            "minutes": r.minutes,
            "status": r.status,
            "service": r.service,
            "who": r.person or r.family or None,
            "family_uid": uids.get(("family", r.family_id or 0)),
            "person_uid": uids.get(("person", r.person_id or 0)),
            "professional": r.staff,
            "interpreter": r.interpreter or None,
            "place": r.place,
            "address": r.address,
            "comune": r.comune,
            "room": r.room or None,
            "series_index": r.series_index,
            "booked_by": r.booked_by,
        }
        for r in rows
    ]


def export_appointments(
    session: Session,
    first: date,
    last: date,
    fmt: str,
    out: Path | None = None,
    stream: IO[str] | None = None,
    staff_id: int | None = None,
) -> Exported:
    """The appointments from ``first`` to ``last`` (both included), of one staff member
    when ``staff_id`` is given, written as ``fmt`` to ``out`` (atomically) or ``stream``.

    Needs ``EXPORT`` and ``APPOINTMENTS``; audited (period, count, the staff uid): run it
    as a write.
    """
    permissions.require(session, permissions.EXPORT)
    if fmt not in FORMATS:
        raise ValidationError("format", _("Format: ics, csv or json."))
    check_period(first, last)
    staff_uid = ""
    if staff_id is not None:
        staff = session.get(Staff, staff_id)
        if staff is None:
            raise NotFoundError(_("This staff member no longer exists."))
        staff_uid = str(staff.uid)
    rows = appointments_between(
        session,
        datetime.combine(first, time()),
        datetime.combine(last + timedelta(days=1), time()),
        staff_id=staff_id,
    )
    uids = _uids(session, rows)

    def produce(fh: IO[str], lineterminator: str) -> int:
        if fmt == "csv":
            return write_csv(_csv_rows(rows, uids), fh, lineterminator, header=CSV_COLUMNS)
        if fmt == "json":
            json.dump(_documents(rows, uids), fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        else:
            fh.write(
                calendar_bytes(rows, first, last).decode("utf-8").replace("\r\n", lineterminator)
            )
        return len(rows)

    audit.record(
        session,
        "export",
        note=f"appointments {fmt} {first}..{last}: {len(rows)}",
        table_name="staff" if staff_uid else "appointment",
        record_uid=staff_uid,
    )
    session.flush()
    exported = write_export(fmt, out, stream, produce)
    log.info("Exported %d appointments as %s", exported.count, fmt)
    return exported

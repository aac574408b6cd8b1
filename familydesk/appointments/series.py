"""Recurring series: weekly or fortnightly, N times or until a date; moving or cancelling
one occurrence or the rest of the series. Every occurrence passes the same checks as a
single booking, in the same transaction: a series is booked whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.appointments.booking import (
    AppointmentInput,
    BookingConflict,
    Checked,
    change_status,
    input_of,
    lock,
    new_appointment,
    refusals,
    validate,
)
from familydesk.appointments.queries import AppointmentRow, get_appointment
from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Appointment, AppointmentSeries
from familydesk.i18n import _, format_date, format_number, ngettext
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from familydesk.scheduling.calendar_rules import Rules, local_now
from familydesk.trust import permissions

MAX_OCCURRENCES = 52


@dataclass(frozen=True)
class SeriesResult:
    series_id: int
    series_uid: str
    booked: tuple[AppointmentRow, ...]
    #: Dates left out because the place was closed or someone was away (skip_unavailable).
    skipped: tuple[tuple[date, str], ...]


def _dates_problem(
    every_weeks: int, occurrences: int | None, until: date | None, first: date
) -> str | None:
    if every_weeks not in (1, 2):
        return _("Repeat: every week or every two weeks.")
    if (occurrences is None) == (until is None):
        return _("Repeat: give either how many times or an end date.")
    if occurrences is not None and not 2 <= occurrences <= MAX_OCCURRENCES:
        return _("How many times: between 2 and {most}.").format(most=MAX_OCCURRENCES)
    if until is not None and not first < until <= first + timedelta(days=366):
        return _("Until: a date after the first appointment and within a year.")
    return None


def book_series(
    session: Session,
    data: AppointmentInput,
    every_weeks: int = 1,
    occurrences: int | None = None,
    until: date | None = None,
    skip_unavailable: bool = False,
    now: datetime | None = None,
) -> SeriesResult:
    """Book a series starting at ``data.starts_at``; refused whole if any date clashes,
    unless ``skip_unavailable`` leaves out dates that cannot be booked (the count is kept)."""
    permissions.require(session, permissions.APPOINTMENTS)
    problem = _dates_problem(every_weeks, occurrences, until, data.starts_at.date())
    if problem:
        raise ValidationError("repeat", problem)
    first = validate(session, data, now or local_now())
    lock(session, first, data.room_id)
    step = timedelta(weeks=every_weeks)
    limit = (occurrences or MAX_OCCURRENCES) * (2 if skip_unavailable else 1)
    last_day = until or (first.start + step * limit).date()
    rules = Rules(session, first.start.date(), last_day, {data.place_id}, first.staff_ids)
    wanted = occurrences or MAX_OCCURRENCES
    chosen: list[Checked] = []
    skipped: list[tuple[date, str]] = []
    refused: list[str] = []
    for n in range(limit):
        start = first.start + step * n
        if (until is not None and start.date() > until) or len(chosen) >= wanted:
            break
        checked = replace(first, start=start, end=first.end + step * n)
        reasons = refusals(session, replace(data, starts_at=start), checked, rules=rules)
        if not reasons:
            chosen.append(checked)
        elif skip_unavailable:
            skipped.append((start.date(), "; ".join(reasons)))
        else:
            refused.append(
                _("{day}: {reasons}").format(
                    day=format_date(start.date()), reasons="; ".join(reasons)
                )
            )
    if refused:
        raise BookingConflict(
            refused[:5]
            + (
                [
                    ngettext("and {n} more date", "and {n} more dates", len(refused) - 5).format(
                        n=format_number(len(refused) - 5)
                    )
                ]
                if len(refused) > 5
                else []
            )
        )
    if occurrences is not None and len(chosen) < occurrences or not chosen:
        raise BookingConflict(
            [
                (
                    ngettext(
                        "only {n} of the dates can be booked",
                        "only {n} of the dates can be booked",
                        len(chosen),
                    ).format(n=format_number(len(chosen)))
                    if chosen
                    else _("none of the dates can be booked")
                )
            ]
        )
    series = AppointmentSeries(every_weeks=every_weeks, occurrences=occurrences, until=until)
    session.add(series)
    session.flush()
    created = [
        new_appointment(session, data, c, series_id=series.id, series_index=i)
        for i, c in enumerate(chosen, start=1)
    ]
    session.flush()
    return SeriesResult(
        series.id,
        str(series.uid),
        tuple(get_appointment(session, a.id) for a in created),
        tuple(skipped),
    )


def _rest(session: Session, appointment: Appointment) -> list[Appointment]:
    """This occurrence and the following ones still to be held."""
    if appointment.series_id is None:
        return [appointment]
    return list(
        session.scalars(
            select(Appointment)
            .where(
                Appointment.series_id == appointment.series_id,
                Appointment.starts_at >= appointment.starts_at,
                Appointment.status.in_(("booked", "confirmed")),
            )
            .order_by(Appointment.starts_at)
        )
    )


def move_rest(
    session: Session,
    appointment_id: int,
    version: int,
    starts_at: datetime,
    now: datetime | None = None,
) -> list[AppointmentRow]:
    """Move this occurrence and the rest of its series by the same shift, all or nothing."""
    permissions.require(session, permissions.APPOINTMENTS)
    appointment = load_for_update(session, Appointment, appointment_id, version)
    if appointment.status not in ("booked", "confirmed"):
        raise FamilyDeskError(_("Only a booked or confirmed appointment can be moved."))
    shift = starts_at.replace(second=0, microsecond=0) - appointment.starts_at
    moving = _rest(session, appointment)
    ids = [a.id for a in moving]
    refused: list[str] = []
    planned = []
    for occurrence in moving:
        data = input_of(occurrence, starts_at=occurrence.starts_at + shift)
        checked = validate(session, data, now or local_now())
        if not planned:  # every occurrence has the same people and room: lock them once
            lock(session, checked, data.room_id)
        reasons = refusals(session, data, checked, exclude=ids)
        if reasons:
            refused.append(
                _("{day}: {reasons}").format(
                    day=format_date(checked.start.date()), reasons="; ".join(reasons)
                )
            )
        planned.append((occurrence, checked))
    if refused:
        raise BookingConflict(refused[:5])
    for occurrence, checked in planned:
        occurrence.starts_at, occurrence.ends_at = checked.start, checked.end
    session.flush()
    return [get_appointment(session, a.id) for a in moving]


def cancel(
    session: Session,
    appointment_id: int,
    version: int,
    reason: str,
    rest_of_series: bool = False,
    now: datetime | None = None,
) -> int:
    """Cancel one appointment, or it and the rest of its series; returns how many."""
    permissions.require(session, permissions.APPOINTMENTS)
    appointment = load_for_update(session, Appointment, appointment_id, version)
    targets = _rest(session, appointment) if rest_of_series else [appointment]
    if appointment not in targets:
        targets.insert(0, appointment)
    for target in targets:
        change_status(target, "cancelled", reason, now or local_now())
    session.flush()
    return len(targets)

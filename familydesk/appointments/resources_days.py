"""Days without appointments beyond national holidays: extra closures of one place
or of all, absences of the staff, and the patron saint's day of each member comune
(a local holiday, stored as ``MM-DD``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.appointments import Absence, Closure, Place, Staff
from familydesk.db.models.registry import MemberComune
from familydesk.i18n import _, format_date
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import clean_text
from familydesk.trust.permissions import require_resources_read, require_resources_write

_DAY_MONTH = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})$")
#: A year that is not a leap year: a patron saint's day must exist every year.
_COMMON_YEAR = 2001


# -- closures -----------------------------------------------------------------
@dataclass(frozen=True)
class ClosureRow:
    id: int
    #: None: every place is closed that day.
    place_id: int | None
    #: Empty when every place is closed.
    place_name: str
    day: date
    reason: str
    version: int


def _closure_row(closure: Closure, place: Place | None) -> ClosureRow:
    return ClosureRow(
        closure.id,
        closure.place_id,
        place.name if place else "",
        closure.day,
        closure.reason,
        closure.version,
    )


def list_closures(session: Session, year: int) -> list[ClosureRow]:
    """The extra closed days of ``year`` by day (holidays are not listed: they are known)."""
    require_resources_read(session)
    query = (
        select(Closure, Place)
        .outerjoin(Place, Place.id == Closure.place_id)
        .where(Closure.day >= date(year, 1, 1), Closure.day <= date(year, 12, 31))
        .order_by(Closure.day, Place.name)
    )
    return [_closure_row(closure, place) for closure, place in session.execute(query)]


def add_closure(
    session: Session, place_id: int | None, day: date | None, reason: str = ""
) -> ClosureRow:
    """Close one place (or all, ``place_id`` None) on ``day``; refuses a day already closed."""
    require_resources_write(session)
    if day is None:
        raise ValidationError("day", _("Day: give the day that is closed, e.g. 24/12/2026."))
    place = session.get(Place, place_id) if place_id is not None else None
    if place_id is not None and place is None:
        raise ValidationError("place_id", _("Place: choose one from the list, or all places."))
    reason = clean_text("reason", _("Reason"), reason, 200)
    same_day = session.scalars(select(Closure).where(Closure.day == day)).all()
    if any(c.place_id is None for c in same_day):
        raise ValidationError(
            "day", _("Day: every place is already closed on {day}.").format(day=format_date(day))
        )
    if place is not None and any(c.place_id == place.id for c in same_day):
        raise ValidationError(
            "day",
            _("Day: {place} is already closed on {day}.").format(
                place=place.name, day=format_date(day)
            ),
        )
    closure = Closure(place_id=place_id, day=day, reason=reason)
    session.add(closure)
    session.flush()
    return _closure_row(closure, place)


def remove_closure(session: Session, closure_id: int, version: int) -> None:
    require_resources_write(session)
    session.delete(load_for_update(session, Closure, closure_id, version))
    session.flush()


# -- absences -----------------------------------------------------------------
@dataclass(frozen=True)
class AbsenceRow:
    id: int
    staff_id: int
    staff_name: str
    first_day: date
    #: Inclusive.
    last_day: date
    reason: str
    version: int


def list_absences(
    session: Session, staff_id: int | None = None, from_day: date | None = None
) -> list[AbsenceRow]:
    """Absences by first day: of one staff member (``staff_id``), ending on or after
    ``from_day`` (when given)."""
    require_resources_read(session)
    query = select(Absence, Staff.name).join(Staff, Staff.id == Absence.staff_id)
    if staff_id is not None:
        query = query.where(Absence.staff_id == staff_id)
    if from_day is not None:
        query = query.where(Absence.last_day >= from_day)
    query = query.order_by(Absence.first_day, func.lower(Staff.name))
    return [
        AbsenceRow(a.id, a.staff_id, name, a.first_day, a.last_day, a.reason, a.version)
        for a, name in session.execute(query)
    ]


def add_absence(
    session: Session, staff_id: int, first_day: date | None, last_day: date | None, reason: str = ""
) -> AbsenceRow:
    """Record that a staff member is away from ``first_day`` to ``last_day`` (inclusive);
    refuses days that overlap one of their absences."""
    require_resources_write(session)
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise ValidationError("staff_id", _("Staff: choose a professional or mediator first."))
    if first_day is None:
        raise ValidationError("first_day", _("From: give the first day of the absence."))
    if last_day is None:
        raise ValidationError("last_day", _("To: give the last day of the absence."))
    if last_day < first_day:
        raise ValidationError(
            "last_day",
            _("To: the last day ({last}) comes before the first ({first}).").format(
                last=format_date(last_day), first=format_date(first_day)
            ),
        )
    reason = clean_text("reason", _("Reason"), reason, 200)
    clash = session.scalar(
        select(Absence).where(
            Absence.staff_id == staff.id,
            Absence.first_day <= last_day,
            Absence.last_day >= first_day,
        )
    )
    if clash is not None:
        raise ValidationError(
            "first_day",
            _("From: {name} is already away from {first} to {last}.").format(
                name=staff.name,
                first=format_date(clash.first_day),
                last=format_date(clash.last_day),
            ),
        )
    absence = Absence(staff_id=staff.id, first_day=first_day, last_day=last_day, reason=reason)
    session.add(absence)
    session.flush()
    return AbsenceRow(
        absence.id, staff.id, staff.name, first_day, last_day, reason, absence.version
    )


def remove_absence(session: Session, absence_id: int, version: int) -> None:
    require_resources_write(session)
    session.delete(load_for_update(session, Absence, absence_id, version))
    session.flush()


# -- patron saints' days ----------------------------------------------------
@dataclass(frozen=True)
class PatronDayRow:
    comune_id: int
    comune_name: str
    #: "MM-DD", empty when the comune has none recorded.
    patron_day: str
    patron_saint: str
    #: The member comune's version (the same record as in the member comuni list).
    version: int


def patron_day_text(stored: str) -> str:
    """``"09-19"`` -> ``"19/09"`` (dd/mm, as typed); empty stays empty."""
    if not stored:
        return ""
    month, day = stored.split("-")
    return f"{day}/{month}"


def parse_patron_day(value: str | tuple[int, int] | None) -> str:
    """``"19/09"`` (also ``19-9``, ``19.09``) or ``(9, 19)`` (month, day) -> ``"09-19"``;
    empty -> ``""``. ``ValidationError`` (field ``patron_day``) for a day that is not in
    every year."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, tuple):
        month, day = value
    else:
        match = _DAY_MONTH.match(value.strip())
        if match is None:
            raise ValidationError(
                "patron_day", _("Patron saint's day: write it as dd/mm, for example 19/09.")
            )
        day, month = int(match.group(1)), int(match.group(2))
    if (month, day) == (2, 29):
        raise ValidationError(
            "patron_day",
            _("Patron saint's day: 29/02 is not in every year; choose 28/02 or 01/03."),
        )
    try:
        date(_COMMON_YEAR, month, day)
    except ValueError:
        raise ValidationError(
            "patron_day",
            _(
                "Patron saint's day: {day}/{month} is not a day of the year; write it as dd/mm, "
                "for example 19/09."
            ).format(day=day, month=month),
        ) from None
    return f"{month:02d}-{day:02d}"


def _patron_row(comune: MemberComune) -> PatronDayRow:
    return PatronDayRow(
        comune.id, comune.name, comune.patron_day, comune.patron_saint, comune.version
    )


def list_patron_days(session: Session) -> list[PatronDayRow]:
    """Every member comune with its patron saint's day (empty when none is recorded)."""
    require_resources_read(session)
    query = select(MemberComune).order_by(MemberComune.position, MemberComune.name)
    return [_patron_row(c) for c in session.scalars(query)]


def set_patron_day(
    session: Session,
    comune_id: int,
    version: int,
    day: str | tuple[int, int] | None,
    saint: str = "",
) -> PatronDayRow:
    """Record (or clear, with an empty ``day`` and ``saint``) a comune's patron saint's day:
    ``day`` typed "DD/MM" or given as (month, day). A saint without a day is refused."""
    require_resources_write(session)
    stored = parse_patron_day(day)
    saint = clean_text("patron_saint", _("Patron saint"), saint, 100)
    if saint and not stored:
        raise ValidationError(
            "patron_day",
            _("Patron saint's day: give the day of {saint}, for example 19/09.").format(
                saint=saint
            ),
        )
    comune = load_for_update(session, MemberComune, comune_id, version)
    comune.patron_day, comune.patron_saint = stored, saint
    session.flush()
    return _patron_row(comune)

"""When a place is open and a professional is in: holidays, patron days, closures, absences.

Italian public holidays come from the ``holidays`` library (Easter Monday,
and 4 October again from 2026); each member comune adds its patron saint's
day. A :class:`Rules` object loads what it needs for a span of days once, so
series and the free-slot finder ask it many questions without a query each.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from functools import lru_cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from familydesk.db.models.appointments import Absence, Closure, OpeningHours, Place, Staff
from familydesk.db.models.registry import MemberComune
from familydesk.i18n import _, babel_locale, current_language, format_date
from familydesk.kernel import clock
from familydesk.kernel.text import hhmm


def local_now() -> datetime:
    """Now, as the naive wall-clock time appointments are stored in."""
    return clock.local_now().replace(second=0, microsecond=0)


@lru_cache(maxsize=64)
def national_holidays(year: int, language: str = "it") -> dict[date, str]:
    """Italy's public holidays of ``year``, named in ``language`` (it or en)."""
    # Imported here: the ``holidays`` library costs ~85 ms to import (every country's
    # calendars), and a window opens without computing a calendar.
    import holidays as holiday_library

    return dict(
        holiday_library.Italy(years=year, language="it_IT" if language == "it" else "en_US").items()
    )


class Rules:
    """The calendar rules for some places and staff over a span of days."""

    def __init__(
        self,
        session: Session,
        first_day: date,
        last_day: date,
        place_ids: set[int],
        staff_ids: set[int],
    ) -> None:
        self.first_day, self.last_day = first_day, last_day
        places = session.execute(
            select(
                Place.id,
                Place.name,
                Place.active,
                MemberComune.name,
                MemberComune.patron_day,
                MemberComune.patron_saint,
            )
            .join(MemberComune, MemberComune.id == Place.comune_id)
            .where(Place.id.in_(place_ids))
        ).all()
        self.places = {row[0]: row for row in places}
        self.hours: dict[tuple[int, int], list[tuple[time, time]]] = defaultdict(list)
        for hours in session.scalars(
            select(OpeningHours)
            .where(OpeningHours.place_id.in_(place_ids))
            .order_by(OpeningHours.opens)
        ):
            self.hours[hours.place_id, hours.weekday].append((hours.opens, hours.closes))
        self.closures: dict[tuple[int | None, date], str] = {}
        for closure in session.scalars(
            select(Closure).where(
                Closure.day.between(first_day, last_day),
                or_(Closure.place_id.is_(None), Closure.place_id.in_(place_ids)),
            )
        ):
            self.closures[closure.place_id, closure.day] = closure.reason
        self.staff = {
            s.id: s for s in session.scalars(select(Staff).where(Staff.id.in_(staff_ids)))
        }
        self.absences: dict[int, list[Absence]] = defaultdict(list)
        for absence in session.scalars(
            select(Absence).where(
                Absence.staff_id.in_(staff_ids),
                Absence.first_day <= last_day,
                Absence.last_day >= first_day,
            )
        ):
            self.absences[absence.staff_id].append(absence)

    # -- places --------------------------------------------------------------
    def closed_reason(self, place_id: int, day: date, hours: bool = True) -> str | None:
        """Why ``place_id`` is closed all day on ``day``, or None when it opens.

        ``hours=False`` leaves out the opening-hours rule (a place with no desk hours that
        day still hosts evening groups); holidays, patron day and closures still count."""
        place = self.places.get(place_id)
        if place is None or not place[2]:
            return _("this place is no longer in use")
        national = national_holidays(day.year, current_language()).get(day)
        if national:
            return _("{day} is a public holiday ({name})").format(
                day=format_date(day), name=national
            )
        if place[4] == day.strftime("%m-%d"):
            saint = place[5] or _("patron saint's day")
            return _("{day} is the patron saint's day in {comune} ({saint})").format(
                day=format_date(day), comune=place[3], saint=saint
            )
        for key in ((place_id, day), (None, day)):
            if key in self.closures:
                reason = self.closures[key] or _("closed")
                return _("{place} is closed on {day}: {reason}").format(
                    place=place[1], day=format_date(day), reason=reason
                )
        if hours and not self.hours.get((place_id, day.weekday())):
            return _("{place} is not open on {weekday}").format(
                place=place[1], weekday=_weekday_name(day)
            )
        return None

    def opening_intervals(self, place_id: int, day: date) -> list[tuple[datetime, datetime]]:
        """The place's opening intervals on ``day`` (empty when it is closed)."""
        if self.closed_reason(place_id, day) is not None:
            return []
        return [
            (datetime.combine(day, opens), datetime.combine(day, closes))
            for opens, closes in self.hours[place_id, day.weekday()]
        ]

    def place_refusal(self, place_id: int, start: datetime, end: datetime) -> str | None:
        """Why the place cannot host ``start``-``end``, or None."""
        if start.date() != end.date():
            return _("an appointment must start and end on the same day")
        closed = self.closed_reason(place_id, start.date())
        if closed:
            return closed
        intervals = self.opening_intervals(place_id, start.date())
        if any(opens <= start and end <= closes for opens, closes in intervals):
            return None
        hours = ", ".join(f"{hhmm(a)}-{hhmm(b)}" for a, b in intervals)
        return _("on {weekday} {place} is open only {hours}").format(
            place=self.places[place_id][1], weekday=_weekday_name(start.date()), hours=hours
        )

    # -- staff ---------------------------------------------------------------
    def staff_refusal(self, staff_id: int, day: date) -> str | None:
        """Why the professional or interpreter cannot work on ``day``, or None."""
        staff = self.staff.get(staff_id)
        if staff is None or not staff.active:
            return _("this professional is no longer available")
        for absence in self.absences.get(staff_id, ()):
            if absence.first_day <= day <= absence.last_day:
                return _("{name} is away from {first} to {last}{reason}").format(
                    name=staff.name,
                    first=format_date(absence.first_day),
                    last=format_date(absence.last_day),
                    reason=f" ({absence.reason})" if absence.reason else "",
                )
        return None


def _weekday_name(day: date) -> str:
    from babel.dates import format_date as babel_format

    return babel_format(day, "EEEE", locale=babel_locale())

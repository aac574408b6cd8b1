"""Demo parenting groups: a year of groups across the six comuni, and three months ahead.

``plan_groups`` runs in the activity step before any appointment is booked:
it takes the groups' rooms and educators in the in-memory :class:`Planner`
(so appointments, booked next, keep out of them) and writes groups, educators,
sessions, sign-ups and attendance with Core inserts. Sessions follow a weekly
pattern, skipping public holidays, the comune's patron day and closures and
keeping the count by going on past them; a few are cancelled with a reason,
one course gets a make-up session. Sign-ups, waiting lists, withdrawals,
promotions, walk-ins and attendance come from :mod:`familydesk.demo.group_signups`.
``tests/demo/test_groups.py`` proves the rules with plain SQL.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.groups import Attendance, Enrolment, Group, GroupEducator, GroupSession
from familydesk.db.models.registry import Operator
from familydesk.demo import group_signups as signups
from familydesk.demo.appointments import local
from familydesk.demo.group_names import CANCEL_REASONS, EDUCATORS, GROUPS, GroupSpec
from familydesk.demo.planner import Planner
from familydesk.demo.resources import DemoCalendar, DemoPlace, minutes
from familydesk.demo.rows import RowWriter, advance_sequences
from familydesk.kernel import clock
from familydesk.scheduling.calendar_rules import national_holidays
from familydesk.trust.operators import DEMO_PASSWORD, hash_password

GROUP_TABLES = ("parent_group", "group_educator", "group_session", "enrolment", "attendance")


@dataclass(frozen=True)
class GroupsSummary:
    groups: int = 0
    sessions: int = 0
    enrolments: int = 0
    waiting: int = 0
    marks: int = 0


@dataclass
class _Session:
    starts: datetime
    ends: datetime
    place_id: int
    room_id: int
    topic: str = ""
    cancelled: bool = False
    reason: str = ""
    extra: bool = False


def closed(cal: DemoCalendar, place_id: int, day: date) -> bool:
    """A public holiday, the comune's patron day or a closure (opening hours do not count:
    groups keep their own)."""
    return (
        day in national_holidays(day.year)
        or day.strftime("%m-%d") == cal.places[place_id].patron
        or (None, day) in cal.closures
        or (place_id, day) in cal.closures
    )


def educators(session: Session) -> list[int]:
    """Operator ids of three educators: the demo's, with more made when it has fewer."""
    found = list(
        session.scalars(
            select(Operator.id)
            .where(Operator.role == "educator", Operator.active.is_(True))
            .order_by(Operator.id)
        )
    )
    if len(found) >= 3:
        return found[:3]
    taken = set(session.scalars(select(Operator.username)))
    password = session.scalar(select(Operator.password_hash).where(Operator.username == "educator"))
    if password is None:
        password = hash_password(DEMO_PASSWORD)
    for username, full_name in EDUCATORS:
        if len(found) >= 3:
            break
        if username not in taken:
            operator = Operator(
                username=username, full_name=full_name, role="educator", password_hash=password
            )
            session.add(operator)
            session.flush()
            found.append(operator.id)
    return found


def _places(cal: DemoCalendar) -> dict[str, DemoPlace]:
    """The first place of each comune (benchmarks have copies of every place)."""
    places: dict[str, DemoPlace] = {}
    for place_id in sorted(cal.places):
        places.setdefault(cal.places[place_id].comune, cal.places[place_id])
    return places


def _slot(
    planner: Planner, place: DemoPlace, day: date, spec: GroupSpec, leads: list[int], start: int
) -> int | None:
    """A room of ``place`` free for the session (the group's own first), taken with its
    educators; None when the day is closed or nothing is free."""
    if closed(planner.cal, place.id, day):
        return None
    first = spec.room % len(place.rooms)
    for room_id in place.rooms[first:] + place.rooms[:first]:
        keys = [("r", room_id)] + [("e", e) for e in leads]
        if planner.reserve(keys, day, start, start + spec.minutes):
            return room_id
    return None


def plan_sessions(
    planner: Planner, spec: GroupSpec, places: list[DemoPlace], first_day: date, leads: list[int]
) -> list[_Session]:
    """The pattern's sessions (a place each, in turn, for a consortium-wide course)."""
    start = minutes(spec.starts)
    sessions: list[_Session] = []
    day = first_day
    for _week in range(3 * spec.sessions):
        if len(sessions) >= spec.sessions:
            break
        place = places[len(sessions) % len(places)]
        room_id = _slot(planner, place, day, spec, leads, start)
        if room_id is not None:
            topic = spec.topics[len(sessions)] if len(spec.topics) > len(sessions) else ""
            sessions.append(
                _Session(
                    local(day, start), local(day, start + spec.minutes), place.id, room_id, topic
                )
            )
        day += timedelta(weeks=spec.every_weeks)
    return sessions


def _cancel(
    rng: random.Random,
    planner: Planner,
    spec: GroupSpec,
    sessions: list[_Session],
    leads: list[int],
    now: datetime,
    forced: bool,
) -> None:
    """Cancel a few sessions with a reason; a course that lost one in the past gets a
    make-up session after its last one."""
    chosen = [s for s in sessions[1:-1] if rng.random() < 0.05]
    if forced and len(sessions) > 5:  # exactly one, made up at the end
        chosen = [sessions[4]]
    for item in chosen:
        item.cancelled, item.reason = True, rng.choice(CANCEL_REASONS)
    if not forced or not any(s.cancelled and s.starts < now for s in sessions):
        return
    last = sessions[-1]
    day = last.starts.date()
    place = planner.cal.places[last.place_id]
    for _week in range(4):
        day += timedelta(weeks=spec.every_weeks)
        room_id = _slot(planner, place, day, spec, leads, minutes(spec.starts))
        if room_id is not None:
            lost = next(s for s in sessions if s.cancelled)
            topic = f"Recupero: {lost.topic}" if lost.topic else "Incontro di recupero"
            sessions.append(
                _Session(
                    local(day, minutes(spec.starts)),
                    local(day, minutes(spec.starts) + spec.minutes),
                    place.id,
                    room_id,
                    topic[:200],
                    extra=True,
                )
            )
            return


_MODELS = (Group, GroupEducator, GroupSession, Enrolment, Attendance)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=clock.ROME).astimezone(UTC)


def plan_groups(session: Session, planner: Planner, seed: int, now: datetime) -> GroupsSummary:
    """Plan and write the demo's groups around ``now`` (local wall-clock time)."""
    rng = random.Random(f"groups-{seed}")
    places = _places(planner.cal)
    if not places:
        return GroupsSummary()
    leads_all = educators(session)
    homes = signups.load_households(session)
    now_utc = _aware(now)
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    rows = RowWriter(session, rng, _MODELS)
    counts = {"groups": 0, "sessions": 0, "enrolments": 0, "waiting": 0, "marks": 0}
    for index, spec in enumerate(GROUPS):
        where = list(places.values()) if spec.comune == "*" else [places.get(spec.comune)]
        if None in where:
            continue
        leads = [leads_all[index % len(leads_all)]]
        if spec.capacity >= 20 and len(leads_all) > 1:
            leads.append(leads_all[(index + 1) % len(leads_all)])
        first_day = monday + timedelta(weeks=spec.week, days=spec.weekday)
        sessions = plan_sessions(planner, spec, where, first_day, leads)  # type: ignore[arg-type]
        if not sessions:
            continue
        _cancel(rng, planner, spec, sessions, leads, now, forced=index == 0)
        start = min(s.starts for s in sessions if not s.cancelled).date()
        last = max(s.starts for s in sessions if not s.cancelled).date()
        opens = start - timedelta(days=35)
        closes = last if spec.rolling else start - timedelta(days=3)
        made = min(_aware(local(opens - timedelta(days=10), 600)), now_utc)
        group_id = rows.add(
            Group,
            made,
            title=spec.title,
            kind=spec.kind,
            description=spec.description,
            place_id=where[0].id,
            room_id=sessions[0].room_id,
            target=spec.target,  # type: ignore[union-attr]
            age_from=spec.ages[0] if spec.ages else None,
            age_to=spec.ages[1] if spec.ages else None,
            age_unit=spec.ages[2] if spec.ages else "years",
            capacity=spec.capacity,
            capacity_per=spec.capacity_per,
            signup_opens=opens,
            signup_closes=None if spec.rolling else closes,
            language="it",
            cost_cents=spec.cost_cents,
            cost_note=spec.cost_note,
            completion_percent=spec.completion_percent,
            cancelled=False,
        )
        for operator_id in leads:
            rows.add(GroupEducator, made, group_id=group_id, operator_id=operator_id)
        session_ids = [
            rows.add(
                GroupSession,
                made,
                group_id=group_id,
                starts_at=s.starts,
                ends_at=s.ends,
                place_id=s.place_id,
                room_id=s.room_id,
                topic=s.topic,
                cancelled=s.cancelled,
                cancel_reason=s.reason,
                extra=s.extra,
            )
            for s in sessions
        ]
        held = [
            (i, s)
            for i, s in zip(session_ids, sessions, strict=True)
            if not s.cancelled and s.starts < now
        ]
        pool = signups.candidates(rng, spec, homes, start)
        units = signups.sign_ups(
            rng, spec, pool, (opens, closes), last, now_utc, call_today=index == 0
        )
        came = signups.walk_ins(rng, spec, units, pool, [s.starts for _i, s in held])
        enrolment_ids = [_enrol(rows, group_id, unit) for unit in units]
        for n, at, mark in signups.marks(rng, units, [s.starts for _i, s in held], came):
            session_id, item = held[at]
            for enrolment_id in enrolment_ids[n]:
                rows.add(
                    Attendance,
                    _aware(item.ends),
                    session_id=session_id,
                    enrolment_id=enrolment_id,
                    mark=mark,
                )
                counts["marks"] += 1
        counts["groups"] += 1
        counts["sessions"] += len(sessions)
        counts["enrolments"] += sum(len(u.people) for u in units)
        counts["waiting"] += sum(len(u.people) for u in units if u.status == "waiting")
    rows.write()
    advance_sequences(session, GROUP_TABLES)
    return GroupsSummary(**counts)


def _enrol(rows: RowWriter, group_id: int, unit: signups.Unit) -> list[int]:
    """The unit's enrolment rows (one per person); returns their ids."""
    return [
        rows.add(
            Enrolment,
            unit.at,
            group_id=group_id,
            person_id=person_id,
            family_id=unit.family_id,
            status=unit.status,
            signed_up_at=unit.at,
            signed_up_on=unit.at.astimezone(clock.ROME).date(),
            enrolled_on=unit.enrolled_on,
            withdrawn_on=unit.withdrawn_on,
            withdraw_reason=unit.reason,
            to_inform=unit.to_inform,
            informed_on=unit.informed_on,
            walk_in=unit.walk_in,
            signed_up_by="educator" if unit.walk_in else "reception",
            note="",
        )
        for person_id in unit.people
    ]

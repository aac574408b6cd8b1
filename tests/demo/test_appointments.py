"""The demo's appointments and walk-in contacts obey every rule a desk would enforce.

The demo plans in memory and writes with Core inserts, bypassing the booking
service: here plain SQL proves there is no double booking, and
``calendar_rules.Rules`` (what the booking service asks) accepts every
appointment: opening hours, open day, staff present.
"""

from __future__ import annotations

import itertools
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from familydesk.appointments.professions import gives
from familydesk.appointments.queries import appointments_between, week_of
from familydesk.db.actor import Actor
from familydesk.db.database import Database
from familydesk.db.models.appointments import Appointment, AppointmentSeries, Service, Staff
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.db.models.registry import Family, MemberComune, Operator, Person
from familydesk.demo import ActivitySize, fill_demo
from familydesk.frontdesk import open_follow_ups, today_queue
from familydesk.scheduling.calendar_rules import Rules, local_now, national_holidays
from familydesk.trust.opening import open_database
from tests.conftest import PgServer

FAMILIES = 300


def _filled(
    pg_server: PgServer | None,
    template: str,
    folder: Path,
    now: datetime | None,
    families: int = FAMILIES,
) -> Iterator[tuple[Database, datetime]]:
    name = f"fd_demo_{uuid.uuid4().hex[:10]}"
    if pg_server is not None:
        location = pg_server.create(name, template=template)
    else:
        location = str(folder / f"{name}.sqlite3")
        shutil.copyfile(template, location)
    database = open_database(location, actor=Actor("tester", "admin"))
    now = now or local_now()
    database.write(fill_demo, families=families, seed=3, now=now)
    yield database, now
    database.dispose()
    if pg_server is not None:
        pg_server.drop(name)


@pytest.fixture(scope="module")
def demo(
    pg_server: PgServer | None, template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, datetime]]:
    """The default demo, filled today (the rules must hold whatever the day)."""
    yield from _filled(pg_server, template, tmp_path_factory.mktemp("demo"), None)


@pytest.fixture(scope="module")
def year_end(
    pg_server: PgServer | None, template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, datetime]]:
    """A smaller demo filled on a Monday between Christmas and New Year of a leap year."""
    yield from _filled(
        pg_server,
        template,
        tmp_path_factory.mktemp("year_end"),
        datetime(2027, 12, 27, 11, 40),
        families=60,
    )


OVERLAPS = {
    "professional": "a.staff_id = b.staff_id AND a.id < b.id",
    "interpreter": "a.interpreter_id = b.interpreter_id AND a.id < b.id",
    "professional and interpreter": "a.staff_id = b.interpreter_id",
    "room": "a.room_id = b.room_id AND a.id < b.id",
    "family": "a.family_id = b.family_id AND a.id < b.id",
}


@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_no_double_booking(which: str, request: pytest.FixtureRequest) -> None:
    database, _now = request.getfixturevalue(which)
    for resource, same in OVERLAPS.items():
        clashes = database.read(
            lambda s, same=same: s.execute(
                text(
                    "SELECT count(*) FROM appointment a JOIN appointment b ON "
                    + same
                    + " WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'"
                    " AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
                )
            ).scalar_one()
        )
        assert clashes == 0, resource


@pytest.mark.parametrize("which", ["demo", "year_end"])
def test_every_appointment_passes_the_calendar_rules(
    which: str, request: pytest.FixtureRequest
) -> None:
    database, _now = request.getfixturevalue(which)

    def problems(session):  # type: ignore[no-untyped-def]
        rows = session.execute(
            select(
                Appointment.id,
                Appointment.place_id,
                Appointment.staff_id,
                Appointment.interpreter_id,
                Appointment.starts_at,
                Appointment.ends_at,
            )
        ).all()
        staff = set(session.scalars(select(Staff.id)))
        rules = Rules(
            session,
            min(r.starts_at for r in rows).date(),
            max(r.starts_at for r in rows).date(),
            {r.place_id for r in rows},
            staff,
        )
        found = []
        for row in rows:
            day = row.starts_at.date()
            found += [
                r
                for r in (
                    rules.place_refusal(row.place_id, row.starts_at, row.ends_at),
                    rules.staff_refusal(row.staff_id, day),
                    row.interpreter_id and rules.staff_refusal(row.interpreter_id, day),
                )
                if r
            ]
            assert day not in national_holidays(day.year)
        return len(rows), found

    count, found = database.read(problems)
    assert count > 0 and found == []


def test_interpreters_speak_the_familys_language(demo: tuple[Database, datetime]) -> None:
    database, _now = demo
    pairs = database.read(
        lambda s: s.execute(
            select(Staff.languages, func.min(Person.languages))
            .join(Appointment, Appointment.interpreter_id == Staff.id)
            .join(Person, Person.family_id == Appointment.family_id)
            .where(Person.relation == "parent")
            .group_by(Appointment.id, Staff.languages)
        ).all()
    )
    assert len(pairs) > 10
    for spoken, family in pairs:
        assert {w.strip() for w in spoken.split(",")} & {w.strip() for w in family.split(",")}
        assert "italiano" not in family


def test_every_appointment_is_given_by_a_profession_of_its_service(
    demo: tuple[Database, datetime],
) -> None:
    database, _now = demo
    pairs = database.read(
        lambda s: s.execute(
            select(Service.profession, Staff.profession, func.count())
            .join(Appointment, Appointment.service_id == Service.id)
            .join(Staff, Staff.id == Appointment.staff_id)
            .group_by(Service.profession, Staff.profession)
        ).all()
    )
    assert len(pairs) >= 5 and all(service for service, _staff, _n in pairs)
    assert [(service, staff) for service, staff, _n in pairs if not gives(service, staff)] == []


def test_statuses_look_like_a_real_agenda(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    rows = database.read(
        lambda s: s.execute(
            select(Appointment.starts_at, Appointment.status, Appointment.cancel_reason)
        ).all()
    )
    past = Counter(status for starts, status, _r in rows if starts < now)
    future = Counter(status for starts, status, _r in rows if starts >= now)
    assert sum(past.values()) > 1500 and sum(future.values()) > 150
    assert 0.04 < past["no_show"] / sum(past.values()) < 0.12
    assert 0.04 < past["cancelled"] / sum(past.values()) < 0.10
    assert past["done"] > past["no_show"] + past["cancelled"]
    assert set(future) <= {"booked", "confirmed", "cancelled"} and future["confirmed"] > 0
    assert all(reason for _s, status, reason in rows if status == "cancelled")
    first, last = min(r[0] for r in rows), max(r[0] for r in rows)
    assert first < now - timedelta(days=330) and last > now + timedelta(days=50)


def test_series_repeat_at_the_same_time(demo: tuple[Database, datetime]) -> None:
    database, _now = demo
    rows = database.read(
        lambda s: s.execute(
            select(
                AppointmentSeries.id,
                AppointmentSeries.every_weeks,
                AppointmentSeries.occurrences,
                Appointment.starts_at,
                Appointment.staff_id,
                Appointment.series_index,
            )
            .join(Appointment, Appointment.series_id == AppointmentSeries.id)
            .order_by(AppointmentSeries.id, Appointment.series_index)
        ).all()
    )
    series: dict[int, list] = {}
    for row in rows:
        series.setdefault(row.id, []).append(row)
    assert len(series) > 20 and {r.every_weeks for r in rows} == {1, 2}
    for occurrences in series.values():
        assert len(occurrences) == occurrences[0].occurrences >= 2
        assert [o.series_index for o in occurrences] == list(range(1, len(occurrences) + 1))
        assert (
            len({(o.starts_at.time(), o.starts_at.weekday(), o.staff_id) for o in occurrences}) == 1
        )
        gaps = {(b.starts_at - a.starts_at).days for a, b in itertools.pairwise(occurrences)}
        assert all(gap % (7 * occurrences[0].every_weeks) == 0 for gap in gaps)


def test_one_contact_per_person_per_day(demo: tuple[Database, datetime]) -> None:
    database, _now = demo
    twice = database.read(
        lambda s: s.execute(
            select(Contact.person_id, Contact.contact_date)
            .where(Contact.person_id.is_not(None))
            .group_by(Contact.person_id, Contact.contact_date)
            .having(func.count() > 1)
        ).all()
    )
    assert twice == []


def test_contacts_span_two_years_with_realistic_needs(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    first, last, anonymous = database.read(
        lambda s: s.execute(
            select(
                func.min(Contact.contact_date),
                func.max(Contact.contact_date),
                func.count().filter(Contact.person_id.is_(None) & Contact.family_id.is_(None)),
            )
        ).one()
    )
    assert first.year == now.year - 1 and first.month == 1 and last == now.date()
    assert anonymous > 20
    needs = database.read(
        lambda s: s.execute(
            select(Need.key, func.count())
            .join(ContactRequest, ContactRequest.need_id == Need.id)
            .group_by(Need.key)
            .order_by(func.count().desc())
        ).all()
    )
    assert {k for k, _n in needs[:3]} == {"orientation", "economic_support", "parenting"}
    referrals = database.read(
        lambda s: s.execute(
            select(ContactRequest.service_id, ContactRequest.referral_to).where(
                ContactRequest.outcomes.contains("referral")
            )
        ).all()
    )
    # Every referral names a directory service or, as "other", a place in words.
    assert referrals and all(service or text for service, text in referrals)
    assert any(service for service, _text in referrals)


def test_follow_ups_have_owners_some_open_some_overdue(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    owners = database.read(
        lambda s: set(
            s.scalars(
                select(ContactRequest.follow_up_owner).where(
                    ContactRequest.follow_up_on.is_not(None)
                )
            )
        )
    )
    operators = database.read(lambda s: set(s.scalars(select(Operator.username))))
    assert owners and "" not in owners and owners <= operators
    mine = database.read(open_follow_ups, "reception", now.date())
    assert any(f.overdue for f in mine) and any(not f.overdue for f in mine)
    assert len(mine) < 60  # most follow-ups were done in time


def test_todays_queue_and_requests_booked_from_the_desk(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    queue = database.read(today_queue, now.date())
    statuses = Counter(row.status for row in queue)
    assert statuses["waiting"] >= 1 and statuses["serving"] >= 1 and statuses["done"] >= 3
    assert [row.status for row in queue] == sorted(
        (r.status for r in queue), key=["waiting", "serving", "done"].index
    )
    assert all(row.handled_by for row in queue if row.status != "waiting")
    assert all(row.who and row.needs for row in queue)
    linked = database.read(
        lambda s: s.execute(
            select(
                Appointment.family_id,
                Appointment.starts_at,
                Contact.family_id,
                Contact.contact_date,
                ContactRequest.outcomes,
            )
            .join(ContactRequest, ContactRequest.id == Appointment.request_id)
            .join(Contact, Contact.id == ContactRequest.contact_id)
        ).all()
    )
    assert len(linked) > 20
    for family, starts, contact_family, contact_day, outcomes in linked:
        assert family == contact_family and "appointment" in outcomes.split(",")
        assert contact_day < starts.date() <= contact_day + timedelta(days=30)


def test_week_view_and_patron_days(demo: tuple[Database, datetime]) -> None:
    database, now = demo
    busiest = database.read(
        lambda s: s.execute(
            select(Appointment.staff_id)
            .group_by(Appointment.staff_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    )
    monday, _next = week_of(now.date() - timedelta(days=21))
    week = database.read(appointments_between, monday, monday + timedelta(days=7), staff_id=busiest)
    assert week and all(monday <= a.starts_at < monday + timedelta(days=7) for a in week)
    patrons = database.read(
        lambda s: dict(s.execute(select(MemberComune.name, MemberComune.patron_day)).all())
    )
    assert patrons["Suzzara"] == "02-03" and patrons["Gonzaga"] == "09-08"
    assert all(patrons.values())


def test_families_only_leaves_the_desk_empty(database: Database) -> None:
    summary = database.write(fill_demo, families=5, seed=2, activity=False)
    assert summary.activity is None
    assert database.read(lambda s: s.scalar(select(func.count(Appointment.id)))) == 0
    assert database.read(lambda s: s.scalar(select(func.count(Family.id)))) == 5


def test_no_families_gives_places_and_staff_only(database: Database) -> None:
    summary = database.write(
        fill_demo, families=0, activity=ActivitySize(contacts=50, appointments=50)
    )
    assert summary.activity is not None and summary.activity.appointments == 0
    assert database.read(lambda s: s.scalar(select(func.count(Staff.id)))) == 13


def test_year_end_demo_skips_the_closures(year_end: tuple[Database, datetime]) -> None:
    database, _now = year_end
    days = database.read(lambda s: {d.date() for d in s.scalars(select(Appointment.starts_at))})
    closed = {date(y, 12, d) for y in (2026, 2027) for d in (24, 25, 26, 31)} | {date(2028, 1, 1)}
    assert days and not days & closed
    assert all(d.weekday() < 5 for d in days)
    assert min(days) <= date(2027, 1, 5) and max(days) >= date(2028, 2, 20)

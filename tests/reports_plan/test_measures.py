"""Every measure of the plan agrees with plain SQL over the demo (both back ends), with
and without each of its filters; and each filter changes the count it should."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from familydesk.db.database import Database
from familydesk.db.models.appointments import Service
from familydesk.db.models.cards import CardType
from familydesk.db.models.directory import DirectoryService
from familydesk.db.models.frontdesk import ContactRequest
from familydesk.db.models.reports import PlanAction
from familydesk.demo import fill_demo
from familydesk.kernel import clock
from familydesk.reports.model import Period
from familydesk.reports.plan import measures
from tests.reports_plan.plain_sql import value


def _periods() -> tuple[Period, Period]:
    """This year (the demo's plan indicators' own) and a stretch of last year: the demo
    is made up to the clock's day, so the periods follow the clock too."""
    year = clock.today().year
    return (
        Period(date(year, 1, 1), date(year, 12, 31)),
        Period(date(year - 1, 3, 1), date(year - 1, 9, 30)),
    )


def _cases(session) -> list[tuple[str, dict, int]]:  # type: ignore[no-untyped-def]
    tagged = session.scalar(select(PlanAction.id).where(PlanAction.title == "Ben-Nasco"))
    card_type = session.scalar(select(CardType.id).where(CardType.name == "Carta Famiglia"))
    service = session.scalar(
        select(ContactRequest.service_id).where(ContactRequest.service_id.is_not(None)).limit(1)
    )
    appointment = session.execute(select(Service.key, Service.profession).limit(1)).one()
    assert service is not None and session.get(DirectoryService, service) is not None
    cases: list[tuple[str, dict, int]] = []
    for key in ("sessions_held", "groups_run", "people_reached_groups", "families_reached_groups"):
        cases += [
            (key, {}, 0),
            (key, {"group_kind": "playgroup"}, 0),
            (key, {"tagged": True}, tagged),
        ]
    for key in ("contacts", "people_reached_desk", "families_reached_desk"):
        cases += [
            (key, {}, 0),
            (key, {"needs": ["housing"]}, 0),
            (key, {"macro_area": "I"}, 0),
            (key, {"comune": "L020"}, 0),
        ]
    cases += [("referrals", {}, 0), ("referrals", {"service": str(service)}, 0)]
    cases += [
        ("appointments_held", {}, 0),
        ("appointments_held", {"service": appointment.key}, 0),
        ("appointments_held", {"profession": appointment.profession}, 0),
    ]
    for key in ("cards_active", "cards_issued"):
        cases += [(key, {}, 0), (key, {"card_type": str(card_type)}, 0)]
    cases += [("benefit_uses", {}, 0), ("benefit_uses", {"partner_category": "commercial"}, 0)]
    return cases


@pytest.fixture
def demo(database: Database) -> Database:
    database.write(fill_demo, families=25, seed=3)
    return database


def test_every_measure_agrees_with_plain_sql(demo: Database) -> None:
    def check(session):  # type: ignore[no-untyped-def]
        found, seen = [], set()
        for key, filters, action in _cases(session):
            seen.add(key)
            for period in _periods():
                ours = measures.BY_KEY[key].value(session, period, filters, action)
                theirs = value(session, key, period.start, period.end, filters, action)
                if ours != theirs:
                    found.append((key, filters, period, ours, theirs))
        return found, seen

    wrong, seen = demo.read(check)
    assert wrong == []
    assert seen == set(measures.BY_KEY)


def test_the_filters_narrow_the_counts_and_the_demo_has_something_to_count(
    demo: Database,
) -> None:
    def counts(session):  # type: ignore[no-untyped-def]
        period = _periods()[0]
        out = {}
        for key, filters, action in _cases(session):
            out[(key, tuple(sorted(filters)))] = measures.BY_KEY[key].value(
                session, period, filters, action
            )
        return out

    found = demo.read(counts)
    for (key, filters), count in found.items():
        whole = found[(key, ())]
        assert count <= whole, (key, filters)
        if not filters:
            assert whole > 0, key  # a check over nothing proves nothing
    assert found[("sessions_held", ("tagged",))] < found[("sessions_held", ())]
    assert found[("contacts", ("needs",))] < found[("contacts", ())]


def test_tagged_without_an_action_counts_nothing(demo: Database) -> None:
    period = _periods()[0]
    assert demo.read(measures.sessions_held, period, {"tagged": True}, None) == 0
    assert demo.read(measures.sessions_held, period, {}, None) > 0


def test_the_demo_carries_the_seeds_plans_with_tagged_groups(demo: Database) -> None:
    from familydesk.reports.plan import monitoring

    found = {item.action.title: item for item in demo.read(monitoring.lines)}
    assert {item.action.plan for item in found.values()} == {
        "Piano di Zona 2021-2023 – Ambito territoriale di Suzzara",
        "Piano Famiglia 2022 – C.I.di S.",
    }
    meetings = found["Genitori imperfetti cercasi"]
    assert [g.title for g in meetings.action.groups] == ["Genitori imperfetti cercasi"]
    first = meetings.lines[0]
    assert (first.indicator.name, first.target, first.source) == (
        "Incontri per le famiglie realizzati",
        16,
        "FamilyDesk",
    )
    assert first.actual > 0
    typed = [one for item in found.values() for one in item.lines if one.source != "FamilyDesk"]
    assert typed and all(one.source and one.actual is not None for one in typed)
    assert all(1 <= len(item.lines) <= 3 for item in found.values())

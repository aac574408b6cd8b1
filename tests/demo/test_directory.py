"""The demo's directory: the Ambito di Suzzara's map of services, and the desk's referrals
to it with their outcomes."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from familydesk.db.database import Database
from familydesk.db.models.directory import ACCESS_MODES
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.db.models.registry import Family
from familydesk.demo import fill_demo, names
from familydesk.directory.records import list_organisations, list_services
from familydesk.kernel import clock
from tests.helpers import open_signed


def _services(database: Database) -> list:
    return database.read(list_services, False)


def test_each_comune_has_its_social_services_and_the_area_its_offices(database: Database) -> None:
    summary = database.write(fill_demo, families=20, seed=1)
    services = _services(database)
    assert summary.directory is not None and summary.directory.services == len(services)
    assert 50 <= len(services) <= 100
    for _name, _province, code, _pop in names.COMUNI:
        social = [
            s
            for s in services
            if s.place_comune_code == code and s.name.startswith("Servizi sociali comunali")
        ]
        assert len(social) == 1, code
        assert not social[0].whole_area and social[0].category == "economic_support"
    area = {s.name for s in services if s.whole_area}
    assert "Consultorio familiare di Suzzara" in area
    assert "Centro per l'Impiego di Suzzara" in area
    assert "Informagiovani" in area
    assert "Servizio Tutela Minori" in area


def test_every_service_has_needs_a_way_in_and_some_are_due_for_review(database: Database) -> None:
    database.write(fill_demo, families=10, seed=2)
    services = _services(database)
    keys = set(database.read(lambda s: s.scalars(select(Need.key)).all()))
    today = clock.today()
    for service in services:
        assert service.need_keys and set(service.need_keys) <= keys, service.name
        assert service.access in ACCESS_MODES
        assert service.checked_on is None or service.checked_on <= today
    assert {s.access for s in services} == set(ACCESS_MODES)
    due = [s for s in services if s.needs_review(today)]
    assert 3 <= len(due) <= len(services) // 3
    assert any(s.checked_on is None for s in due)
    assert any("ar" in s.languages and "ur" in s.languages for s in services)


def test_card_partners_are_organisations_some_with_services(database: Database) -> None:
    summary = database.write(fill_demo, families=10, seed=3)
    organisations = {o.name: o for o in database.read(list_organisations)}
    assert summary.directory is not None
    assert summary.directory.organisations == len(organisations)
    services = _services(database)
    by_org = Counter(s.organisation.name for s in services)
    # A card partner offers services of its own, and the library is the partner itself.
    assert by_org["Piscina Comunale di Suzzara"] == 2
    assert by_org["Biblioteca Comunale di Pegognaga"] == 1
    assert list(organisations).count("Biblioteca Comunale di Pegognaga") == 1


def test_referrals_point_at_services_for_their_need_with_outcomes(database: Database) -> None:
    database.write(fill_demo, families=150, seed=4)
    services = {s.id: s for s in _services(database)}
    rows = database.read(
        lambda s: s.execute(
            select(
                ContactRequest.service_id,
                ContactRequest.referral_to,
                ContactRequest.referral_outcome,
                ContactRequest.referral_outcome_on,
                ContactRequest.follow_up_on,
                ContactRequest.follow_up_done_on,
                Need.key,
            )
            .join(Need, Need.id == ContactRequest.need_id)
            .where(ContactRequest.outcomes.like("%referral%"))
        ).all()
    )
    assert len(rows) > 200
    free = [r for r in rows if r.service_id is None]
    assert 0.04 < len(free) / len(rows) < 0.2
    assert all(r.referral_to for r in free)
    for row in rows:
        if row.service_id is not None:
            assert row.key in services[row.service_id].need_keys
            assert row.referral_to == ""
    followed = [r for r in rows if r.follow_up_on is not None]
    assert all(r.referral_outcome for r in followed)
    assert all(not r.referral_outcome for r in rows if r.follow_up_on is None)
    mix = Counter(r.referral_outcome for r in followed)
    share = {k: n / len(followed) for k, n in mix.items()}
    assert 0.45 < share["reached"] < 0.8
    assert 0.08 < share["not_reached"] < 0.25
    assert 0.01 < share["refused"] < 0.12
    assert 0.03 < share["waiting"] < 0.35
    for row in followed:
        answered = row.referral_outcome != "waiting"
        assert (row.follow_up_done_on is not None) == answered
        assert (row.referral_outcome_on == row.follow_up_done_on) if answered else True


def test_referrals_prefer_the_familys_comune(database: Database) -> None:
    database.write(fill_demo, families=150, seed=5)
    services = {s.id: s for s in _services(database)}
    rows = database.read(
        lambda s: s.execute(
            select(ContactRequest.service_id, Family.comune_code)
            .join(Contact, Contact.id == ContactRequest.contact_id)
            .join(Family, Family.id == Contact.family_id)
            .where(ContactRequest.service_id.is_not(None))
        ).all()
    )
    local = sum(1 for r in rows if services[r.service_id].place_comune_code == r.comune_code)
    near = sum(
        1
        for r in rows
        if services[r.service_id].whole_area
        or services[r.service_id].place_comune_code == r.comune_code
    )
    # Another comune's service only when the family's and the area's are too few.
    assert near > 0.9 * len(rows)
    assert local > len(rows) // 4


def test_same_seed_same_directory(db_location: str, empty_location: str) -> None:
    first, second = open_signed(db_location), open_signed(empty_location)
    try:
        first.write(fill_demo, families=10, seed=7)
        second.write(fill_demo, families=10, seed=7)

        def shape(database: Database) -> list[tuple]:
            return [
                (s.uid, s.name, s.organisation.name, s.need_keys, s.contact_person, s.checked_on)
                for s in _services(database)
            ]

        assert shape(first) == shape(second)
    finally:
        first.dispose()
        second.dispose()

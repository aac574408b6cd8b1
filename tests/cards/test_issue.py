"""Issuing, renewing, revoking and replacing cards; the register; eligible families
without a card."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from familydesk.cards.candidates import eligible_without_card
from familydesk.cards.issue import (
    card_register,
    cards_of_family,
    issue_card,
    renew_card,
    replace_card,
    revoke_card,
)
from familydesk.cards.numbers import problem
from familydesk.db.database import Database
from familydesk.db.models.cards import Card
from familydesk.db.models.registry import Family, Person
from familydesk.kernel.errors import FamilyDeskError, ValidationError
from tests.cards.card_data import TODAY, CardWorld, add_card, born


def _issue(database: Database, world: CardWorld, **options: object):  # noqa: ANN202
    return database.write(
        issue_card, world.family[0], world.family_card, world.family[1], on=TODAY, **options
    )


def test_an_eligible_family_gets_a_numbered_card(database: Database, world: CardWorld) -> None:
    card = _issue(database, world)
    assert card.number.startswith("E089000001") and problem(card.number) is None
    assert card.holder == "Bianchi Laura" and len(card.members) == 4
    assert card.issued_on == TODAY and card.state(TODAY) == "active"
    with pytest.raises(FamilyDeskError, match="already has card"):
        _issue(database, world)
    # A family card is the family's: another holder (Paolo, 20) does not make a second one.
    paolo = database.read(lambda s: s.scalar(select(Person.id).where(Person.first_name == "Paolo")))
    with pytest.raises(FamilyDeskError, match="already has card"):
        database.write(issue_card, world.family[0], world.family_card, paolo, on=TODAY)


def test_a_family_that_does_not_qualify_gets_the_reasons_and_no_card(
    database: Database, world: CardWorld
) -> None:
    def age_paolo(session):  # noqa: ANN001, ANN202
        session.query(Person).filter_by(first_name="Paolo").one().birth_date = born(30)

    database.write(age_paolo)
    with pytest.raises(FamilyDeskError, match="2 children under 26: the card needs 3"):
        _issue(database, world)
    assert database.read(lambda s: s.scalar(select(func.count()).select_from(Card))) == 0


def test_members_covered_are_chosen_among_the_family(database: Database, world: CardWorld) -> None:
    card = _issue(database, world, member_ids=(world.family[1] + 1,))
    assert set(card.member_ids) == {
        world.family[1],
        world.family[1] + 1,
    }  # the holder is always covered
    with pytest.raises(ValidationError):
        database.write(
            issue_card,
            world.family[0],
            world.family_card,
            world.family[1],
            (world.cal.person,),
            TODAY + timedelta(days=800),
        )


def test_renewal_gives_a_new_validity_to_the_same_number(
    database: Database, world: CardWorld
) -> None:
    card = _issue(database, world)
    later = TODAY + timedelta(days=700)
    renewed = database.write(renew_card, card.id, card.version, later)
    assert renewed.number == card.number and renewed.issued_on == later
    assert renewed.expires_on > card.expires_on


def test_revoking_needs_a_reason_and_ends_the_card(database: Database, world: CardWorld) -> None:
    card = _issue(database, world)
    with pytest.raises(ValidationError):
        database.write(revoke_card, card.id, card.version, " ", TODAY)
    revoked = database.write(revoke_card, card.id, card.version, "trasferiti a Milano", TODAY)
    assert revoked.state(TODAY) == "revoked" and revoked.revoke_reason == "trasferiti a Milano"
    with pytest.raises(FamilyDeskError, match="revoked"):
        database.write(renew_card, card.id, revoked.version, TODAY)


def test_a_lost_card_is_replaced_by_a_new_number(database: Database, world: CardWorld) -> None:
    card = _issue(database, world)
    new = database.write(replace_card, card.id, card.version, "smarrita", TODAY)
    assert new.number != card.number and new.previous_id == card.id
    assert new.expires_on == card.expires_on and new.member_ids == card.member_ids
    old = next(c for c in database.read(cards_of_family, world.family[0]) if c.id == card.id)
    assert old.state(TODAY) == "replaced" and old.revoke_reason == "smarrita"


def test_the_register_filters_by_state(database: Database, world: CardWorld) -> None:
    active = add_card(database, world, expires_on=TODAY + timedelta(days=200))
    expiring = add_card(database, world, expires_on=TODAY + timedelta(days=20))
    expired = add_card(database, world, expires_on=TODAY - timedelta(days=1))
    revoked = add_card(database, world, status="revoked")
    replaced = add_card(database, world, status="replaced")

    def numbers(state):  # noqa: ANN001, ANN202
        return {c.number for c in database.read(card_register, state, "", TODAY)}

    assert numbers("active") == {active, expiring}
    assert numbers("expiring") == {expiring}
    assert numbers("expired") == {expired}
    assert numbers("revoked") == {revoked, replaced}
    assert len(numbers(None)) == 5
    found = database.read(card_register, None, f"{expiring[:4]} {expiring[4:10]}", TODAY)
    assert [c.number for c in found] == [expiring]


def test_eligible_families_without_a_card_are_listed(database: Database, world: CardWorld) -> None:
    def small_family(session):  # noqa: ANN001, ANN202
        family = Family(name="Verdi", comune_code="E089", comune_name="Gonzaga")
        session.add(family)
        session.flush()
        session.add(
            Person(
                family_id=family.id,
                first_name="Ada",
                last_name="Verdi",
                sex="F",
                relation="child",
                birth_date=born(3),
            )
        )

    database.write(small_family)
    listed = database.read(eligible_without_card, world.family_card, TODAY)
    assert [c.family for c in listed] == ["Bianchi"]
    _issue(database, world)
    assert database.read(eligible_without_card, world.family_card, TODAY) == []

"""The card register page by page (issue 15, like the family list): the first and the last
page, the count of all the cards, the state, type and search applied before paging, the
search ignoring case, accents and apostrophes as the whole list's did."""

from __future__ import annotations

from datetime import timedelta

import pytest

from familydesk.cards.issue import card_register
from familydesk.cards.register import card_register_page
from familydesk.db.database import Database
from familydesk.db.models.registry import Person
from tests.cards.card_data import TODAY, CardWorld, add_card, build_world, freeze


@pytest.fixture
def world(database: Database) -> CardWorld:
    freeze()
    return build_world(database)


def numbers(database: Database, offset: int, limit: int, **filters):  # type: ignore[no-untyped-def]
    page = database.read(card_register_page, offset, limit, on=TODAY, **filters)
    return [c.number for c in page.rows], page.total


def test_pages_of_the_register_follow_the_whole_list(database: Database, world: CardWorld) -> None:
    for _ in range(5):
        add_card(database, world)
    whole = [c.number for c in database.read(card_register, None, "", TODAY)]
    assert len(whole) == 5
    assert numbers(database, 0, 2) == (whole[:2], 5)  # latest first
    assert numbers(database, 2, 2) == (whole[2:4], 5)
    assert numbers(database, 4, 2) == (whole[4:], 5)  # the last page: what is left
    assert numbers(database, 6, 2) == ([], 5)


def test_filters_and_search_come_before_the_page(database: Database, world: CardWorld) -> None:
    valid = [add_card(database, world) for _ in range(3)]
    revoked = [add_card(database, world, status="revoked") for _ in range(3)]
    youth = add_card(
        database, world, expires_on=TODAY + timedelta(days=10), card_type_id=world.youth_card
    )
    assert numbers(database, 0, 2, state="revoked") == (revoked[::-1][:2], 3)
    assert numbers(database, 2, 2, state="revoked") == (revoked[:1], 3)
    assert numbers(database, 0, 10, state="expiring") == ([youth], 1)
    assert numbers(database, 0, 10, card_type_id=world.youth_card) == ([youth], 1)
    assert numbers(database, 0, 2, state="active") == ([youth, *valid[::-1][:1]], 4)
    typed = f"{valid[1][:4].lower()} {valid[1][4:10]}"  # as grouped on the card, any case
    assert numbers(database, 0, 10, text=typed) == ([valid[1]], 1)
    assert numbers(database, 0, 10, text="nobody") == ([], 0)
    assert numbers(database, 0, 2, state="revoked", text="GONZAGA bianchi") == (
        revoked[::-1][:2],
        3,
    )


def test_the_search_ignores_accents_and_apostrophes(database: Database, world: CardWorld) -> None:
    number = add_card(database, world)

    def rename(session):  # type: ignore[no-untyped-def]
        session.get(Person, world.family[1]).last_name = "D'Àngelo"

    database.write(rename)
    assert numbers(database, 0, 10, text="dangelo") == ([number], 1)
    assert numbers(database, 0, 10, text="d'àngelo laura") == ([number], 1)
    assert numbers(database, 0, 10, text="angela") == ([], 0)


@pytest.mark.sqlite_only
def test_a_page_reads_along_the_registers_order(database: Database, world: CardWorld) -> None:
    """Without an index of the order, each page of 19,377 cards sorted them all."""
    from sqlalchemy import event

    add_card(database, world)
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if "FROM card" in statement and "LIMIT" in statement:
            seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", keep)
    try:
        numbers(database, 0, 2)
    finally:
        event.remove(database.engine, "before_cursor_execute", keep)
    statement, parameters = seen[0]
    with database.engine.connect() as connection:
        plan = " ".join(
            row[-1]
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )
    assert "USING INDEX ix_card_issued_on_id" in plan and "TEMP B-TREE" not in plan

"""Journey 4, the benefits counter: a scanned card gets the green answer and its use is recorded.

A USB scanner types the number and Enter into whatever has the keyboard focus; the
counter keeps the focus on its number field for that.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journeys.demo_data import demo_today
from tests.journeys.desk import Desk, colour, query

pytestmark = pytest.mark.journey


def card_and_partner(db: Path) -> tuple[int, str, str]:
    """An active card valid well beyond the demo's day, and a partner in force with a
    single active benefit for that card's type: (card id, number, partner's name)."""
    today = demo_today(db)
    cards = query(
        db,
        "SELECT id, number, card_type_id FROM card WHERE status = 'active' "
        "AND issued_on <= ? AND expires_on > date(?, '+60 days') ORDER BY expires_on DESC",
        today,
        today,
    )
    partners = query(
        db,
        """
        SELECT o.name, min(bct.card_type_id), max(bct.card_type_id) FROM partner p
        JOIN organisation o ON o.id = p.organisation_id
        JOIN benefit b ON b.partner_id = p.id AND b.active
        LEFT JOIN benefit_card_type bct ON bct.benefit_id = b.id
        WHERE p.active AND (p.agreement_start IS NULL OR p.agreement_start <= ?)
          AND (p.agreement_end IS NULL OR p.agreement_end > date(?, '+30 days'))
          AND (SELECT count(*) FROM partner q JOIN organisation r ON r.id = q.organisation_id
               WHERE r.name = o.name) = 1
        GROUP BY p.id HAVING count(DISTINCT b.id) = 1 ORDER BY o.name""",
        today,
        today,
    )
    for card_id, number, card_type in cards:
        for name, low, high in partners:
            if low == high == card_type:
                return card_id, number, name
    raise AssertionError(f"no active card and partner that fit in the demo ({cards}, {partners})")


def test_a_scanned_card_is_green_and_its_use_is_recorded(desk, demo) -> None:  # noqa: ANN001
    _home, db = demo
    card_id, number, partner = card_and_partner(db)
    (last,) = query(db, "SELECT coalesce(max(id), 0) FROM redemption")[0]

    app: Desk = desk("reception")
    app.key("ctrl+5")
    app.wait(lambda p: p["page"] == "cards", "the Family card page")
    app.click_tab("cardTabs", 2)  # Benefits counter
    app.wait(
        lambda p: p["focus"] and p["focus"]["name"] == "cardNumber",
        "the counter's number field focused",
    )
    app.key("alt+e")  # "&Esercizio convenzionato": the partner
    app.type(partner)
    app.wait(lambda p: any(w["cls"] == "QListView" for w in p["windows"]), "the partners' list")
    app.key("Down", "Return")
    app.wait(
        lambda p: p["focus"] and p["focus"]["name"] == "cardNumber" and p["focus"],
        "the number field after the partner",
    )
    app.shot(f"partner {partner}")
    app.type(number, delay_ms=20)  # a scanner types fast, then Enter
    app.key("Return")
    rows = app.wait_db(
        lambda: query(
            db, "SELECT card_id, accepted, reason, number_typed FROM redemption WHERE id > ?", last
        ),
        "the redemption row",
    )
    probe = app.settle()
    shot = app.shot("answer")
    assert rows == [(card_id, 1, "", number)], rows
    x, y, w, _h = app.one(probe, name="counterAnswer")["visible"]
    red, green, blue = colour(shot, x + 6, y + 6)
    assert green > red + 8 and green > blue, (
        f"the answer panel is not green: {(red, green, blue)} ({shot})"
    )

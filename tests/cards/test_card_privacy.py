"""Privacy of family cards: in the right-of-access copy, ended by anonymisation,
detached after the retention period, a valid card counting as activity."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from familydesk.cards.issue import issue_card, revoke_card
from familydesk.db.base import utcnow
from familydesk.db.database import Database
from familydesk.db.models.cards import Card, CardMember
from familydesk.db.models.registry import Family
from familydesk.privacy import access as privacy
from familydesk.privacy import retention
from familydesk.privacy.anonymise import anonymise_family
from familydesk.privacy.retention.activity import activity_sources
from tests.cards.card_data import TODAY, CardWorld


def _issue(database: Database, world: CardWorld):  # noqa: ANN202
    return database.write(issue_card, world.family[0], world.family_card, world.family[1], on=TODAY)


def test_the_access_copy_lists_the_cards(database: Database, world: CardWorld, tmp_path) -> None:  # noqa: ANN001
    card = _issue(database, world)
    data = database.write(privacy.subject_access, world.family[1])
    assert [(c["number"], c["holder"]) for c in data["cards"]] == [(card.number, True)]
    child = database.write(privacy.subject_access, world.family[1] + 1)
    assert [(c["number"], c["holder"]) for c in child["cards"]] == [(card.number, False)]
    paths = database.write(privacy.write_access_export, world.family[1], tmp_path, "it")
    assert paths[1].read_bytes().startswith(b"%PDF")


def test_anonymising_the_family_ends_its_cards(database: Database, world: CardWorld) -> None:
    card = _issue(database, world)

    def anonymise(session):  # noqa: ANN001, ANN202
        anonymise_family(session, session.get(Family, world.family[0]), TODAY)

    database.write(anonymise)
    row = database.read(lambda s: s.get(Card, card.id))
    assert (row.status, row.revoked_on) == ("revoked", TODAY)


def test_old_cards_are_detached_and_valid_ones_are_activity(
    database: Database, world: CardWorld
) -> None:
    old = _issue(database, world)
    database.write(revoke_card, old.id, old.version, "trasferiti", TODAY)

    def back_to_2019(session):  # noqa: ANN001, ANN202
        card = session.get(Card, old.id)
        card.issued_on, card.expires_on, card.revoked_on = (
            date(2019, 1, 10),
            date(2021, 1, 9),
            date(2019, 6, 1),
        )

    database.write(back_to_2019)
    summary = {r.kind: r.count for r in database.write(retention.apply_retention, TODAY).rows}
    assert summary["cards"] == 1
    row = database.read(lambda s: s.get(Card, old.id))
    assert (row.family_id, row.holder_id, row.revoke_reason) == (None, None, "")
    assert (
        database.read(
            lambda s: s.scalar(
                select(func.count()).select_from(CardMember).where(CardMember.card_id == old.id)
            )
        )
        == 0
    )
    _issue(database, world)
    since = datetime.combine(TODAY - timedelta(days=10), datetime.min.time(), utcnow().tzinfo)

    def active(session):  # noqa: ANN001, ANN202
        return {fid for source in activity_sources() for fid in session.scalars(source(since))}

    assert world.family[0] in database.read(active)

"""Fixtures of the family card tests."""

from __future__ import annotations

import pytest

from familydesk.db.database import Database
from tests.cards.card_data import CardWorld, build_world


@pytest.fixture
def world(database: Database) -> CardWorld:
    return build_world(database)

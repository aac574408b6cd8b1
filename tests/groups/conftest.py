"""Fixtures of the group tests."""

from __future__ import annotations

import pytest

from familydesk.db.database import Database
from tests.groups.group_data import GroupWorld, build_world


@pytest.fixture
def world(database: Database) -> GroupWorld:
    return build_world(database)

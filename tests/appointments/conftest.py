"""Fixtures of the appointment tests."""

from __future__ import annotations

import pytest

from familydesk.db.database import Database
from tests.appointments.calendar_data import Calendar, build


@pytest.fixture
def cal(database: Database) -> Calendar:
    return build(database)

"""Records the journeys pick from the demo database, relative to what the demo made
(its day is the day it was filled: the app runs on the real clock)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from familydesk.db.actor import Actor
from familydesk.groups.attendance import attendance_grid
from familydesk.trust.opening import open_database
from tests.journeys.desk import query

#: How many people the attendance journeys mark.
MARKED = 3


def demo_today(db: Path) -> str:
    """The day the demo was made (its queue is that day's), as ISO text."""
    return query(db, "SELECT max(contact_date) FROM contact")[0][0]


def ended_group(db: Path) -> tuple[int, str, int, list[tuple[int, str]]]:
    """A group whose sessions all ended before the demo's day, with a title of its own and
    at least three people markable at its last session (where the grid opens): (group id,
    title, session id, [(enrolment id, mark to type)] for the grid's first three rows, each
    a mark other than the one saved)."""
    today = demo_today(db)
    groups = query(
        db,
        """
        SELECT g.id, g.title FROM parent_group g
        WHERE (SELECT count(*) FROM parent_group o WHERE o.title = g.title) = 1
          AND EXISTS (SELECT 1 FROM group_session s WHERE s.group_id = g.id AND NOT s.cancelled)
          AND NOT EXISTS (
            SELECT 1 FROM group_session s WHERE s.group_id = g.id AND date(s.starts_at) >= ?
          )
        ORDER BY g.id""",
        today,
    )
    noon = datetime.combine(date.fromisoformat(today), time(12))  # Rome wall time, as stored
    database = open_database(str(db), migrate=False, actor=Actor("educator", "educator"))
    try:
        for group_id, title in groups:
            grid = database.read(attendance_grid, group_id, noon)
            held = [s for s in grid.sessions if s.held]
            people = grid.participants[:MARKED]
            if not held or len(people) < MARKED:
                continue
            last = held[-1]
            if all((p.id, last.id) in grid.markable for p in people):
                marks = [
                    (p.id, "absent" if grid.marks.get((p.id, last.id)) == "present" else "present")
                    for p in people
                ]
                return group_id, title, last.id, marks
    finally:
        database.dispose()
    raise AssertionError("the demo has no ended group to mark")

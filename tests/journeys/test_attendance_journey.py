"""Journey 3, attendance: marks typed and not saved are not lost on quitting.

At a real display, quitting with unsaved attendance marks closed the window at once: the
marks were gone. Quitting must ask (save / discard / cancel); Save puts them in the database.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.groups.attendance import attendance_grid
from familydesk.kernel import clock
from tests.journeys.desk import Desk, JourneyError, query, wait_until

pytestmark = pytest.mark.journey

#: The letter an Italian desk types for each mark.
LETTERS = {"present": "p", "absent": "a", "excused": "g"}
MARKED = 3


def ended_group(db: Path) -> tuple[int, str, int, list[tuple[int, str]]]:
    """A group whose sessions all ended before the demo's day, with a title of its own and
    at least three people markable at its last session (where the grid opens): (group id,
    title, session id, [(enrolment id, mark to type)] for the grid's first three rows, each
    a mark other than the one saved)."""
    (today,) = query(db, "SELECT max(contact_date) FROM contact")[0]  # the demo's day
    groups = query(db, """
        SELECT g.id, g.title FROM parent_group g
        WHERE (SELECT count(*) FROM parent_group o WHERE o.title = g.title) = 1
          AND EXISTS (SELECT 1 FROM group_session s WHERE s.group_id = g.id AND NOT s.cancelled)
          AND NOT EXISTS (SELECT 1 FROM group_session s WHERE s.group_id = g.id AND date(s.starts_at) >= ?)
        ORDER BY g.id""", today)  # fmt: skip
    noon = datetime.combine(datetime.fromisoformat(today).date(), time(12), tzinfo=clock.ROME)
    database = Database.open(str(db), migrate=False)
    database.operator, database.role = "educator", "educator"
    try:
        for group_id, title in groups:
            grid = database.read(attendance_grid, group_id, noon.replace(tzinfo=None))
            held = [s for s in grid.sessions if s.held]
            people = grid.participants[:MARKED]
            if not held or len(people) < MARKED:
                continue
            last = held[-1]
            if all((p.id, last.id) in grid.markable for p in people):
                marks = [(p.id, "absent" if grid.marks.get((p.id, last.id)) == "present" else "present")
                         for p in people]  # fmt: skip
                return group_id, title, last.id, marks
    finally:
        database.dispose()
    raise AssertionError("the demo has no ended group to mark")


def asked_or_gone(app: Desk) -> dict | None:
    """The question shown after Quit (a dialog), or None once the app has gone without one."""

    def seen() -> object:
        if not app.running:
            return "gone"
        try:
            probe = json.loads(app.dump.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return next(iter(app.dialogs(probe)), None)

    answer = wait_until(seen, "a question, or the window closing", 20)
    return None if answer == "gone" else answer


def test_quitting_with_unsaved_marks_asks_and_save_keeps_them(desk, demo) -> None:  # noqa: ANN001
    _home, db = demo
    group_id, title, session_id, marks = ended_group(db)

    app: Desk = desk("educator")
    app.key("ctrl+4")
    app.wait(lambda p: p["page"] == "groups", "the Groups page")
    app.key("ctrl+f")
    app.type(title)
    app.settle()
    app.click_tab("groupTabs", 3)  # Attendance
    grid = app.wait(lambda p: next((w for w in app.find(p, name="attendanceGrid") if "current" in w), None),
                    "the attendance grid on its session")  # fmt: skip
    app.settle()
    x, y, w, h = grid["current"]["rect"]
    app.click(x + w // 2, y + h // 2)  # the cell the grid opened on: the first person, last session
    app.wait(lambda p: p["focus"] and p["focus"]["name"] == "attendanceGrid", "the grid focused")
    app.shot(f"attendance of {title}")
    for _enrolment, mark in marks:
        app.key(LETTERS[mark])
    app.shot("three marks not saved")
    app.key("ctrl+q")
    question = asked_or_gone(app)
    shot = app.shot("after quit")
    saved = dict(
        query(db, "SELECT enrolment_id, mark FROM attendance WHERE session_id = ?", session_id)
    )
    typed = {enrolment: saved.get(enrolment) for enrolment, _mark in marks}
    if question is None:
        raise JourneyError(
            f"Quit closed FamilyDesk without asking about {MARKED} unsaved attendance marks; "
            f"the database has {typed} for the marks typed {dict(marks)} (screenshot: {shot})")  # fmt: skip
    save = next((b for b in question["widgets"] if b["cls"] == "QPushButton"
                 and b.get("text", "").replace("&", "").casefold() in ("salva", "save")), None)  # fmt: skip
    assert save is not None, f"the question has no Save button: {question} ({shot})"
    app.click_widget(save)
    assert app.wait_exit(30) == 0
    saved = dict(
        query(db, "SELECT enrolment_id, mark FROM attendance WHERE session_id = ?", session_id)
    )
    assert {enrolment: saved.get(enrolment) for enrolment, _mark in marks} == dict(marks)

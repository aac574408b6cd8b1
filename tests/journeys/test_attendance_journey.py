"""Journey 3, attendance: marks typed and not saved are not lost on quitting.

At a real display, quitting with unsaved attendance marks closed the window at once: the
marks were gone. Quitting must ask (save / discard / cancel); Save puts them in the database.
"""

from __future__ import annotations

import json

import pytest

from tests.journeys.demo_data import MARKED, ended_group
from tests.journeys.desk import Desk, JourneyError, query, wait_until

pytestmark = pytest.mark.journey

#: The letter an Italian desk types for each mark.
LETTERS = {"present": "p", "absent": "a", "excused": "g"}


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
    grid = app.wait(
        lambda p: next((w for w in app.find(p, name="attendanceGrid") if "current" in w), None),
        "the attendance grid on its session",
    )
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
            f"the database has {typed} for the marks typed {dict(marks)} (screenshot: {shot})"
        )
    save = next(
        (
            b
            for b in question["widgets"]
            if b["cls"] == "QPushButton"
            and b.get("text", "").replace("&", "").casefold() in ("salva", "save")
        ),
        None,
    )
    assert save is not None, f"the question has no Save button: {question} ({shot})"
    app.click_widget(save)
    assert app.wait_exit(30) == 0
    saved = dict(
        query(db, "SELECT enrolment_id, mark FROM attendance WHERE session_id = ?", session_id)
    )
    assert {enrolment: saved.get(enrolment) for enrolment, _mark in marks} == dict(marks)

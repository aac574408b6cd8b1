"""Someone else signing in at the locked screen does not take over the work queued before."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from familydesk.db.database import Database
from familydesk.db.models.registry import AuditEntry
from familydesk.trust import audit, operators
from familydesk.ui.shell.runner import Runner
from familydesk.ui.shell.sign_in import LockDialog


def _who(session) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    return session.info["operator"], session.info["role"]


def _audited_note(session) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    audit.record(session, "open", None, note="queued", table_name="family")
    return _who(session)


def test_jobs_queued_before_a_switch_run_as_who_queued_them(
    database: Database, qtbot: QtBot
) -> None:
    database.write(operators.add_operator, "tester", "admin", "tester-password")
    database.write(operators.add_operator, "giulia", "reception", "giulia-password")
    database.write(operators.add_operator, "marco", "coordinator", "marco-password")
    operators.sign_in(database, "giulia", "giulia-password")
    runner = Runner(database)
    gate = threading.Event()
    runner.call(gate.wait, 10)  # the writer thread is busy: the next write waits in the queue
    answers: list[tuple[str, str | None]] = []
    runner.write(_audited_note, on_done=answers.append)
    lock = LockDialog(database)  # giulia went away; marco signs in at the locked screen
    qtbot.addWidget(lock)
    lock.switch_operator()
    lock.name.setText("marco")
    lock.password.setText("marco-password")
    lock.submit()
    assert lock.result() == LockDialog.DialogCode.Accepted
    assert (database.operator, database.role) == ("marco", "coordinator")
    gate.set()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=10_000)
    runner.wait()
    assert answers == [("giulia", "reception")]  # not marco's role, nor his name
    note = select(AuditEntry.operator).where(AuditEntry.note == "queued")
    assert database.read(lambda s: list(s.scalars(note))) == ["giulia"]
    runner.write(_who, on_done=answers.append)  # what is queued now is marco's
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
    runner.wait()
    assert answers[1] == ("marco", "coordinator")

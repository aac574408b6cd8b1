"""The runner does database work off the GUI thread and answers on it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.kernel.errors import ValidationError
from familydesk.registry import count_families
from familydesk.ui.shell.runner import Runner


def _thread_name(_session) -> str:  # type: ignore[no-untyped-def]
    return threading.current_thread().name


def test_work_runs_off_the_gui_thread_and_result_arrives_on_it(
    database: Database, qtbot: QtBot
) -> None:
    runner = Runner(database)
    results: list[tuple[str, str]] = []
    runner.read(
        _thread_name,
        on_done=lambda worker: results.append((worker, threading.current_thread().name)),
    )
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    worker, delivered_on = results[0]
    assert worker != threading.main_thread().name
    assert delivered_on == threading.main_thread().name
    runner.wait()


def test_writes_commit_and_errors_come_back(database: Database, qtbot: QtBot) -> None:
    from familydesk.db.models.registry import Family

    runner = Runner(database)
    done: list[object] = []
    runner.write(lambda s: s.add(Family(name="Ferrari")), on_done=done.append)

    def refuse(_session) -> None:  # type: ignore[no-untyped-def]
        raise ValidationError("name", "Name: required.")

    errors: list[BaseException] = []
    runner.write(refuse, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(done) and bool(errors), timeout=5000)
    assert isinstance(errors[0], ValidationError)
    assert database.read(count_families) == 1
    runner.wait()


def test_unhandled_errors_go_to_the_error_signal(database: Database, qtbot: QtBot) -> None:
    runner = Runner(database)

    def broken(_session) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("bug")

    with qtbot.waitSignal(runner.error, timeout=5000) as blocker:
        runner.read(broken)
    assert isinstance(blocker.args[0], RuntimeError)
    runner.wait()


def test_results_for_a_closed_page_are_dropped(database: Database, qtbot: QtBot) -> None:
    runner = Runner(database)
    page = QWidget()
    called: list[int] = []
    gate = threading.Event()

    def slow(session) -> int:  # type: ignore[no-untyped-def]
        gate.wait(5)
        return count_families(session)

    runner.read(slow, on_done=called.append, owner=page)
    page.deleteLater()
    qtbot.wait(50)
    gate.set()
    runner.wait()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    assert called == []


def test_busy_signal_brackets_the_work(database: Database, qtbot: QtBot) -> None:
    runner = Runner(database)
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    runner.read(count_families, on_done=lambda _n: None)
    qtbot.waitUntil(lambda: states == [True, False], timeout=5000)


@pytest.mark.parametrize("write", [False, True])
def test_sync_runner_runs_at_once(database: Database, write: bool) -> None:
    from familydesk.ui.shell.runner import SyncRunner

    runner = SyncRunner(database)
    got: list[int] = []
    (runner.write if write else runner.read)(count_families, on_done=got.append)
    assert got == [0]

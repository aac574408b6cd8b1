"""Journeys: the real app under Xvfb (1366x768) with the openbox window manager.

Not part of the plain ``pytest`` run (``-m "not journey"`` in pyproject): ``make journeys``
runs them. Without Xvfb, openbox, xdotool, ImageMagick's ``import`` and x11-utils they are
skipped with the reason, except on CI (``CI`` set), where that is a failure.
``JOURNEYS_FIRST_DISPLAY`` (default 90) is where the search for a free display starts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.journeys.desk import APP_DIR, SCREEN, Desk, clean_env

TOOLS = ("Xvfb", "openbox", "xdotool", "import", "xwininfo", "xprop")
DEMO_FAMILIES = 60


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"journeys cannot run on CI: {reason}")
    pytest.skip(f"journeys need a real X display: {reason}")


def _free_display(first: int) -> int:
    for number in range(first, first + 200):
        if not (
            Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def _x_ready(display: str) -> bool:
    return (
        subprocess.run(
            ["xwininfo", "-root"], env=clean_env(display), capture_output=True
        ).returncode
        == 0
    )


def _wm_ready(display: str) -> bool:
    out = subprocess.run(
        ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
        env=clean_env(display),
        capture_output=True,
        text=True,
    ).stdout
    return "window id" in out


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _start_xvfb(display: str, log: Path) -> subprocess.Popen[bytes] | None:
    """Xvfb at ``display``, answering; None when it could not start there."""
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    deadline = time.monotonic() + 10
    while server.poll() is None and time.monotonic() < deadline:
        if _x_ready(display):
            return server
        time.sleep(0.1)
    _end(server)
    return None


def _start_openbox(display: str, log: Path) -> subprocess.Popen[bytes]:
    """openbox managing ``display``'s windows (started again if it gives up at once)."""
    for _attempt in range(3):
        manager = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env=clean_env(display),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log.open("ab"),
        )
        deadline = time.monotonic() + 15
        while manager.poll() is None and time.monotonic() < deadline:
            if _wm_ready(display):
                return manager
            time.sleep(0.1)
        _end(manager)
    raise RuntimeError(f"openbox did not start at {display}: {log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def x_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A 1366x768x24 Xvfb with openbox managing its windows; its ``DISPLAY``."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        _unavailable(f"{', '.join(missing)} not installed (scripts/system-deps.sh installs them)")
    logs = tmp_path_factory.mktemp("x")
    first = int(os.environ.get("JOURNEYS_FIRST_DISPLAY", "90"))
    server = None
    for _attempt in range(5):
        display = f":{_free_display(first)}"
        server = _start_xvfb(display, logs / "xvfb.log")
        if server is not None:
            break
        first = int(display[1:]) + 1
    else:
        _unavailable("Xvfb did not start (see its log)")
    assert server is not None
    try:
        manager = _start_openbox(display, logs / "openbox.log")
        try:
            yield display
        finally:
            _end(manager)
    finally:
        _end(server)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A home folder and a demo database in it, once per journey module: (home, db)."""
    home = tmp_path_factory.mktemp("journey-home")
    db = home / "demo.sqlite3"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "familydesk",
            "demo",
            "--families",
            str(DEMO_FAMILIES),
            "--db",
            str(db),
        ],
        cwd=APP_DIR,
        env=clean_env(os.environ.get("DISPLAY", ""), FAMILYDESK_HOME=str(home)),
        check=True,
        capture_output=True,
        timeout=180,
    )
    return home, db


@pytest.fixture
def desk(
    x_display: str, demo: tuple[Path, Path], request: pytest.FixtureRequest
) -> Iterator[Callable[[str], Desk]]:
    """``desk(operator)`` starts FamilyDesk signed in as that demo operator; every app
    started is ended when the test ends, whatever happened."""
    home, db = demo
    started: list[Desk] = []

    def start(operator: str) -> Desk:
        name = f"{request.module.__name__.rsplit('.', 1)[-1]}-{request.node.name}"
        app = Desk(x_display, home, db, operator, name)
        started.append(app)
        return app.start()

    yield start
    for app in started:
        if app.running:
            app.shot("at-the-end")
        app.stop()
    time.sleep(0.2)

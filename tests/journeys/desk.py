"""The real FamilyDesk at a real X display, driven as a person would: keys and clicks.

:class:`Desk` starts ``python -m familydesk --db <file>`` in a clean environment (no
``QT_QPA_PLATFORM``: a real screen), signed in through ``FAMILYDESK_OPERATOR`` and
``FAMILYDESK_PASSWORD`` as the sign-in at start allows, and sends X input with ``xdotool``
(XTEST: the events come through the X server as from a keyboard and a mouse). Where things
are on screen comes from the app's test-only geometry dump (``familydesk.ui.shell.probe``,
switched on by ``FAMILYDESK_GEOMETRY_DUMP``). Screenshots go to ``build/journeys/``.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: Where the app runs from (``python -m familydesk`` imports the package there): this tree,
#: or ``JOURNEYS_APP_DIR`` (e.g. an older checkout, to see a journey fail before a fix).
APP_DIR = Path(os.environ.get("JOURNEYS_APP_DIR") or ROOT)
ARTEFACTS = ROOT / "build" / "journeys"
SCREEN = (1366, 768)
PASSWORD = "demo"  # every demo operator's
START_TIMEOUT = 60.0
TIMEOUT = 15.0

Probe = dict[str, Any]
Widget = dict[str, Any]


class JourneyError(AssertionError):
    """The app did not get where the journey expected (with what it showed instead)."""


def wait_until(
    check: Callable[[], Any], what: str, timeout: float = TIMEOUT, every: float = 0.1
) -> Any:
    """``check()``'s first true answer within ``timeout`` seconds, else ``JourneyError``."""
    deadline = time.monotonic() + timeout
    while True:
        answer = check()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise JourneyError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def clean_env(display: str, **extra: str) -> dict[str, str]:
    """The environment of a program at a real display: the test suite's offscreen platform
    and FamilyDesk's own variables removed, ``DISPLAY`` set."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QT_", "FAMILYDESK_", "PYTEST_")) and k != "WAYLAND_DISPLAY"
    }
    env["DISPLAY"] = display
    env.update(extra)
    return env


class Desk:
    """One FamilyDesk process at ``display`` on the database ``db``, home folder ``home``."""

    def __init__(self, display: str, home: Path, db: Path, operator: str, name: str) -> None:
        self.display, self.home, self.db, self.operator = display, home, db, operator
        self.shots = ARTEFACTS / name
        self.shots.mkdir(parents=True, exist_ok=True)
        for old in self.shots.glob("*.png"):
            old.unlink()
        self.dump = home / f"geometry-{operator}.json"
        self.process: subprocess.Popen[bytes] | None = None
        self.window = ""
        self.seen = 0
        self.count = 0
        self.log = home / f"app-{operator}.log"

    # -- starting and stopping ------------------------------------------------------
    def start(self) -> Desk:
        self.dump.unlink(missing_ok=True)
        env = clean_env(
            self.display,
            FAMILYDESK_HOME=str(self.home),
            FAMILYDESK_OPERATOR=self.operator,
            FAMILYDESK_PASSWORD=PASSWORD,
            FAMILYDESK_GEOMETRY_DUMP=str(self.dump),
        )
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "familydesk", "--db", str(self.db)],
                cwd=APP_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.window = wait_until(self._main_window, "the FamilyDesk window", START_TIMEOUT, 0.3)
        self.activate()
        self.wait(lambda p: p["page"] and not p["busy"], "the first page", START_TIMEOUT)
        return self

    def _main_window(self) -> str:
        self._check_alive()
        found = self.xdotool(
            "search",
            "--onlyvisible",
            "--pid",
            str(self.process.pid),
            "--name",
            "^FamilyDesk - ",
            check=False,
        )
        return found.split()[0] if found.split() else ""

    def _check_alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            tail = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise JourneyError(f"FamilyDesk exited with code {self.process.returncode}:\n{tail}")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        assert self.process is not None
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise JourneyError(f"FamilyDesk still running {timeout:.0f} s after quitting") from None

    def stop(self) -> None:
        """End the process (and anything it started) whatever state it is in."""
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    # -- X input ----------------------------------------------------------------------
    def xdotool(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["xdotool", *args],
            env=clean_env(self.display),
            capture_output=True,
            text=True,
            timeout=30,
        )
        if check and result.returncode != 0:
            raise JourneyError(f"xdotool {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def activate(self) -> None:
        self.xdotool("windowactivate", "--sync", self.window)

    def key(self, *keys: str, pause: float = 0.15) -> None:
        """Press each key (xdotool names: ``Down``, ``Return``, ``ctrl+q``) in turn."""
        self._check_alive()
        for key in keys:
            self.xdotool("key", "--clearmodifiers", key)
            time.sleep(pause)

    def type(self, text: str, delay_ms: int = 60) -> None:
        """Type ``text`` a character at a time, as a person (or a barcode scanner) does."""
        self._check_alive()
        self.xdotool("type", "--delay", str(delay_ms), text)
        time.sleep(0.2)

    def move(self, x: int, y: int) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y))

    def click(self, x: int, y: int, button: int = 1, repeat: int = 1) -> None:
        self._check_alive()
        self.move(x, y)
        self.xdotool("click", "--repeat", str(repeat), "--delay", "80", str(button))
        time.sleep(0.2)

    def click_widget(self, widget: Widget) -> None:
        x, y, w, h = widget["visible"]
        self.click(x + w // 2, y + h // 2)

    # -- what is on screen -------------------------------------------------------------
    def probe(self, fresh: bool = True) -> Probe:
        """The app's latest geometry dump; ``fresh``: one written after this call."""
        after = self.seen

        def read() -> Probe | None:
            self._check_alive()
            try:
                data = json.loads(self.dump.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
            return data if data["sequence"] > after or not fresh else None

        data = wait_until(
            read, "the app's geometry dump", START_TIMEOUT if not after else TIMEOUT, 0.05
        )
        self.seen = data["sequence"]
        return data

    def wait(self, check: Callable[[Probe], Any], what: str, timeout: float = TIMEOUT) -> Any:
        """Wait until ``check(probe)`` holds for a fresh probe; its answer."""
        last: list[Probe] = []

        def ready() -> Any:
            last[:] = [self.probe()]
            return check(last[0])

        try:
            return wait_until(ready, what, timeout, 0)
        except JourneyError as exc:
            shot = self.shot("gave-up")
            raise JourneyError(f"{exc} (screenshot: {shot})") from None

    def wait_db(self, read: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
        """Wait until ``read()`` (a database query) answers something; the answer."""
        try:
            return wait_until(lambda: (self._check_alive(), read())[1], what, timeout, 0.2)
        except JourneyError as exc:
            raise JourneyError(f"{exc} (screenshot: {self.shot('gave-up')})") from None

    def settle(self) -> Probe:
        """A probe once the app has no database work pending (answers arrived)."""
        return self.wait(lambda p: p if not p["busy"] else None, "the app to finish loading")

    @staticmethod
    def widgets(probe: Probe, main: bool | None = True) -> Iterator[Widget]:
        for window in probe["windows"]:
            if main is None or window["main"] == main:
                yield from window["widgets"]

    def find(
        self, probe: Probe, name: str = "", cls: str = "", text: str = "", main: bool | None = True
    ) -> list[Widget]:
        """Widgets by object name, class and/or text (ignoring ``&``, case and accents' absence)."""
        plain = _plain(text)
        return [
            w
            for w in self.widgets(probe, main)
            if (not name or w["name"] == name)
            and (not cls or w["cls"] == cls)
            and (not text or _plain(w.get("text", "")).startswith(plain))
        ]

    def one(self, probe: Probe, **how: Any) -> Widget:
        found = self.find(probe, **how)
        if not found:
            shot = self.shot("missing")
            raise JourneyError(f"no widget {how} on screen (screenshot: {shot})")
        return found[0]

    def click_tab(self, tabs_name: str, index: int) -> None:
        """Click tab ``index`` of the tab widget named ``tabs_name`` (its bar's tab)."""
        probe = self.probe()
        bars = [w for w in self.widgets(probe) if w["cls"] == "QTabBar"]
        area = self.one(probe, name=tabs_name)["rect"]
        bar = next(b for b in bars if _inside(b["rect"], area))
        x, y, w, h = bar["tabs"][index]["rect"]
        self.click(x + w // 2, y + h // 2)

    def dialogs(self, probe: Probe) -> list[dict[str, Any]]:
        """Top-level windows other than the main one (message boxes, dialogs; not popups)."""
        return [w for w in probe["windows"] if not w["main"] and w["cls"] not in _POPUPS]

    def shot(self, name: str) -> Path:
        """A screenshot of the whole screen, kept as a CI artefact."""
        self.count += 1
        path = self.shots / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.png"
        subprocess.run(
            ["import", "-window", "root", str(path)],
            env=clean_env(self.display),
            capture_output=True,
            timeout=30,
        )
        return path

    def frame(self) -> tuple[int, int, int, int]:
        """The main window with its window manager's frame, as X sees it: x, y, width, height."""
        self.window = wait_until(self._main_window, "the FamilyDesk window")  # Qt may remake it
        info = subprocess.run(
            ["xwininfo", "-id", self.window],
            env=clean_env(self.display),
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        extents = subprocess.run(
            ["xprop", "-id", self.window, "_NET_FRAME_EXTENTS"],
            env=clean_env(self.display),
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout

        def number(label: str) -> int:
            match = re.search(rf"{label}:\s+(-?\d+)", info)
            assert match, info
            return int(match.group(1))

        left, right, top, bottom = (
            (int(n) for n in re.findall(r"\d+", extents.split("=")[-1]))
            if "=" in extents
            else (0, 0, 0, 0)
        )
        x, y = number("Absolute upper-left X"), number("Absolute upper-left Y")
        return (x - left, y - top, number("Width") + left + right, number("Height") + top + bottom)


_POPUPS = {
    "QListView",
    "QCompleter",
    "QComboBoxPrivateContainer",
    "QMenu",
    "QToolTip",
    "QTipLabel",
    "QCalendarWidget",
}


def _plain(text: str) -> str:
    return text.replace("&", "").casefold().strip()


def _inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def right_edges(probe: Probe) -> list[tuple[int, str]]:
    """Each painted widget's right edge (global), with what it is, widest first."""
    edges = [
        (
            w["visible"][0] + w["visible"][2],
            f"{w['cls']} {w['name']!r} {w.get('text', '')!r}".strip(),
        )
        for window in probe["windows"]
        for w in window["widgets"]
    ]
    return sorted(edges, reverse=True)


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows from the database file as it is now (read-only; the app may be writing)."""
    import sqlite3

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def colour(shot: Path, x: int, y: int) -> tuple[int, int, int]:
    """The colour of one pixel of a screenshot."""
    from PIL import Image

    with Image.open(shot) as image:
        return image.convert("RGB").getpixel((x, y))  # type: ignore[return-value]

"""Who else has this SQLite file open: a small marker beside it per running FamilyDesk.

Two FamilyDesk windows on one SQLite file (two PCs on a shared folder, or the same PC
twice) each write to it without knowing of the other. Each running program leaves a
marker in the folder ``<database>.in-use/`` beside the file: one JSON file per process
with the operator, the computer, the process id, since when and a heartbeat. At start,
:func:`claim` writes ours and returns the others that are still alive, so the desk can
warn (it does not refuse: the database itself keeps writes consistent).

A marker is stale, and removed, when its process is gone (same computer) or when its
heartbeat is older than :data:`STALE_AFTER` (another computer, or a crash that left it).
Plain Python, no Qt; any thread.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from familydesk.kernel import clock

log = logging.getLogger(__name__)

#: How often a running program renews its heartbeat (the GUI does it on a timer).
HEARTBEAT = timedelta(minutes=5)
#: A marker whose heartbeat is older than this belongs to no running program.
STALE_AFTER = timedelta(minutes=15)
SUFFIX = ".in-use"


@dataclass(frozen=True)
class Holder:
    """Another program that has the file open."""

    operator: str
    host: str
    pid: int
    since: datetime  # aware
    beat: datetime  # aware: the last heartbeat

    @property
    def same_computer(self) -> bool:
        return self.host == socket.gethostname()


def marker_folder(database_path: Path | str) -> Path:
    path = Path(database_path)
    return path.with_name(path.name + SUFFIX)


class InUse:
    """Our marker beside ``database_path``: :meth:`others`, :meth:`beat`, :meth:`release`."""

    def __init__(
        self,
        database_path: Path | str,
        operator: str = "",
        pid: int | None = None,
        host: str | None = None,
    ) -> None:
        self.folder = marker_folder(database_path)
        self.pid = os.getpid() if pid is None else pid
        self.host = socket.gethostname() if host is None else host
        self.operator = operator
        self.since = clock.now()
        self.path = self.folder / f"{_safe(self.host)}-{self.pid}.json"

    def beat(self, operator: str | None = None) -> None:
        """Write (or renew) our marker; ``operator`` after a sign-in or a switch."""
        if operator is not None:
            self.operator = operator
        data = {
            "operator": self.operator,
            "host": self.host,
            "pid": self.pid,
            "since": self.since.isoformat(),
            "beat": clock.now().isoformat(),
        }
        try:
            self.folder.mkdir(exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:  # a read-only share: no warning for the others, nothing worse
            log.warning("Cannot write the in-use marker %s: %s", self.path, exc)

    def others(self) -> list[Holder]:
        """The other programs that have the file open, earliest first (stale markers go)."""
        found = []
        try:
            markers = sorted(self.folder.glob("*.json"))
        except OSError:
            return []
        for marker in markers:
            if marker == self.path:
                continue
            holder = _read(marker)
            if holder is None or _stale(holder):
                _remove(marker)
                continue
            found.append(holder)
        return sorted(found, key=lambda h: h.since)

    def release(self) -> None:
        """Remove our marker (and the folder when it is empty), at exit."""
        _remove(self.path)
        with contextlib.suppress(OSError):  # others still have it open, or it is gone
            self.folder.rmdir()


def claim(database_path: Path | str, operator: str = "") -> tuple[InUse, list[Holder]]:
    """Write our marker beside ``database_path``; the others that have it open."""
    mine = InUse(database_path, operator)
    others = mine.others()
    mine.beat()
    return mine, others


def _read(marker: Path) -> Holder | None:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        return Holder(
            str(data["operator"]),
            str(data["host"]),
            int(data["pid"]),
            datetime.fromisoformat(data["since"]),
            datetime.fromisoformat(data["beat"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _stale(holder: Holder) -> bool:
    if holder.same_computer and not pid_alive(holder.pid):
        return True
    return clock.now() - holder.beat > STALE_AFTER


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this computer."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _safe(host: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in host) or "host"

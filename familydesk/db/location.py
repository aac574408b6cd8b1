"""Which database to open: a SQLite file or a PostgreSQL URL.

``--db`` wins over ``FAMILYDESK_DB``, which wins over the default file in the
user data folder. A SQLite file on a network share is refused: SQLite's
locking does not work over SMB/NFS and the file gets corrupted; several desks
share data through a PostgreSQL server instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from familydesk.i18n import _
from familydesk.kernel.errors import DatabaseLocationError
from familydesk.kernel.paths import default_database_path

#: File systems on which SQLite must not live.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "fuse.sshfs",
        "sshfs",
        "davfs",
        "fuse.davfs",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.ceph",
        "lustre",
        "gpfs",
        "fuse.rclone",
    }
)


def _mount_table() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _filesystem_of(path: Path, mounts: str) -> str | None:
    """The file system type of the longest mount point containing ``path``."""
    best, best_type = "", None
    target = str(path)
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def _windows_drive_is_remote(path: str) -> bool:
    import ctypes

    drive = os.path.splitdrive(path)[0]
    if not drive:
        return False
    drive_remote = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote  # type: ignore[attr-defined]


def is_network_path(path: str | PurePath, mounts: str | None = None) -> bool:
    """True when ``path`` is a UNC path or lies on a network file system.

    ``mounts`` (the text of ``/proc/mounts``) is read from the system when
    not given.
    """
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(text)
    resolved = Path(text).expanduser().resolve(strict=False)
    fstype = _filesystem_of(resolved, _mount_table() if mounts is None else mounts)
    return fstype is not None and fstype.lower() in NETWORK_FILESYSTEMS


def _refuse_network(path: str | PurePath) -> None:
    if is_network_path(path):
        raise DatabaseLocationError(
            _(
                "The database file {path} is on a network share. SQLite files get corrupted "
                "when they are used over the network: keep the file on this computer's own "
                "disk, or use a PostgreSQL server for a shared office (--db postgresql://...)."
            ).format(path=path)
        )


def resolve_database_url(value: str | None = None) -> URL:
    """The SQLAlchemy URL for ``value`` (a path or URL), ``FAMILYDESK_DB``, or the default.

    Raises :class:`DatabaseLocationError` for an unsupported or unusable location.
    """
    text = (value or os.environ.get("FAMILYDESK_DB") or "").strip()
    if not text:
        text = str(default_database_path())
    if "://" not in text:
        path = Path(text).expanduser()
        _refuse_network(text)
        if path.is_dir():
            raise DatabaseLocationError(
                _("{path} is a folder: give the path of a database file.").format(path=text)
            )
        return URL.create("sqlite", database=str(path.resolve(strict=False)))
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise DatabaseLocationError(
            _(
                "“{value}” is not a database address. Expected a file path or postgresql://user@host/name."
            ).format(value=text)
        ) from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseLocationError(
                _("An in-memory database would lose everything on exit: give a file path.")
            )
        _refuse_network(url.database)
        return url
    raise DatabaseLocationError(
        _("Database type “{backend}” is not supported: use a SQLite file or PostgreSQL.").format(
            backend=backend
        )
    )


def describe(url: URL) -> str:
    """A short, password-free description for the status bar and logs."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"PostgreSQL {url.username or ''}@{host}{port}/{url.database or ''}".replace(" @", " ")

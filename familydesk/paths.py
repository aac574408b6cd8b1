"""Where FamilyDesk keeps its files.

Per-user folders come from platformdirs; ``FAMILYDESK_HOME`` moves them all
under one folder (portable installs, tests). Nothing here creates the
database; the functions only compute paths and create folders on request.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from familydesk import APP_NAME

_APP_AUTHOR = "FamilyDesk"


def _home_override() -> Path | None:
    value = os.environ.get("FAMILYDESK_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The user data folder (database, backups); created if missing."""
    home = _home_override()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """The user log folder; created if missing."""
    home = _home_override()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "familydesk.sqlite3"


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite3"


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """The ``resources/`` folder: inside a PyInstaller bundle, else the source tree."""
    override = os.environ.get("FAMILYDESK_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def locale_dir() -> Path:
    return resources_dir() / "locale"

"""Where FamilyDesk keeps its files.

Per-user folders come from platformdirs; ``FAMILYDESK_HOME`` moves them all
under one folder (portable installs, tests). Nothing here creates the
database; the functions only compute paths and create folders on request.
"""

from __future__ import annotations

import importlib.resources
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


#: The source of the resources in a checkout (editable install, ``python -m`` from the tree).
SOURCE_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def packaged_resources() -> Path | None:
    """``familydesk/resources`` inside the installed package, if this install has it.

    A wheel (``pip install .``; setup.py copies ``resources/`` there and compiles the
    catalogues) and the PyInstaller bundle have it; a source checkout does not. Read through
    ``importlib.resources``, so it is wherever the package itself was imported from.
    """
    try:
        folder = importlib.resources.files("familydesk") / "resources"
    except (ModuleNotFoundError, TypeError):
        return None
    # Fonts, gettext and Qt need real files: an on-disk install gives a pathlib.Path.
    if isinstance(folder, Path) and folder.is_dir():
        return folder
    return None


def resources_dir() -> Path:
    """The folder of the fonts, icons, stylesheet and compiled catalogues.

    In order: ``FAMILYDESK_RESOURCES``; the package's own ``familydesk/resources`` (a wheel
    or the bundle); the top-level ``resources/`` folder of a source checkout.
    """
    override = os.environ.get("FAMILYDESK_RESOURCES")
    if override:
        return Path(override)
    packaged = packaged_resources()
    if packaged is not None:
        return packaged
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "familydesk" / "resources"
    return SOURCE_RESOURCES


def locale_dir() -> Path:
    """The compiled catalogues: ``<lang>/LC_MESSAGES/familydesk.mo``."""
    return resources_dir() / "locale"

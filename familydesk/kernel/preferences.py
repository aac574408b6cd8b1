"""Per-user preferences shared by the GUI and the command line (a small JSON file).

Only harmless choices live here (interface language, minutes before the
screen locks). Anything about the centre is in the database; window
geometry is kept by Qt.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from familydesk.i18n import _
from familydesk.kernel.paths import data_dir

log = logging.getLogger(__name__)
FILE_NAME = "preferences.json"


def _path() -> Path:
    return data_dir() / FILE_NAME


def load() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("Preferences unreadable, using defaults: %s", exc)
        return {}


def save(**changes: Any) -> None:
    """Merge ``changes`` into the preferences file (written atomically)."""
    data = load()
    data.update(changes)
    path = _path()
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(partial, path)


def language() -> str | None:
    """``FAMILYDESK_LANG`` if set, else the saved choice, else None (Italian)."""
    return os.environ.get("FAMILYDESK_LANG") or load().get("language")


#: Minutes without keyboard or mouse before the screen locks (``ui.idle_lock``).
DEFAULT_LOCK_MINUTES = 10
LOCK_MINUTES_RANGE = (1, 120)


def lock_minutes() -> int:
    """The saved idle time before the screen locks; the default when unset or unreadable."""
    value = load().get("lock_minutes")
    low, high = LOCK_MINUTES_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return DEFAULT_LOCK_MINUTES


def set_lock_minutes(minutes: int) -> None:
    """Save the idle time; ``ValueError`` (translated) outside 1-120 minutes."""
    low, high = LOCK_MINUTES_RANGE
    if not low <= minutes <= high:
        raise ValueError(
            _("Lock after: between {low} and {high} minutes.").format(low=low, high=high)
        )
    save(lock_minutes=int(minutes))

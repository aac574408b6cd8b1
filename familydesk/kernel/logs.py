"""Logging to a rotating file in the user log folder.

Log lines carry events and record ids, never personal data (names, codici
fiscali, addresses): the log file is not protected like the database.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from familydesk.kernel.paths import log_dir

LOG_FILE_NAME = "familydesk.log"
_configured: Path | None = None


def setup_logging(level: int = logging.INFO) -> Path:
    """Send log records to ``familydesk.log`` (1 MB x 5 files); idempotent."""
    global _configured
    path = log_dir() / LOG_FILE_NAME
    if _configured == path:
        return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_familydesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._familydesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path

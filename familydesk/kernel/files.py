"""Writing the files the operator asked for (printouts, exports): all or nothing.

Plain Python, any thread. A file is written beside its final name and renamed
over it once complete, so a reader never sees half a PDF or half a spreadsheet
and a failure leaves any older file as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (a temporary file, flushed to disk, then a rename).

    Returns the absolute path. Raises ``FamilyDeskError`` naming the file or the
    folder when it cannot be written.
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise FamilyDeskError(
            _("{path} is a folder: give the name of the file to write.").format(path=path)
        )
    if not path.parent.is_dir():
        raise FamilyDeskError(
            _("The folder {folder} does not exist: choose another place for the file.").format(
                folder=path.parent
            )
        )
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(
            "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
        ) as fh:
            temporary = Path(fh.name)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise FamilyDeskError(
            _("Could not write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from None
    return path

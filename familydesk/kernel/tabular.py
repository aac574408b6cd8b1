"""Where an export goes: a file written all at once, or a text stream (the terminal).

Shared by every export (families, appointments, contacts, groups, cards), so that they all
write CSV the same way: UTF-8 with a BOM and CRLF line ends in files, as Excel
writes and reads them, ``;`` between fields.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.files import write_atomically

#: ``produce(fh, lineterminator) -> count`` writes the export's text to ``fh``.
Producer = Callable[[IO[str], str], int]


@dataclass(frozen=True)
class Exported:
    """What an export wrote: how many rows (or records) and where (None: the stream)."""

    count: int
    path: Path | None


def write_export(fmt: str, out: Path | None, stream: IO[str] | None, produce: Producer) -> Exported:
    """Run ``produce`` into ``out`` (atomically) or into ``stream``.

    CSV files get a BOM and CRLF; a stream gets ``\\n`` (a text stream translates it
    itself, the terminal on Windows too). ``FamilyDeskError`` names a file that
    cannot be written.
    """
    if out is None:
        return Exported(produce(stream or io.StringIO(), "\n"), None)
    buffer = io.StringIO(newline="")
    count = produce(buffer, "\r\n")
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    return Exported(count, write_atomically(out, buffer.getvalue().encode(encoding)))


def write_csv(
    rows: Iterable[Sequence[object]],
    out: IO[str],
    lineterminator: str = "\r\n",
    *,
    header: Sequence[str],
) -> int:
    """``;``-separated ``rows`` under ``header`` into ``out``; how many rows."""
    writer = csv.writer(out, delimiter=";", lineterminator=lineterminator)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def check_period(first: date, last: date) -> None:
    """Refuse a period that ends before it starts (naming the ``to`` field)."""
    if last < first:
        raise ValidationError(
            "to",
            _("To: a date from {first} on (the period ends before it starts).").format(
                first=first.strftime("%d/%m/%Y")
            ),
        )

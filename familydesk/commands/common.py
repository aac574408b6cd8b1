"""What commands share: dates on the command line, one write on the chosen database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from familydesk.commands.opening import open_signed_in
from familydesk.i18n import _
from familydesk.trust import permissions


def iso_date(text: str) -> date:
    """``YYYY-MM-DD`` (``dd/mm/yyyy`` is understood too); argparse names the option on error."""
    value = text.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    if "/" in value:
        try:
            day, month, year = (int(part) for part in value.split("/"))
            return date(year, month, day)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(
        _("“{value}” is not a date: write it as YYYY-MM-DD, for example 2026-05-12").format(
            value=text
        )
    )


def run_write(args: argparse.Namespace, permission: str, work: Callable[..., Any]) -> Any:
    """Open the database of ``args`` with its operator (who needs ``permission``), run
    ``work(session)`` as one write, close the database; ``work``'s result."""
    database = open_signed_in(args, permission)
    try:
        return database.write(work)
    finally:
        database.dispose()


# -- exports: ``--from``/``--to``, ``--format``/``--out``, running and reporting ----------
def add_period(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--from",
        dest="first",
        required=True,
        type=iso_date,
        metavar=_("YYYY-MM-DD"),
        help=_("first day of the period"),
    )
    sub.add_argument(
        "--to",
        dest="last",
        required=True,
        type=iso_date,
        metavar=_("YYYY-MM-DD"),
        help=_("last day of the period (included)"),
    )


def add_output(
    sub: argparse.ArgumentParser,
    formats: tuple[str, ...],
    add_common: Callable[[argparse.ArgumentParser], None],
) -> None:
    sub.add_argument(
        "--format",
        choices=formats,
        help=_("file format (default: from the --out extension, else {first})").format(
            first=formats[0]
        ),
    )
    sub.add_argument("--out", metavar=_("FILE"), help=_("where to write (default: the terminal)"))
    add_common(sub)
    sub.set_defaults(parser=sub, formats=formats)


def export_options(args: argparse.Namespace) -> tuple[str, Path | None]:
    if getattr(args, "first", None) and args.last < args.first:
        args.parser.error(_("--to must be the same day as --from or later"))
    out = Path(args.out).expanduser() if args.out else None
    fmt = args.format or (out.suffix.lower().lstrip(".") if out is not None else args.formats[0])
    if fmt not in args.formats:
        args.parser.error(_("choose --format {choices}").format(choices=", ".join(args.formats)))
    return fmt, out


def report(message: str, path: Path | None) -> int:
    if path is not None:
        print(_("{summary} File: {path}").format(summary=message, path=path))
    else:
        print(message, file=sys.stderr)
    return 0


def run_export(
    args: argparse.Namespace, work: Callable[..., Any], message: Callable[[int], str]
) -> int:
    """``work(session, fmt, out)`` (an export returning ``count`` and ``path``) as the signed-in
    operator with ``EXPORT``; one line saying how many, and where."""
    fmt, out = export_options(args)
    exported = run_write(args, permissions.EXPORT, lambda session: work(session, fmt, out))
    return report(message(exported.count).format(count=exported.count), exported.path)

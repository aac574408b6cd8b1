"""What commands share: dates on the command line, one write on the chosen database."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from familydesk.i18n import _


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
    from familydesk.cli import open_database

    database = open_database(args, permission)
    try:
        return database.write(work)
    finally:
        database.dispose()

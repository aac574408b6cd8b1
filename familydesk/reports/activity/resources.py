"""Section of the activity report: to be written (issue 17). Placeholder for the contract:
``section(session, scope) -> Section`` and ``DRILLS``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from familydesk.reports.model import Scope, Section

DRILLS: dict = {}


def section(session: Session, scope: Scope) -> Section:
    raise NotImplementedError

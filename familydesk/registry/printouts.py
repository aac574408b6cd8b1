"""Printed forms of the family registry (ReportLab PDFs): intake sheet and privacy notice.

``intake_pdf`` / ``privacy_pdf`` turn records into PDF bytes and touch
nothing else. ``render_intake`` / ``render_privacy`` are services for the CLI
and the GUI runner: they read with the given session (never commit), build
the PDF in the form's language and log the printing (form and record id
only). Importing this package loads ReportLab: import it where a form is
printed, not at start-up.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.orm import Session

from familydesk.forms.base import FormError, FormLanguage
from familydesk.registry.centre import get_centre
from familydesk.registry.families import get_family, load_person
from familydesk.registry.intake_sheet import intake_pdf
from familydesk.registry.notice_sheet import privacy_pdf
from familydesk.trust import audit, permissions

__all__ = [
    "FormError",
    "FormLanguage",
    "intake_pdf",
    "privacy_pdf",
    "render_intake",
    "render_privacy",
]

log = logging.getLogger(__name__)


def render_intake(
    session: Session, family_id: int, language: str, today: date | None = None
) -> bytes:
    """The intake sheet of a family, in ``language``; ``NotFoundError`` if it is gone.

    The print is audited: run it as a write (``Database.write`` / ``runner.write``).
    """
    permissions.require(session, permissions.PRINT)
    family = get_family(session, family_id, today)
    data = intake_pdf(family, get_centre(session), language, today)
    audit.record(session, "print", note="intake", table_name="family", record_uid=str(family.uid))
    log.info("Printed intake sheet for family %s (%s)", family_id, FormLanguage.of(language).code)
    return data


def render_privacy(
    session: Session, person_id: int, language: str, today: date | None = None
) -> bytes:
    """The privacy notice of one person, in ``language``; ``NotFoundError`` if they are gone.

    The print is audited: run it as a write (``Database.write`` / ``runner.write``).
    """
    permissions.require(session, permissions.PRINT)
    family = get_family(session, load_person(session, person_id).family_id, today)
    member = next(m for m in family.members if m.id == person_id)
    data = privacy_pdf(member, family, get_centre(session), language, today)
    audit.record(session, "print", note="privacy", table_name="person", record_uid=str(member.uid))
    log.info("Printed privacy notice for person %s (%s)", person_id, FormLanguage.of(language).code)
    return data

"""Finding a staff member by the name an operator types ("rinaldi", "Dott. Ferri").

Case, accents and punctuation do not matter; every word typed must start a
word of the name. A name that fits nobody, or several people, is refused with
the names to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.appointments import Staff
from familydesk.i18n import _
from familydesk.kernel.errors import NotFoundError, ValidationError
from familydesk.kernel.text import fold
from familydesk.trust import permissions

#: How many names a refusal lists at most.
MAX_LISTED = 12


@dataclass(frozen=True)
class StaffMatch:
    id: int
    uid: str
    name: str
    profession: str
    kind: str


def _fits(words: list[str], name: str) -> bool:
    parts = fold(name).split()
    return all(any(part.startswith(word) for part in parts) for word in words)


def _listed(staff: list[Staff]) -> str:
    names = [f"{s.name} ({s.profession})" if s.profession else s.name for s in staff]
    if len(names) > MAX_LISTED:
        names = [*names[:MAX_LISTED], "…"]
    return "; ".join(names)


def staff_by_name(session: Session, name: str) -> StaffMatch:
    """The one staff member (professional or interpreter) called ``name``.

    A whole name (folded) wins over partial ones; among several partial matches
    the only active one wins. Otherwise ``NotFoundError`` (nobody, listing
    everyone) or ``ValidationError`` on ``staff`` (several, listing them).
    """
    permissions.require(session, permissions.APPOINTMENTS)
    words = fold(name).split()
    if not words:
        raise ValidationError("staff", _("Staff: write the name of a professional or interpreter."))
    staff = list(session.scalars(select(Staff).order_by(Staff.name, Staff.id)))
    matches = [s for s in staff if fold(s.name).split() == words]
    if not matches:
        matches = [s for s in staff if _fits(words, s.name)]
    if len(matches) > 1 and sum(1 for s in matches if s.active) == 1:
        matches = [s for s in matches if s.active]
    if not matches:
        everyone = _listed([s for s in staff if s.active]) or _("nobody is recorded yet")
        raise NotFoundError(
            _("No staff member is called “{name}”. Staff: {names}.").format(
                name=name.strip(), names=everyone
            )
        )
    if len(matches) > 1:
        raise ValidationError(
            "staff",
            _("“{name}” fits more than one staff member: {names}. Write more of the name.").format(
                name=name.strip(), names=_listed(matches)
            ),
        )
    found = matches[0]
    return StaffMatch(found.id, str(found.uid), found.name, found.profession, found.kind)

"""Two entries for the same service (or organisation) become one (``SETTINGS``).

The dropped entry's referrals, needs, services and card partners move to the kept one,
then the dropped entry is deleted, all in the caller's transaction: a refusal writes
nothing. Each moved row is audited by the session hooks; the kept entry also gets a
``merge`` entry naming what was merged into it.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.models.cards import Partner
from familydesk.db.models.directory import DirectoryService, DirectoryServiceNeed, Organisation
from familydesk.db.models.frontdesk import ContactRequest
from familydesk.directory.records import (
    OrganisationRow,
    ServiceRow,
    get_service,
    organisation_row,
    require_read,
)
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.fields import touch
from familydesk.trust import audit, permissions


def _pair(session: Session, model: type, keep_id: int, drop_id: int, what: str) -> tuple:
    if keep_id == drop_id:
        raise ValidationError(
            "merge",
            _("Merge: choose two different entries (the same {what} was chosen twice).").format(
                what=what
            ),
        )
    keep, drop = session.get(model, keep_id), session.get(model, drop_id)
    missing = [label for label, row in ((_("kept"), keep), (_("duplicate"), drop)) if row is None]
    if missing:
        raise ValidationError(
            "merge",
            _("Merge: the {which} {what} is no longer in the directory.").format(
                which=" / ".join(missing), what=what
            ),
        )
    return keep, drop


def referral_count(session: Session, service_id: int) -> int:
    """How many referrals at the desk name the service (what a merge moves)."""
    require_read(session)
    return int(
        session.scalar(
            select(func.count())
            .select_from(ContactRequest)
            .where(ContactRequest.service_id == service_id)
        )
        or 0
    )


def merge_services(session: Session, keep_id: int, drop_id: int) -> ServiceRow:
    """Merge the service ``drop_id`` into ``keep_id``: its referrals move over, the needs
    are united (the kept service's first, so its category stays), and it is deleted."""
    permissions.require(session, permissions.SETTINGS)
    keep, drop = _pair(session, DirectoryService, keep_id, drop_id, _("service"))
    for request in session.scalars(
        select(ContactRequest).where(ContactRequest.service_id == drop.id)
    ):
        request.service_id = keep.id
    links = {
        row.need_id: row
        for row in session.scalars(
            select(DirectoryServiceNeed).where(DirectoryServiceNeed.service_id == keep.id)
        )
    }
    position = max((row.position for row in links.values()), default=-1)
    for row in session.scalars(
        select(DirectoryServiceNeed)
        .where(DirectoryServiceNeed.service_id == drop.id)
        .order_by(DirectoryServiceNeed.position)
    ):
        if row.need_id in links:
            session.delete(row)
            continue
        position += 1
        row.service_id, row.position = keep.id, position
        links[row.need_id] = row
        touch(keep)
    session.flush()
    audit.record(session, "merge", keep, note=f"directory_service {drop.uid} {drop.name}")
    session.delete(drop)
    session.flush()
    return get_service(session, keep.id)


def merge_organisations(session: Session, keep_id: int, drop_id: int) -> OrganisationRow:
    """Merge the organisation ``drop_id`` into ``keep_id``: its services and its card
    partners (agreements) move over, and it is deleted."""
    permissions.require(session, permissions.SETTINGS)
    keep, drop = _pair(session, Organisation, keep_id, drop_id, _("organisation"))
    for service in session.scalars(
        select(DirectoryService).where(DirectoryService.organisation_id == drop.id)
    ):
        service.organisation_id = keep.id
    for partner in session.scalars(select(Partner).where(Partner.organisation_id == drop.id)):
        partner.organisation_id = keep.id
    session.flush()
    audit.record(session, "merge", keep, note=f"organisation {drop.uid} {drop.name}")
    session.delete(drop)
    session.flush()
    return organisation_row(keep)

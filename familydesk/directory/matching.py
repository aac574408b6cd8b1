"""Free-text referrals recorded before the directory, matched to its services.

A referral typed as "Consultorio di Suzzara" names the service whose name (or "name
organisation", "name — organisation", or the organisation's name when it runs exactly
one active service) is the same once folded: case, accents, apostrophes and punctuation
do not count. When two services match equally, the one in the family's comune wins;
otherwise the referral stays "other". The typed text is always kept in ``referral_to``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.frontdesk import Contact, ContactRequest
from familydesk.db.models.registry import Family
from familydesk.directory.records import ServiceRow, list_services
from familydesk.kernel.text import fold
from familydesk.trust import permissions


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def names_index(services: Iterable[ServiceRow]) -> dict[str, list[ServiceRow]]:
    """Each folded label a referral may use, and the active services it names."""
    services = [s for s in services if s.active]
    per_organisation: dict[int, list[ServiceRow]] = defaultdict(list)
    for service in services:
        per_organisation[service.organisation.id].append(service)
    index: dict[str, list[ServiceRow]] = defaultdict(list)

    def add(label: str, service: ServiceRow) -> None:
        key = _key(label)
        if key and service not in index[key]:
            index[key].append(service)

    for service in services:
        organisation = service.organisation.name
        add(service.name, service)
        add(f"{service.name} {organisation}", service)
        if len(per_organisation[service.organisation.id]) == 1:
            add(organisation, service)
    return index


def pick(candidates: list[ServiceRow], comune_code: str) -> ServiceRow | None:
    """The one candidate, or the only one in the family's comune; None when ambiguous."""
    if len(candidates) == 1:
        return candidates[0]
    code = comune_code.casefold()
    local = [c for c in candidates if code and c.place_comune_code.casefold() == code]
    return local[0] if len(local) == 1 else None


def match_referrals(session: Session) -> int:
    """Give every free-text referral whose text names a directory service that service
    (``service_id``); the text stays in ``referral_to``. Needs ``SETTINGS``; running it
    again changes nothing. Returns how many referrals were matched."""
    permissions.require(session, permissions.SETTINGS)
    index = names_index(list_services(session))
    if not index:
        return 0
    query = (
        select(ContactRequest, Family.comune_code)
        .join(Contact, Contact.id == ContactRequest.contact_id)
        .outerjoin(Family, Family.id == Contact.family_id)
        .where(ContactRequest.service_id.is_(None), ContactRequest.referral_to != "")
    )
    matched = 0
    for request, comune_code in session.execute(query).all():
        service = pick(index.get(_key(request.referral_to), []), comune_code or "")
        if service is not None:
            request.service_id = service.id
            matched += 1
    session.flush()
    return matched

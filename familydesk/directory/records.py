"""Reading the directory: organisations and services as rows, the vocabulary of kinds and
ways in, and whether an entry is due for a check.

Everyone who sees families reads the directory; changing it needs ``SETTINGS``
(:mod:`familydesk.directory.editing`). A service's address, phone, e-mail and web fall
back to its organisation's when the service has none of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.directory import DirectoryService, DirectoryServiceNeed, Organisation
from familydesk.db.models.frontdesk import Need
from familydesk.frontdesk.needs import need_words
from familydesk.i18n import N_, _
from familydesk.kernel.clock import months_before
from familydesk.kernel.errors import NotFoundError
from familydesk.kernel.text import fold
from familydesk.trust import permissions

#: Kinds of organisation, in the guide's order (names to translate with ``_()``).
KINDS: dict[str, str] = {
    "public": N_("Public service"),
    "health": N_("Health service"),
    "school": N_("School or nursery"),
    "third_sector": N_("Association or co-operative"),
    "parish": N_("Parish"),
    "sports": N_("Sports club"),
    "library": N_("Library"),
    "shop": N_("Shop or business"),
    "other": N_("Other"),
}
#: How a family gets in.
ACCESS: dict[str, str] = {
    "walk_in": N_("walk in during opening hours"),
    "appointment": N_("by appointment"),
    "referral": N_("only when sent by a service"),
}
#: An entry not checked for this many months is flagged for review.
REVIEW_MONTHS = 12


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    uid: str
    version: int
    name: str
    kind: str
    tax_code: str
    comune_name: str
    comune_code: str
    address: str
    postal_code: str
    phone: str
    email: str
    web: str
    notes: str
    active: bool

    @property
    def kind_name(self) -> str:
        return _(KINDS.get(self.kind, self.kind))


@dataclass(frozen=True)
class ServiceRow:
    id: int
    uid: str
    version: int
    organisation: OrganisationRow
    name: str
    description: str
    #: The service's own place and ways to reach it, empty where it has none (see the
    #: ``place_*`` and ``reach_*`` properties for what to show).
    comune_name: str
    comune_code: str
    address: str
    postal_code: str
    whole_area: bool
    phone: str
    email: str
    web: str
    hours: str
    age_min: int | None
    age_max: int | None
    audience: str
    residence: str
    cost: str
    #: ISO 639-1 codes.
    languages: tuple[str, ...]
    access: str
    bring: str
    contact_person: str
    checked_on: date | None
    active: bool
    #: The needs it serves, the first being its category: ids, keys, names, macro-areas.
    need_ids: tuple[int, ...]
    need_keys: tuple[str, ...]
    need_names: tuple[str, ...]
    macro_areas: tuple[str, ...]
    #: The folded words it is found by (see :func:`search_words`), computed once.
    words: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def organisation_id(self) -> int:
        return self.organisation.id

    @property
    def place_comune(self) -> str:
        return self.comune_name or self.organisation.comune_name

    @property
    def place_comune_code(self) -> str:
        return self.comune_code or self.organisation.comune_code

    @property
    def place_address(self) -> str:
        """Street and number (the organisation's when the service has no address)."""
        return self.address or self.organisation.address

    @property
    def place_postal_code(self) -> str:
        return self.postal_code or (self.organisation.postal_code if not self.address else "")

    @property
    def reach_phone(self) -> str:
        return self.phone or self.organisation.phone

    @property
    def reach_email(self) -> str:
        return self.email or self.organisation.email

    @property
    def reach_web(self) -> str:
        return self.web or self.organisation.web

    @property
    def access_words(self) -> str:
        return _(ACCESS.get(self.access, self.access))

    @property
    def category(self) -> str:
        """The first need's key (empty when the service serves none yet)."""
        return self.need_keys[0] if self.need_keys else ""

    @property
    def label(self) -> str:
        """ "Consultorio familiare — ASST Mantova" (the organisation only when it differs)."""
        if self.organisation.name and self.organisation.name != self.name:
            return f"{self.name} — {self.organisation.name}"
        return self.name

    def needs_review(self, today: date) -> bool:
        """Never checked, or checked more than :data:`REVIEW_MONTHS` months before ``today``."""
        return self.checked_on is None or self.checked_on < months_before(today, REVIEW_MONTHS)


def search_words(row: ServiceRow) -> tuple[str, ...]:
    """The folded words a service is found by: its name, its organisation, its comune,
    the names and keys of its needs, who it is for, its contact person."""
    parts = (
        row.name,
        row.organisation.name,
        row.place_comune,
        *row.need_names,
        *(key.replace("_", " ") for key in row.need_keys),
        row.audience,
        row.contact_person,
    )
    text = " ".join(parts)
    # "L'Albero" is found as "lalbero" and as "albero".
    split = text.replace("'", " ").replace("\u2019", " ")
    return tuple(dict.fromkeys([*fold(text).split(), *fold(split).split()]))


def services_to_review(rows: Iterable[ServiceRow], today: date) -> list[ServiceRow]:
    """The entries due for a check (never checked, or not for :data:`REVIEW_MONTHS`
    months), the longest unchecked first."""
    due = [row for row in rows if row.needs_review(today)]
    return sorted(due, key=lambda row: (row.checked_on or date.min, row.name.casefold(), row.id))


def require_read(session: Session) -> None:
    """Reading the directory needs ``VIEW_REGISTRY`` or ``CARDS`` (every role has one)."""
    if not (
        permissions.allowed(session, permissions.VIEW_REGISTRY)
        or permissions.allowed(session, permissions.CARDS)
    ):
        permissions.require(session, permissions.VIEW_REGISTRY)


def organisation_row(organisation: Organisation) -> OrganisationRow:
    o = organisation
    return OrganisationRow(
        o.id,
        str(o.uid),
        o.version,
        o.name,
        o.kind,
        o.tax_code,
        o.comune_name,
        o.comune_code,
        o.address,
        o.postal_code,
        o.phone,
        o.email,
        o.web,
        o.notes,
        o.active,
    )


#: The service's own columns a row carries as they are.
_SERVICE_COLUMNS = (
    "id",
    "version",
    "name",
    "description",
    "comune_name",
    "comune_code",
    "address",
    "postal_code",
    "whole_area",
    "phone",
    "email",
    "web",
    "hours",
    "age_min",
    "age_max",
    "audience",
    "residence",
    "cost",
    "access",
    "bring",
    "contact_person",
    "checked_on",
    "active",
)


def _service_row(
    service: Any,
    organisation: OrganisationRow,
    needs: list[tuple[int, str, str, str]],
) -> ServiceRow:
    """A row from a ``DirectoryService`` or a mapping of its columns."""
    get = service.__getitem__ if hasattr(service, "keys") else service.__getattribute__
    row = ServiceRow(
        uid=str(get("uid")),
        organisation=organisation,
        languages=tuple(code for code in get("languages").split(",") if code),
        need_ids=tuple(n[0] for n in needs),
        need_keys=tuple(n[1] for n in needs),
        need_names=tuple(n[2] for n in needs),
        macro_areas=tuple(dict.fromkeys(n[3] for n in needs)),
        **{name: get(name) for name in _SERVICE_COLUMNS},
    )
    return replace(row, words=search_words(row))


def _needs_of(session: Session, service_ids: list[int] | None) -> dict[int, list]:
    query = (
        select(DirectoryServiceNeed.service_id, Need.id, Need.key, Need.name, Need.macro_area)
        .join(Need, Need.id == DirectoryServiceNeed.need_id)
        .order_by(DirectoryServiceNeed.service_id, DirectoryServiceNeed.position, Need.position)
    )
    if service_ids is not None:
        query = query.where(DirectoryServiceNeed.service_id.in_(service_ids))
    found: dict[int, list] = defaultdict(list)
    for service_id, need_id, key, name, area in session.execute(query):
        found[service_id].append((need_id, key, need_words(key, name), area))
    return found


def list_services(session: Session, active_only: bool = True) -> list[ServiceRow]:
    """Every service (active ones only by default) with its organisation and needs,
    by name. A consortium's directory is a few thousand rows: read once, searched in
    memory (:mod:`familydesk.directory.search`); read as plain rows, not ORM objects."""
    require_read(session)
    organisations_query = select(Organisation.__table__)
    services = DirectoryService.__table__
    services_query = select(services).order_by(services.c.name, services.c.id)
    if active_only:
        organisations_query = organisations_query.where(Organisation.active.is_(True))
        services_query = services_query.where(services.c.active.is_(True))
    organisations = {
        m["id"]: _organisation_from(m) for m in session.execute(organisations_query).mappings()
    }
    needs = _needs_of(session, None)
    return [
        _service_row(m, organisations[m["organisation_id"]], needs[m["id"]])
        for m in session.execute(services_query).mappings()
        if m["organisation_id"] in organisations
    ]


def _organisation_from(m: Any) -> OrganisationRow:
    return OrganisationRow(
        m["id"],
        str(m["uid"]),
        m["version"],
        m["name"],
        m["kind"],
        m["tax_code"],
        m["comune_name"],
        m["comune_code"],
        m["address"],
        m["postal_code"],
        m["phone"],
        m["email"],
        m["web"],
        m["notes"],
        m["active"],
    )


def get_service(session: Session, service_id: int) -> ServiceRow:
    require_read(session)
    service = session.get(DirectoryService, service_id)
    if service is None:
        raise NotFoundError(_("This service is no longer in the directory."))
    organisation = organisation_row(session.get(Organisation, service.organisation_id))
    return _service_row(service, organisation, _needs_of(session, [service.id])[service.id])


def list_organisations(session: Session, active_only: bool = False) -> list[OrganisationRow]:
    require_read(session)
    query = select(Organisation).order_by(Organisation.name, Organisation.id)
    if active_only:
        query = query.where(Organisation.active.is_(True))
    return [organisation_row(o) for o in session.scalars(query)]


def get_organisation(session: Session, organisation_id: int) -> OrganisationRow:
    require_read(session)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFoundError(_("This organisation is no longer in the directory."))
    return organisation_row(organisation)

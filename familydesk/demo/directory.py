"""The demo's directory of services: the Ambito di Suzzara's map (see :mod:`directory_names`).

``write_directory(session, seed, today)`` runs after the card partners (each partner
is an organisation of the directory): it adds the comuni's own offices, schools and
parishes, the area-wide organisations, and their services, giving some partners
(a swimming pool, a football club, the CAF) services of their own. Contact people
and the day each entry was last checked are drawn from a seeded generator, so the
same seed and day give the same directory. Written with Core inserts; the rows come
back as :class:`~familydesk.directory.records.ServiceRow` for the desk's referrals.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.directory import DirectoryService, DirectoryServiceNeed, Organisation
from familydesk.db.models.frontdesk import Need
from familydesk.demo import directory_names as data
from familydesk.demo import names
from familydesk.demo.appointments import utc
from familydesk.demo.rows import RowWriter, advance_sequences
from familydesk.directory.records import OrganisationRow, ServiceRow, months_before
from familydesk.kernel.text import fold

DIRECTORY_TABLES = ("organisation", "directory_service", "directory_service_need")
_COMUNE_NAMES = {code: name for name, _p, code, _pop in names.COMUNI} | {
    names.MANTOVA[1]: names.MANTOVA[0]
}


@dataclass(frozen=True)
class DirectorySummary:
    organisations: int = 0
    services: int = 0


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text).lower())[:20]


class _Builder:
    def __init__(self, session: Session, rng: random.Random, today: date) -> None:
        self.session, self.rng, self.today = session, rng, today
        self.rows = RowWriter(
            session,
            rng,
            (Organisation, DirectoryService, DirectoryServiceNeed),
            utc(today - timedelta(days=400), 10 * 60),
        )
        self.needs = dict(session.execute(select(Need.key, Need.id)).all())
        self.need_names = dict(session.execute(select(Need.key, Need.name)).all())
        self.organisations: dict[str, OrganisationRow] = {}
        for o in session.scalars(select(Organisation)):
            self.organisations.setdefault(o.name, _org_row(o.id, o.uid, vars(o)))
        self.services: list[ServiceRow] = []
        self.new_organisations = 0

    def organisation(
        self, name: str, kind: str, code: str, address: str, phone: str, email: str, web: str = ""
    ) -> OrganisationRow:
        if name in self.organisations:
            return self.organisations[name]
        values = {
            "name": name,
            "kind": kind,
            "tax_code": "",
            "comune_name": _COMUNE_NAMES.get(code, ""),
            "comune_code": code,
            "address": address,
            "postal_code": names.CAPS.get(code, "46100" if code == names.MANTOVA[1] else ""),
            "phone": phone,
            "email": email,
            "web": web,
            "notes": "",
            "active": True,
        }
        org_id = self.rows.add(Organisation, **values)
        row = self.rows.rows[Organisation][-1]
        self.organisations[name] = _org_row(org_id, row["uid"], values)
        self.new_organisations += 1
        return self.organisations[name]

    def contact(self) -> str:
        rng = self.rng
        if rng.random() < data.NO_CONTACT:
            return ""
        female = rng.random() < 0.7
        first = rng.choice(names.ITALIAN_FEMALE if female else names.ITALIAN_MALE)
        return f"{first} {rng.choice(names.ITALIAN_SURNAMES)}, {rng.choice(data.CONTACT_ROLES)}"

    def checked(self, months: int | None) -> date | None:
        if months is None:
            return None
        return months_before(self.today, months) - timedelta(days=self.rng.randint(0, 20))

    def service(
        self, organisation: OrganisationRow, spec: tuple, whole_area: bool, name: str = ""
    ) -> None:
        (
            service_name,
            keys,
            access,
            hours,
            age_min,
            age_max,
            audience,
            cost,
            langs,
            bring,
            months,
        ) = spec
        need_keys = tuple(k for k in keys.split() if k in self.needs)
        values = {
            "organisation_id": organisation.id,
            "name": name or service_name,
            "description": "",
            "comune_name": "",
            "comune_code": "",
            "address": "",
            "postal_code": "",
            "whole_area": whole_area,
            "phone": "",
            "email": "",
            "web": "",
            "hours": hours,
            "age_min": age_min,
            "age_max": age_max,
            "audience": audience,
            "residence": "" if whole_area else f"Residenti a {organisation.comune_name}",
            "cost": cost,
            "languages": langs,
            "access": access,
            "bring": bring,
            "contact_person": self.contact(),
            "checked_on": self.checked(months),
            "active": True,
        }
        service_id = self.rows.add(DirectoryService, **values)
        uid = self.rows.rows[DirectoryService][-1]["uid"]
        for position, key in enumerate(need_keys):
            self.rows.add(
                DirectoryServiceNeed,
                service_id=service_id,
                need_id=self.needs[key],
                position=position,
            )
        values = {k: v for k, v in values.items() if k != "organisation_id"}
        values["languages"] = tuple(c for c in langs.split(",") if c)
        self.services.append(
            ServiceRow(
                id=service_id,
                uid=str(uid),
                version=1,
                organisation=organisation,
                need_ids=tuple(self.needs[k] for k in need_keys),
                need_keys=need_keys,
                need_names=tuple(self.need_names.get(k) or k for k in need_keys),
                macro_areas=(),
                **values,
            )
        )


def _org_row(org_id: int, uid: object, v: dict) -> OrganisationRow:
    return OrganisationRow(
        org_id,
        str(uid),
        1,
        v["name"],
        v["kind"],
        v["tax_code"],
        v["comune_name"],
        v["comune_code"],
        v["address"],
        v["postal_code"],
        v["phone"],
        v["email"],
        v["web"],
        v["notes"],
        v["active"],
    )


def _comuni(builder: _Builder) -> None:
    """Each comune's offices, nido, school, parish and library (a card partner)."""
    for _name, _prov, code, _pop in names.COMUNI:
        town = _COMUNE_NAMES[code]
        hall, phone, nido, school, parish = data.COMUNI_PLACES[code]
        slug = _slug(town)
        comune = builder.organisation(
            f"Comune di {town}",
            "public",
            code,
            hall,
            phone,
            f"servizisociali@comune-{slug}.esempio.it",
            f"www.comune-{slug}.esempio.it",
        )
        number = int(phone.split()[1])
        by_kind = {
            "public": comune,
            "nido": builder.organisation(
                nido, "school", code, "Via dei Bambini 2", f"0376 {number + 40}", ""
            ),
            "school": builder.organisation(
                school,
                "school",
                code,
                "Via della Scuola 5",
                f"0376 {number + 60}",
                f"segreteria.ic{slug}@scuole.esempio.it",
            ),
            "parish": builder.organisation(
                parish, "parish", code, "Piazza della Chiesa 1", f"0376 {number + 80}", ""
            ),
            "library": builder.organisation(
                f"Biblioteca Comunale di {town}", "library", code, hall, phone, ""
            ),
        }
        for kind, spec in data.COMUNE_SERVICES:
            name = f"{spec[0]} di {town}" if kind == "public" else ""
            builder.service(by_kind[kind], spec, whole_area=False, name=name)


def write_directory(session: Session, seed: int, today: date) -> DirectorySummary:
    """Write the demo's directory (see the module docstring); returns what was written.
    ``load`` the services for the desk with :func:`demo_services` on the same session."""
    builder = _Builder(session, random.Random(f"directory-{seed}"), today)
    _comuni(builder)
    for spec in data.AREA_ORGANISATIONS:
        builder.organisation(*spec)
    for org_name, spec in data.AREA_SERVICES:
        builder.service(builder.organisations[org_name], spec, whole_area=True)
    for org_name, spec in data.PARTNER_SERVICES:
        organisation = builder.organisations.get(org_name)
        if organisation is not None:
            builder.service(organisation, spec, whole_area=False)
    builder.rows.write()
    advance_sequences(session, DIRECTORY_TABLES)
    session.info["demo_directory"] = builder.services
    return DirectorySummary(len(builder.organisations), len(builder.services))


def demo_services(session: Session) -> list[ServiceRow]:
    """The services :func:`write_directory` wrote on this session (none before it ran)."""
    return list(session.info.get("demo_directory", ()))

"""A small directory of the Ambito di Suzzara and a family sent to two of its services, for
the tests of the referral slip and the guide (saved through ``directory.editing`` and
``frontdesk.record_contact``, as the desk does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from familydesk import frontdesk, registry
from familydesk.db.database import Database
from familydesk.directory import editing
from familydesk.frontdesk import ContactInput, RequestInput
from familydesk.frontdesk.needs import list_needs
from familydesk.registry import FamilyInput, MemberInput
from tests.helpers import signed_in


@dataclass(frozen=True)
class World:
    services: dict[str, int]
    family_id: int
    person_id: int


def build_world(database: Database) -> World:
    signed_in(database, "admin")
    needs = {n.key: n.id for n in database.read(list_needs)}

    def org(**fields: object) -> int:
        return database.write(editing.save_organisation, editing.OrganisationInput(**fields)).id  # type: ignore[arg-type]

    asst = org(
        name="ASST Mantova",
        kind="health",
        comune_name="Suzzara",
        comune_code="L020",
        address="Via General Cantore 14",
        postal_code="46029",
        phone="0376 513 111",
        email="consultorio@asst-mantova.it",
        web="www.asst-mantova.it",
    )
    pegognaga = org(
        name="Comune di Pegognaga",
        kind="public",
        comune_name="Pegognaga",
        comune_code="G417",
        address="Piazza Vittorio Veneto 14",
        postal_code="46020",
        phone="0376 5546",
    )
    gonzaga = org(name="Associazione Mamme Insieme", kind="third_sector", comune_name="Gonzaga")
    services = {}

    def service(key: str, **fields: object) -> None:
        services[key] = database.write(
            editing.save_service,
            editing.ServiceInput(**fields),  # type: ignore[arg-type]
        ).id

    service(
        "consultorio",
        organisation_id=asst,
        name="Consultorio familiare",
        description="Visite in gravidanza, corsi pre-parto, sostegno dopo la nascita.",
        need_ids=(needs["pregnancy_newborns"], needs["parenting"]),
        whole_area=True,
        hours="lun-ven 9:00-12:30, gio 14:00-17:00",
        age_min=0,
        age_max=3,
        audience="gestanti e neo-genitori",
        residence="residenti nell'ambito",
        cost="gratuito",
        languages=("it", "ar", "en"),
        access="appointment",
        bring="tessera sanitaria, documento d'identità",
        contact_person="dott.ssa Anna Bellini",
        checked_on=date(2024, 1, 10),  # flagged for review: printed anyway
    )
    service(
        "nido",
        organisation_id=pegognaga,
        name="Asilo nido comunale Il Girasole",
        need_ids=(needs["pregnancy_newborns"], needs["childcare_work_life"]),
        address="Via Marconi 3",
        postal_code="46020",
        comune_name="Pegognaga",
        comune_code="G417",
        hours="lun-ven 7:30-16:00",
        age_min=0,
        age_max=3,
        cost="retta secondo ISEE",
        access="appointment",
        checked_on=date(2026, 9, 1),
    )
    service(
        "sociali",
        organisation_id=pegognaga,
        name="Servizi sociali di Pegognaga",
        need_ids=(needs["orientation"], needs["economic_support"]),
        hours="mar e gio 9:00-12:00",
        access="walk_in",
        checked_on=date(2026, 9, 1),
    )
    service(
        "mamme",
        organisation_id=gonzaga,
        name="Gruppo mamme e bebè",
        need_ids=(needs["parenting"],),
        hours="mercoledì 10:00-11:30",
        age_max=1,
        languages=("it", "ur"),
        access="walk_in",
        checked_on=date(2026, 9, 1),
    )
    service(
        "chiuso",
        organisation_id=gonzaga,
        name="Sportello chiuso",
        need_ids=(needs["parenting"],),
        active=False,
    )
    parent = MemberInput(
        first_name="Giulia",
        last_name="Ferrari",
        sex="F",
        relation="parent",
        birth_date=date(1988, 2, 3),
        no_code_reason="in attesa",
    )
    family = database.write(registry.create_family, FamilyInput(name="Ferrari"), [parent])
    return World(services, family.id, family.members[0].id)


def refer(database: Database, world: World, *requests: RequestInput, day: date | None = None):  # type: ignore[no-untyped-def]
    """Record today's contact of the family's parent with ``requests``."""
    contact = ContactInput(
        person_id=world.person_id, contact_date=day or date(2026, 12, 9), requests=requests
    )
    return database.write(frontdesk.record_contact, contact)


def two_referrals(world: World) -> tuple[RequestInput, ...]:
    return (
        RequestInput(
            "pregnancy_newborns",
            ("information", "referral"),
            service_id=world.services["consultorio"],
        ),
        RequestInput("housing", ("referral",), referral_to="Sportello affitti ALER"),
        RequestInput("parenting"),
    )

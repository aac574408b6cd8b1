"""A small directory for the referral tests: the same need served in three places."""

from __future__ import annotations

from dataclasses import dataclass

from familydesk.db.database import Database
from familydesk.directory import editing
from familydesk.frontdesk.needs import list_needs

PEGOGNAGA, SUZZARA, GONZAGA = "G417", "L020", "E089"


@dataclass(frozen=True)
class Directory:
    #: Service ids by name.
    ids: dict[str, int]


def build_directory(database: Database) -> Directory:
    """Three parenting services (Pegognaga, the whole area, Gonzaga) and a housing one."""
    needs = {n.key: n.id for n in database.read(list_needs)}
    org = database.write(
        editing.save_organisation,
        editing.OrganisationInput(name="ASST Mantova", kind="health", comune_name="Suzzara"),
    )
    ids = {}
    for name, code, comune, whole, need in (
        ("Consultorio di Pegognaga", PEGOGNAGA, "Pegognaga", False, "parenting"),
        ("Consulenza educativa d'ambito", SUZZARA, "Suzzara", True, "parenting"),
        ("Consultorio di Gonzaga", GONZAGA, "Gonzaga", False, "parenting"),
        ("Sportello casa", SUZZARA, "Suzzara", False, "housing"),
    ):
        row = database.write(
            editing.save_service,
            editing.ServiceInput(
                organisation_id=org.id,
                name=name,
                need_ids=(needs[need],),
                comune_code=code,
                comune_name=comune,
                whole_area=whole,
                access="appointment",
            ),
        )
        ids[name] = row.id
    return Directory(ids)

"""Small builders for the directory's tests: organisations, services, referrals."""

from __future__ import annotations

from sqlalchemy.orm import Session

from familydesk.db.database import Database
from familydesk.db.models.frontdesk import Contact, ContactRequest, Need
from familydesk.db.models.registry import Family
from familydesk.directory import editing, records
from familydesk.frontdesk.needs import list_needs
from familydesk.kernel import clock


def need_ids(database: Database) -> dict[str, int]:
    return {n.key: n.id for n in database.read(list_needs)}


def organisation(database: Database, name: str, **fields: object) -> records.OrganisationRow:
    return database.write(editing.save_organisation, editing.OrganisationInput(name=name, **fields))


def service(
    database: Database, organisation_id: int, name: str, **fields: object
) -> records.ServiceRow:
    return database.write(
        editing.save_service,
        editing.ServiceInput(organisation_id=organisation_id, name=name, **fields),
    )


def _referral(session: Session, text: str, service_id: int | None, comune_code: str) -> int:
    family = Family(name="Rossi", comune_code=comune_code)
    session.add(family)
    session.flush()
    contact = Contact(contact_date=clock.today(), arrived_at=clock.utcnow(), family_id=family.id)
    need = session.query(Need).filter_by(key="orientation").one()
    contact.requests.append(
        ContactRequest(
            need_id=need.id, outcomes="referral", referral_to=text, service_id=service_id
        )
    )
    session.add(contact)
    session.flush()
    return contact.requests[0].id


def referral(
    database: Database, text: str = "", service_id: int | None = None, comune_code: str = ""
) -> int:
    """A referral recorded at the desk (free text, or a directory service); its id."""
    return database.write(_referral, text, service_id, comune_code)


def request_of(database: Database, request_id: int) -> tuple[int | None, str]:
    """A referral's service id and its free text, as stored."""

    def read(session: Session) -> tuple[int | None, str]:
        row = session.get(ContactRequest, request_id)
        return row.service_id, row.referral_to

    return database.read(read)

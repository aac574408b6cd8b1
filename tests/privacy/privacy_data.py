"""Families for the GDPR tests (retention, erasure), with dates moved into the past."""

from __future__ import annotations

from datetime import UTC, date, datetime

from codicefiscale import codicefiscale as cf
from sqlalchemy import update

from familydesk import registry
from familydesk.db.database import Database
from familydesk.db.models.registry import Consent, Family, Person
from familydesk.registry import FamilyDetail, FamilyInput, MemberInput

TODAY = date(2026, 11, 22)


def member(
    first: str, last: str, born: date, sex: str = "F", relation: str = "parent", **extra: object
) -> MemberInput:
    code = cf.encode(last, first, sex, datetime(born.year, born.month, born.day), "Suzzara")
    return MemberInput(
        first_name=first,
        last_name=last,
        tax_code=code,
        relation=relation,
        citizenship="Italiana",
        languages="italiano",
        phone="347 1234567",
        **extra,
    )  # type: ignore[arg-type]


def family(
    database: Database, name: str, members: list[MemberInput], **fields: object
) -> FamilyDetail:
    data = FamilyInput(
        name=name,
        comune_name="Suzzara",
        comune_code="L020",
        address="Via Roma 1",
        phone="0376 1",
        email="f@example.org",
        **fields,
    )  # type: ignore[arg-type]
    return database.write(registry.create_family, data, members, today=TODAY)


def age(database: Database, family_id: int, on: date) -> None:
    """Pretend the family, its members and their consents were last changed ``on``."""
    moment = datetime(on.year, on.month, on.day, tzinfo=UTC)

    def change(session):  # type: ignore[no-untyped-def]
        people = [
            p
            for (p,) in session.execute(
                update(Person)
                .where(Person.family_id == family_id)
                .values(updated_at=moment)
                .returning(Person.id)
            )
        ]
        session.execute(update(Family).where(Family.id == family_id).values(updated_at=moment))
        session.execute(
            update(Consent).where(Consent.person_id.in_(people)).values(updated_at=moment)
        )

    database.write(change)

"""Who came to the desk, in words: a person's name, a family, or an anonymous visitor.

Names are read in bulk for a list of contacts (the queue, the follow-ups), so a
day's queue costs two small queries, not one per row. The words are for the
screen only: never for logs or audit notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models import Family, Person
from familydesk.i18n import _


def anonymous_label(sex: str, birth_year: int | None) -> str:
    """ "Anonymous visitor (F, 1990)": statistics only, never a name."""
    details = [part for part in (sex, str(birth_year) if birth_year else "") if part]
    if not details:
        return _("Anonymous visitor")
    return _("Anonymous visitor ({details})").format(details=", ".join(details))


class Visit(Protocol):
    """What names a visitor: a Contact, or a row with these columns."""

    id: int
    person_id: int | None
    family_id: int | None
    anon_sex: str
    anon_birth_year: int | None


def visitor_names(session: Session, contacts: Iterable[Visit]) -> dict[int, str]:
    """``{contact id: who}`` for ``contacts`` (anonymised people and families say so)."""
    contacts = list(contacts)
    person_ids = {c.person_id for c in contacts if c.person_id is not None}
    family_ids = {c.family_id for c in contacts if c.family_id is not None}
    people = {
        row.id: row
        for row in session.execute(
            select(Person.id, Person.last_name, Person.first_name, Person.anonymised_on).where(
                Person.id.in_(person_ids)
            )
        )
    } if person_ids else {}  # fmt: skip
    families = {
        row.id: row
        for row in session.execute(
            select(Family.id, Family.name, Family.anonymised_on).where(Family.id.in_(family_ids))
        )
    } if family_ids else {}  # fmt: skip
    names: dict[int, str] = {}
    for contact in contacts:
        person = people.get(contact.person_id) if contact.person_id is not None else None
        family = families.get(contact.family_id) if contact.family_id is not None else None
        if person is not None:
            names[contact.id] = (
                _("Anonymised person")
                if person.anonymised_on is not None
                else f"{person.last_name} {person.first_name}".strip()
            )
        elif family is not None:
            names[contact.id] = (
                _("Anonymised family")
                if family.anonymised_on is not None
                else _("{name} family").format(name=family.name)
            )
        else:
            names[contact.id] = anonymous_label(contact.anon_sex, contact.anon_birth_year)
    return names

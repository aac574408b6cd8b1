"""Search people as the operator types (surname, given name, code, phone, e-mail)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db import search_index
from familydesk.db.models import Family, Person
from familydesk.registry.records import PersonHit
from familydesk.text import query_terms

#: Candidates read from the index before sorting by name.
CANDIDATES = 400


def hits_for(session: Session, ids: list[int]) -> list[PersonHit]:
    if not ids:
        return []
    rows = session.execute(
        select(
            Person.id,
            Person.uid,
            Person.family_id,
            Family.uid,
            Person.last_name,
            Person.first_name,
            Person.tax_code,
            Person.birth_date,
            Person.relation,
            Family.comune_name,
            Family.name,
        )  # fmt: skip
        .join(Family, Family.id == Person.family_id)
        .where(Person.id.in_(ids))
        .order_by(Person.last_name, Person.first_name, Person.id)
    ).all()
    return [PersonHit(*row) for row in rows]


def search_people(session: Session, text: str, limit: int = 50) -> list[PersonHit]:
    """People matching every word typed, as prefixes, ignoring case, accents and apostrophes."""
    terms = query_terms(text)
    if not terms:
        return []
    ids = search_index.matching_ids(session.connection(), terms, CANDIDATES)
    return hits_for(session, ids)[:limit]

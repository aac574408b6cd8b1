"""Search people as the operator types (surname, given name, code, phone, e-mail)."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Select, String, bindparam, case, select, type_coerce
from sqlalchemy.orm import Session

from familydesk import permissions
from familydesk.db import search_index
from familydesk.db.models import Family, Person
from familydesk.paging import Page
from familydesk.registry.records import PersonHit
from familydesk.text import query_terms

#: Candidates read from the index before sorting by name: type more letters to narrow.
CANDIDATES = 400


def _hit_columns() -> Select:  # type: ignore[type-arg]
    # uids as text: building 100 UUID objects would cost more than the query itself.
    return select(
        Person.id,
        type_coerce(Person.uid, String).label("person_uid"),
        Person.family_id,
        type_coerce(Family.uid, String).label("family_uid"),
        Person.last_name,
        Person.first_name,
        Person.tax_code,
        Person.birth_date,
        Person.relation,
        Family.comune_name,
        Family.name,
    ).join(Family, Family.id == Person.family_id)


def hits_for(session: Session, ids: list[int]) -> list[PersonHit]:
    if not ids:
        return []
    query = _hit_columns().where(Person.id.in_(ids))
    rows = session.execute(query.order_by(Person.last_name, Person.first_name, Person.id)).all()
    return [PersonHit(*row) for row in rows]


@lru_cache(maxsize=8)
def search_statement(dialect_name: str, limit: int = 50) -> Select:  # type: ignore[type-arg]
    """The one SQL statement behind the search box; parameter ``q`` (see ``search_params``).

    Built once per back end and limit, so typing costs only the query itself.
    """
    matches = search_index.match_subquery(dialect_name, CANDIDATES)
    # People whose surname starts with the first word typed come first (then
    # those found by given name, code, phone or e-mail), each group by name.
    by_surname = case((Person.name_key.like(bindparam("prefix", type_=String)), 0), else_=1)
    return (
        _hit_columns()
        .join(matches, matches.c.pid == Person.id)
        .order_by(by_surname, Person.last_name, Person.first_name, Person.id)
        .limit(limit)
    )


def search_params(dialect_name: str, text: str) -> dict[str, str] | None:
    terms = query_terms(text)
    if not terms:
        return None
    return {"q": search_index.match_expression(dialect_name, terms), "prefix": terms[0] + "%"}


def search_people(session: Session, text: str, limit: int = 50) -> list[PersonHit]:
    """People matching every word typed, as prefixes, ignoring case, accents and apostrophes."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    dialect_name = session.get_bind().dialect.name
    params = search_params(dialect_name, text)
    if params is None:
        return []
    rows = session.connection().execute(search_statement(dialect_name, limit), params)
    return [PersonHit(*row) for row in rows]


def search_page(
    session: Session, offset: int = 0, limit: int = 50, text: str = ""
) -> Page[PersonHit]:
    """Search results as one page (for the lazy list): the first ``limit`` people by name."""
    hits = search_people(session, text, limit=max(limit, 1)) if offset == 0 else []
    return Page(rows=hits, offset=offset, total=len(hits))

"""Search people as the operator types (surname, given name, code, phone, e-mail)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from sqlalchemy import Select, String, bindparam, case, select, type_coerce
from sqlalchemy.orm import Session

from familydesk.db import search_index
from familydesk.db.models.registry import Family, Person
from familydesk.kernel.paging import Page
from familydesk.kernel.text import query_terms, search_document
from familydesk.registry.records import PersonHit
from familydesk.trust import permissions

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
    return with_found_by(session, [PersonHit(*row) for row in rows], query_terms(text))


def _explained(terms: list[str], words: str) -> list[str]:
    """The ``terms`` that start one of ``words`` (a search document), as the index matches."""
    tokens = words.split()
    return [t for t in terms if any(token.startswith(t) for token in tokens)]


def with_found_by(session: Session, hits: list[PersonHit], terms: list[str]) -> list[PersonHit]:
    """``hits`` with ``found_by`` set where a phone or an e-mail (the person's or the
    family's) matched what their name and tax code do not: one more query, only then."""
    pending = {}
    for hit in hits:
        names = search_document(hit.surname, hit.given_name, hit.tax_code)
        rest = [t for t in terms if t not in _explained(terms, names)]
        if rest:
            pending[hit.person_id] = rest
    if not pending:
        return hits
    query = (
        select(Person.id, Person.phone, Person.email, Family.phone, Family.email)
        .join(Family, Family.id == Person.family_id)
        .where(Person.id.in_(list(pending)))
    )
    found: dict[int, str] = {}
    for person_id, *contacts in session.execute(query):
        phones, emails = (contacts[0], contacts[2]), (contacts[1], contacts[3])
        values = [(p, search_document(None, None, None, (p,))) for p in phones]
        values += [(e, search_document(None, None, None, (), (e,))) for e in emails]
        rest = pending[person_id]
        # The value that explains most of what the name does not (the first, if equal).
        best = max(values, key=lambda v: len(_explained(rest, v[1])) if v[0] else -1)
        if best[0] and _explained(rest, best[1]):
            found[person_id] = best[0]
    return [replace(h, found_by=found[h.person_id]) if h.person_id in found else h for h in hits]


def search_page(
    session: Session, offset: int = 0, limit: int = 50, text: str = ""
) -> Page[PersonHit]:
    """Search results as one page (for the lazy list): the first ``limit`` people by name."""
    hits = search_people(session, text, limit=max(limit, 1)) if offset == 0 else []
    return Page(rows=hits, offset=offset, total=len(hits))

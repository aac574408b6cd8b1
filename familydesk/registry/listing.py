"""The family registry: households and their members.

This first version lists families for the Families page; creating and
editing families, codice fiscale checks and search belong to the registry
issue and extend this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from familydesk.db.models import Family, Person
from familydesk.paging import PAGE_SIZE, Page


@dataclass(frozen=True)
class FamilyRow:
    id: int
    name: str
    comune: str
    members: int
    children: int
    phone: str
    created_at: datetime
    version: int


def _filtered(query, text: str, comune: str = ""):  # type: ignore[no-untyped-def]
    if comune:
        query = query.where(Family.comune_name == comune)
    text = text.strip()
    if text:
        pattern = f"%{text.lower()}%"
        query = query.where(
            or_(func.lower(Family.name).like(pattern), func.lower(Family.comune_name).like(pattern))
        )
    return query


def count_families(session: Session, text: str = "", comune: str = "") -> int:
    return session.scalar(_filtered(select(func.count(Family.id)), text, comune)) or 0


def family_page(
    session: Session, offset: int = 0, limit: int = PAGE_SIZE, text: str = "", comune: str = ""
) -> Page[FamilyRow]:
    """Families ordered by name, ``limit`` rows from ``offset``, with member counts.

    ``text`` matches part of the family name or comune; ``comune`` is an exact
    comune of residence.
    """
    members = (
        select(
            Person.family_id.label("family_id"),
            func.count(Person.id).label("members"),
            func.sum(case((Person.relation == "child", 1), else_=0)).label("children"),
        )
        .group_by(Person.family_id)
        .subquery()
    )
    query = _filtered(
        select(Family, members.c.members, members.c.children).outerjoin(
            members, members.c.family_id == Family.id
        ),
        text,
        comune,
    ).order_by(Family.name, Family.id)
    rows = [
        FamilyRow(
            id=family.id,
            name=family.name,
            comune=family.comune_name,
            members=n or 0,
            children=c or 0,
            phone=family.phone,
            created_at=family.created_at,
            version=family.version,
        )
        for family, n, c in session.execute(query.offset(offset).limit(limit))
    ]
    return Page(rows=rows, offset=offset, total=count_families(session, text, comune))

"""The list of families (Families page when nothing is searched), page by page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import Family, Person
from familydesk.i18n import _
from familydesk.kernel import clock
from familydesk.kernel.paging import PAGE_SIZE, Page
from familydesk.registry.records import (
    CHILD_RELATIONS,
    EARLY_CHILDHOOD_AGE,
    LARGE_FAMILY_CHILDREN,
    Markers,
)
from familydesk.trust import permissions


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
    markers: Markers = field(default_factory=Markers)
    #: Identity removed (GDPR): ``name`` then reads "Anonymised family".
    anonymised: bool = False


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
    permissions.require(session, permissions.VIEW_REGISTRY)
    return session.scalar(_filtered(select(func.count(Family.id)), text, comune)) or 0


def family_page(
    session: Session,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    text: str = "",
    comune: str = "",
    today: date | None = None,
) -> Page[FamilyRow]:
    """Families ordered by name, ``limit`` rows from ``offset``, with member counts.

    Anonymised families (no name) come last, named "Anonymised family".

    ``text`` matches part of the family name or comune; ``comune`` is an exact
    comune of residence.
    """
    permissions.require(session, permissions.VIEW_REGISTRY)
    today = today or clock.today()
    early = date(today.year - EARLY_CHILDHOOD_AGE, today.month, min(today.day, 28))
    is_child = Person.relation.in_(CHILD_RELATIONS)
    # The page of families first, then member counts for those families only:
    # aggregating every person of a large registry for each page would be slow.
    page = (
        _filtered(select(Family.id), text, comune)
        .order_by(Family.anonymised_on.is_not(None), Family.name, Family.id)
        .offset(offset)
        .limit(limit)
        .subquery("page")
    )
    members = (
        select(
            Person.family_id.label("family_id"),
            func.count(Person.id).label("members"),
            func.sum(case((is_child, 1), else_=0)).label("children"),
            func.sum(case((Person.relation == "parent", 1), else_=0)).label("parents"),
            func.max(case((is_child & (Person.birth_date > early), 1), else_=0)).label("early"),
            func.max(case((Person.disability, 1), else_=0)).label("disability"),
        )
        .where(Person.family_id.in_(select(page.c.id)))
        .group_by(Person.family_id)
        .subquery()
    )
    m = members.c
    query = (
        select(
            Family.id,
            Family.name,
            Family.comune_name,
            Family.phone,
            Family.created_at,
            Family.version,
            Family.anonymised_on,
            m.members,
            m.children,
            m.parents,
            m.early,
            m.disability,
        )
        .select_from(page)
        .join(Family, Family.id == page.c.id)
        .outerjoin(members, m.family_id == Family.id)
        .order_by(Family.anonymised_on.is_not(None), Family.name, Family.id)
    )
    rows = [
        FamilyRow(
            id=family_id,
            name=_("Anonymised family") if anonymised_on else name,
            comune=comune_name,
            members=n or 0,
            children=c or 0,
            phone=phone,
            created_at=created_at,
            version=version,
            markers=Markers(
                large_family=(c or 0) >= LARGE_FAMILY_CHILDREN,
                single_parent=(p or 0) == 1 and bool(c),
                early_childhood=bool(e),
                disability=bool(d),
            ),
            anonymised=anonymised_on is not None,
        )
        for (
            family_id,
            name,
            comune_name,
            phone,
            created_at,
            version,
            anonymised_on,
            n,
            c,
            p,
            e,
            d,
        ) in session.execute(query)
    ]
    return Page(rows=rows, offset=offset, total=count_families(session, text, comune))

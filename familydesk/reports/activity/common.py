"""The scope as SQL: which centres' records and which comuni of residence count.

A family's comune is ``family.comune_code`` (cadastral); an anonymous visitor's is the
name typed at the desk (``contact.anon_comune``), matched to the member comuni by name.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from familydesk.db.models.registry import MemberComune, Site
from familydesk.reports.model import Scope


def site_ids(session: Session, scope: Scope) -> list[int] | None:
    """The ids of the centres in scope, or None for every centre."""
    if not scope.sites:
        return None
    return list(session.scalars(select(Site.id).where(Site.code.in_(scope.sites))))


def of_sites(session: Session, scope: Scope, site_column: Any) -> ColumnElement[bool]:
    """A condition on ``site_column``: the record was made at a centre in scope."""
    ids = site_ids(session, scope)
    return true() if ids is None else site_column.in_(ids)


def comune_names(session: Session, scope: Scope) -> list[str]:
    """The names of the member comuni in scope (for anonymous visitors' comuni)."""
    query = select(MemberComune.name).where(MemberComune.cadastral_code.in_(scope.comuni))
    return list(session.scalars(query))

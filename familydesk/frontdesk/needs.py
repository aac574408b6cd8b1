"""The needs taxonomy: built-in names (translated), the centre's own wording, macro-areas."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.frontdesk import Need
from familydesk.i18n import N_, _
from familydesk.trust import permissions

#: Built-in names of the seeded needs (migration 0006), translated where shown.
NEED_NAMES: dict[str, str] = {
    "orientation": N_("Orientation to services"),
    "economic_support": N_("Economic support (bonus, rent fund, energy bonus)"),
    "parenting": N_("Parenting support and education"),
    "mediation": N_("Couple and family mediation"),
    "pregnancy_newborns": N_("Pregnancy and newborns (0-3)"),
    "childcare_work_life": N_("Childcare and work-life balance"),
    "schooling": N_("Schooling and early school leaving"),
    "foster_adoption": N_("Foster care and adoption"),
    "disability": N_("Disability"),
    "housing": N_("Housing"),
    "work_training": N_("Work and training"),
    "language_mediation": N_("Language and cultural mediation"),
    "violence": N_("Gender-based and domestic violence"),
    "youth": N_("Youth and active citizenship"),
    "elderly_caregivers": N_("Elderly relatives and caregivers"),
    "other": N_("Other"),
}
#: Regional policy macro-areas (Lombardy, DGR XI/4563): the report groupings.
MACRO_AREAS: dict[str, str] = {
    "A": N_("Fighting poverty and social exclusion"),
    "B": N_("Housing policies"),
    "C": N_("Active inclusion"),
    "D": N_("Care at home"),
    "E": N_("Elderly people"),
    "F": N_("Digital services"),
    "G": N_("Young people and minors"),
    "H": N_("Work policies"),
    "I": N_("Family support"),
    "J": N_("People with disabilities"),
}


@dataclass(frozen=True)
class NeedRow:
    id: int
    key: str
    name: str
    macro_area: str
    active: bool


def need_name(need: Need) -> str:
    return need_words(need.key, need.name)


def need_words(key: str, name: str) -> str:
    """A need's name: the centre's own wording, else the built-in name translated."""
    return name or _(NEED_NAMES.get(key, key))


def list_needs(session: Session, active_only: bool = True) -> list[NeedRow]:
    """The taxonomy in the centre's order (names in the interface language)."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    query = select(Need).order_by(Need.position, Need.id)
    if active_only:
        query = query.where(Need.active.is_(True))
    return [
        NeedRow(n.id, n.key, need_name(n), n.macro_area, n.active) for n in session.scalars(query)
    ]

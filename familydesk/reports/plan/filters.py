"""The filters a measure accepts: what each is, its choices, and the check of a value.

A filter is ``one`` (a value from its choices), ``many`` (a list of them) or ``flag``
(true or false). Choices are read from the database (needs, card types, services...)
as ``(value, label)`` pairs, values as text, so they store plainly in JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.cards.partners import CATEGORIES
from familydesk.db.models.appointments import Service
from familydesk.db.models.cards import CardType
from familydesk.db.models.directory import DirectoryService
from familydesk.db.models.frontdesk import Need
from familydesk.db.models.registry import MemberComune
from familydesk.frontdesk.needs import MACRO_AREAS, need_name
from familydesk.groups.names import KINDS
from familydesk.i18n import N_, _

Choices = list[tuple[str, str]]


@dataclass(frozen=True)
class FilterSpec:
    key: str
    #: The filter's name (untranslated msgid: ``_(spec.label)`` shows it).
    label: str
    kind: str = "one"  # one, many, flag
    choices: Callable[[Session], Choices] | None = None


def _group_kinds(session: Session) -> Choices:
    return [(key, _(name)) for key, name in KINDS.items()]


def _needs(session: Session) -> Choices:
    return [(n.key, need_name(n)) for n in session.scalars(select(Need).order_by(Need.position))]


def _macro_areas(session: Session) -> Choices:
    return [(key, f"{key}. {_(title)}") for key, title in MACRO_AREAS.items()]


def _comuni(session: Session) -> Choices:
    query = select(MemberComune.cadastral_code, MemberComune.name).order_by(
        MemberComune.position, MemberComune.name
    )
    return [(code, name) for code, name in session.execute(query)]


def _directory_services(session: Session) -> Choices:
    query = select(DirectoryService.id, DirectoryService.name).order_by(DirectoryService.name)
    return [(str(i), name) for i, name in session.execute(query)]


def _appointment_services(session: Session) -> Choices:
    query = select(Service.key, Service.name).order_by(Service.position, Service.id)
    return [(key, name or key) for key, name in session.execute(query)]


def _professions(session: Session) -> Choices:
    query = select(Service.profession).where(Service.profession != "").distinct()
    return [(p, p) for p in sorted(session.scalars(query))]


def _card_types(session: Session) -> Choices:
    query = select(CardType.id, CardType.name).order_by(CardType.name)
    return [(str(i), name) for i, name in session.execute(query)]


def _partner_categories(session: Session) -> Choices:
    return [(key, _(name)) for key, name in CATEGORIES.items()]


GROUP_KIND = FilterSpec("group_kind", N_("Kind of group"), "one", _group_kinds)
TAGGED = FilterSpec("tagged", N_("Only groups tagged with this action"), "flag")
NEEDS = FilterSpec("needs", N_("Needs"), "many", _needs)
MACRO_AREA = FilterSpec("macro_area", N_("Macro-area"), "one", _macro_areas)
COMUNE = FilterSpec("comune", N_("Comune of residence"), "one", _comuni)
SERVICE = FilterSpec("service", N_("Service of the territory"), "one", _directory_services)
APPOINTMENT_SERVICE = FilterSpec("service", N_("Service"), "one", _appointment_services)
PROFESSION = FilterSpec("profession", N_("Profession"), "one", _professions)
CARD_TYPE = FilterSpec("card_type", N_("Card type"), "one", _card_types)
PARTNER_CATEGORY = FilterSpec(
    "partner_category", N_("Partner category"), "one", _partner_categories
)


def check(session: Session, specs: tuple[FilterSpec, ...], filters: dict[str, Any]) -> list[str]:
    """What is wrong with ``filters`` for a measure accepting ``specs`` (translated
    sentences naming the filter; empty when all is well). Empty values are no filter."""
    problems: list[str] = []
    by_key = {spec.key: spec for spec in specs}
    for key, value in filters.items():
        spec = by_key.get(key)
        if spec is None:
            problems.append(_("Filters: this measure has no filter “{key}”.").format(key=key))
            continue
        if spec.kind == "flag":
            if not isinstance(value, bool):
                problems.append(_("{field}: yes or no.").format(field=_(spec.label)))
            continue
        values = value if spec.kind == "many" and isinstance(value, list) else [value]
        known = {choice for choice, _label in spec.choices(session)} if spec.choices else set()
        wrong = [str(v) for v in values if str(v) not in known]
        if wrong or (spec.kind == "one" and isinstance(value, list)):
            problems.append(
                _("{field}: choose from the list ({values} is not one of them).").format(
                    field=_(spec.label), values=", ".join(wrong) or str(value)
                )
            )
    return problems


def cleaned(filters: dict[str, Any]) -> dict[str, Any]:
    """``filters`` without empty values (no filter), lists without repeats."""
    out: dict[str, Any] = {}
    for key, value in filters.items():
        if value in (None, "", [], False):
            continue
        out[key] = list(dict.fromkeys(value)) if isinstance(value, list) else value
    return out

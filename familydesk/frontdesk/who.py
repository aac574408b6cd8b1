"""Who came to the desk, in words: a person's name, a family, or an anonymous visitor.

A list of contacts (the queue, the follow-ups) reads its names in the same query as its
rows: ``with_visitor`` joins the person and the family and adds ``VISITOR_COLUMNS``, and
``Namer`` turns each row into words (translated once per list, not once per row). The
words are for the screen only: never for logs or audit notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select

from familydesk.db.models.frontdesk import Contact
from familydesk.db.models.registry import Family, Person
from familydesk.i18n import _


def anonymous_label(sex: str, birth_year: int | None) -> str:
    """ "Anonymous visitor (F, 1990)": statistics only, never a name."""
    details = [part for part in (sex, str(birth_year) if birth_year else "") if part]
    if not details:
        return _("Anonymous visitor")
    return _("Anonymous visitor ({details})").format(details=", ".join(details))


#: Who came, as the last columns of a query of contacts joined by ``with_visitor``
#: (``Namer`` reads them by position, in this order).
VISITOR_COLUMNS = (
    Person.id,
    Person.last_name,
    Person.first_name,
    Person.anonymised_on,
    Family.id,
    Family.name,
    Family.anonymised_on,
    Contact.anon_sex,
    Contact.anon_birth_year,
)
VISITOR_WIDTH = len(VISITOR_COLUMNS)


def with_visitor(query: Select) -> Select:  # type: ignore[type-arg]
    """``query`` (of contacts) with ``VISITOR_COLUMNS`` last and the joins they need."""
    return (
        query.add_columns(*VISITOR_COLUMNS)
        .outerjoin(Person, Person.id == Contact.person_id)
        .outerjoin(Family, Family.id == Contact.family_id)
    )


class Namer:
    """Words for the ``VISITOR_COLUMNS`` of a row; the fixed words are translated once,
    when it is made (one per list read), not once per row."""

    def __init__(self) -> None:
        self.anonymised_person = _("Anonymised person")
        self.anonymised_family = _("Anonymised family")
        self.family = _("{name} family")
        self.anonymous: dict[tuple[str, int | None], str] = {}

    def __call__(self, visitor: Sequence[Any]) -> str:
        person, last, first, person_gone, family, name, family_gone, sex, year = visitor
        if person is not None:
            return self.anonymised_person if person_gone is not None else f"{last} {first}".strip()
        if family is not None:
            return (
                self.anonymised_family if family_gone is not None else self.family.format(name=name)
            )
        words = self.anonymous.get((sex, year))
        if words is None:
            words = self.anonymous[(sex, year)] = anonymous_label(sex, year)
        return words

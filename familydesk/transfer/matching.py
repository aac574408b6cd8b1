"""Matching a file's families with the registry, in a few bulk queries.

A row is already registered when its tax code belongs to someone, or when
a registry family with the same key (``external_key``, or the family's uid
as the export writes it) has a member with the same folded name and birth
date. A family whose every row is already registered, all in one registry
family, is skipped: importing a file twice adds nothing. A row registered
in a family other than the one its file family matches is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import Family, Person
from familydesk.i18n import _, format_date
from familydesk.transfer.rules import FamilyDraft, RowDraft

#: Parameters per IN (...) query: far below SQLite's and PostgreSQL's limits.
CHUNK = 500


@dataclass(frozen=True)
class _Known:
    person_id: int
    family_id: int
    surname: str
    given_name: str
    family_name: str


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:  # type: ignore[type-arg]
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _uid(key: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(key)
    except ValueError:
        return None


class Registry:
    """What the registry already holds for one file (loaded once, then looked up in memory)."""

    def __init__(self, session: Session, families: Iterable[FamilyDraft]) -> None:
        families = list(families)
        codes = sorted({row.code for f in families for row in f.rows if row.member and row.code})
        keys = sorted({f.key for f in families if f.key})
        self.by_code: dict[str, _Known] = {}
        for chunk in _chunks(codes):
            query = (
                select(
                    Person.tax_code,
                    Person.id,
                    Person.family_id,
                    Person.last_name,
                    Person.first_name,
                    Family.name,
                )
                .join(Family, Family.id == Person.family_id)
                .where(Person.tax_code.in_(chunk))
            )
            for code, *rest in session.execute(query):
                self.by_code[code] = _Known(*rest)
        #: Family key -> registry family ids with that key (or that uid).
        self.families_by_key: dict[str, list[int]] = {}
        self.family_names: dict[int, str] = {}
        for chunk in _chunks(keys):
            uids = [u for u in (_uid(k) for k in chunk) if u is not None]
            condition = Family.external_key.in_(chunk)
            if uids:
                condition = or_(condition, Family.uid.in_(uids))
            for family_id, key, uid, name in session.execute(
                select(Family.id, Family.external_key, Family.uid, Family.name).where(condition)
            ):
                self.family_names[family_id] = name
                for matched in {key, str(uid)} & set(chunk):
                    self.families_by_key.setdefault(matched, []).append(family_id)
        #: (family id, name key, birth date) -> person id, for rows without a matching code.
        self.members: dict[tuple[int, str, date | None], int] = {}
        ids = sorted(self.family_names)
        for chunk in _chunks(ids):
            query = select(Person.family_id, Person.name_key, Person.birth_date, Person.id).where(
                Person.family_id.in_(chunk)
            )
            for family_id, key, born, person_id in session.execute(query):
                self.members[(family_id, key, born)] = person_id

    def family_of(self, family: FamilyDraft, row: RowDraft) -> int | None:
        """The registry family that already holds this row's person, if any."""
        known = self.by_code.get(row.code) if row.code else None
        if known is not None:
            return known.family_id
        name, born = row.match_key
        for family_id in self.families_by_key.get(family.key, []):
            if (family_id, name, born) in self.members:
                return family_id
        return None


def match_families(session: Session, families: list[FamilyDraft]) -> None:
    """Mark families already registered, and refuse rows registered elsewhere."""
    candidates = [f for f in families if not f.rejected]
    registry = Registry(session, candidates)
    for family in candidates:
        found = [registry.family_of(family, row) for row in family.rows]
        if found and all(f is not None for f in found) and len(set(found)) == 1:
            family.present_in = found[0]
            continue
        for row, family_id in zip(family.rows, found, strict=True):
            if family_id is None:
                continue
            known = registry.by_code.get(row.code) if row.code else None
            if known is not None:
                row.errors.append(
                    _("Tax code {code} already belongs to {name} (family {family}).").format(
                        code=row.code,
                        name=f"{known.surname} {known.given_name}",
                        family=known.family_name,
                    )
                )
            else:
                assert row.member is not None
                row.errors.append(
                    _(
                        "{name}, born on {born}, is already in family {family} with the same key, "
                        "which does not hold every row of this family: complete it by hand."
                    ).format(
                        name=f"{row.member.last_name} {row.member.first_name}",
                        born=format_date(row.member.birth_date) or "-",
                        family=registry.family_names.get(family_id, ""),
                    )
                )
        family.reject_rest()

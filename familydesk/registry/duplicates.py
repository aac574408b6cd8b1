"""Likely duplicates (same name and birth date) and merging them."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.database import load_for_update
from familydesk.db.models.registry import Person, PersonMerge
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.text import name_key
from familydesk.registry.records import PersonHit
from familydesk.registry.search import hits_for
from familydesk.trust import permissions

_FILLABLE = ("birth_place", "citizenship", "languages", "phone", "email", "notes")


def likely_duplicates(
    session: Session,
    first_name: str,
    last_name: str,
    birth_date: date | None,
    exclude_id: int | None = None,
) -> list[PersonHit]:
    """People with the same name (ignoring accents, case, apostrophes) and birth date."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    if birth_date is None:
        return []
    # Anonymised people have no name key or birth date; the explicit test documents it.
    query = select(Person.id).where(
        Person.name_key == name_key(last_name, first_name),
        Person.birth_date == birth_date,
        Person.anonymised_on.is_(None),
    )
    if exclude_id is not None:
        query = query.where(Person.id != exclude_id)
    return hits_for(session, list(session.scalars(query)))


def duplicate_groups(session: Session, limit: int = 200) -> list[list[PersonHit]]:
    """Groups of two or more people who look like the same person (the merge view)."""
    permissions.require(session, permissions.VIEW_REGISTRY)
    keys = session.execute(
        select(Person.name_key, Person.birth_date)
        .where(
            Person.birth_date.is_not(None), Person.name_key != "", Person.anonymised_on.is_(None)
        )
        .group_by(Person.name_key, Person.birth_date)
        .having(func.count(Person.id) > 1)
        .limit(limit)
    ).all()
    groups = []
    for key, born in keys:
        ids = session.scalars(
            select(Person.id).where(Person.name_key == key, Person.birth_date == born)
        ).all()
        groups.append(hits_for(session, list(ids)))
    return groups


def _snapshot(person: Person) -> str:
    data = {
        column.key: getattr(person, column.key)
        for column in Person.__table__.columns
        if column.key not in ("search_text", "name_key")
    }
    return json.dumps(data, default=str, ensure_ascii=False, sort_keys=True)


def merge_people(
    session: Session, keep_id: int, keep_version: int, merge_id: int, merge_version: int
) -> None:
    """Merge a duplicate into ``keep_id``: its consents move over, its empty fields fill
    the kept record, and a snapshot of it is kept in ``person_merge``."""
    if keep_id == merge_id:
        raise ValidationError("merge", _("Choose two different people to merge."))
    keep = load_for_update(session, Person, keep_id, keep_version)
    other = load_for_update(session, Person, merge_id, merge_version)
    if keep.tax_code and other.tax_code and keep.tax_code != other.tax_code:
        raise ValidationError(
            "merge",
            _(
                "These two people have different tax codes ({first} and {second}): they are not "
                "the same person."
            ).format(first=keep.tax_code, second=other.tax_code),
        )
    session.add(
        PersonMerge(kept_person_id=keep.id, merged_uid=other.uid, snapshot=_snapshot(other))
    )
    for consent in list(other.consents):
        consent.person_id = keep.id
    session.flush()
    session.expire(other, ["consents"])
    code = other.tax_code
    for name in _FILLABLE:
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    keep.disability = keep.disability or other.disability
    session.delete(other)
    session.flush()
    if code and not keep.tax_code:
        keep.tax_code = code
        keep.no_code_reason = ""
    session.flush()

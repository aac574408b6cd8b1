"""Session hooks that keep derived columns right, whoever writes.

- Rows and sensitive columns the signed-in role may not write are refused
  (``familydesk.trust.permissions.check_flush``).
- New records are stamped with the session's centre (``site_id``).
- Every created, changed or deleted record gets a line in the audit trail.
- A person's search words and name key follow their names, code, phone and
  e-mail (and the family's phone and e-mail), so search and duplicate
  checks never go stale, whether the change came from a form, an import or
  a merge. An anonymised person has none: search and duplicate checks
  never find them again (``familydesk.privacy.anonymise``).

:func:`install` attaches them to a database (``familydesk.trust.opening`` does it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from familydesk.db.base import SiteOwnedMixin
from familydesk.db.database import Database
from familydesk.db.models.registry import Family, Person
from familydesk.kernel.text import name_key, search_document
from familydesk.trust import audit, changes, permissions


def person_words(person: Person) -> tuple[str, str]:
    family = person.family
    phones = (person.phone, family.phone if family is not None else "")
    emails = (person.email, family.email if family is not None else "")
    return (
        search_document(person.last_name, person.first_name, person.tax_code, phones, emails),
        name_key(person.last_name, person.first_name),
    )


def before_flush(session: Session, _context: Any, _instances: Any) -> None:
    permissions.check_flush(session)
    site_id = session.info.get("site_id")
    people: set[Person] = set()
    for obj in session.new:
        if isinstance(obj, SiteOwnedMixin) and obj.site_id is None:
            if site_id is None:
                raise RuntimeError("new record without a site: open the session via Database")
            obj.site_id = site_id
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Person):
            people.add(obj)
        elif isinstance(obj, Family) and obj in session.dirty:
            people.update(obj.members)
    for person in people:
        if person in session.deleted:
            continue
        # Anonymised people have no words: search and duplicate checks never find them.
        words, key = person_words(person) if person.anonymised_on is None else ("", "")
        if person.search_text != words:
            person.search_text = words
        if person.name_key != key:
            person.name_key = key
    audit.record_changes(session)


def after_transaction_end(session: Session, _transaction: Any) -> None:
    audit.clear_tail(session)


def install(database: Database) -> None:
    """Attach these hooks to every session of ``database``."""
    database.listen("before_flush", before_flush)
    database.listen("after_transaction_end", after_transaction_end)
    changes.install(database)  # which tables a write touched (the UI's OpChanges)

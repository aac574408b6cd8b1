"""Reading the audit trail page by page, with filters (the Privacy page and ``audit list``).

FamilyDesk never deletes audit entries: the whole trail stays readable (at
least the 24 months the privacy notice promises) and :func:`audit_page`
filters it by operator, action, period and record.

Filtering by record is itself an access to personal data when the record is
a person: it is written in the trail (``audit-read``), so a query with a
``record`` filter must run in a write unit of work (``Database.write``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from familydesk.db.dialect import WRITE_OPTION
from familydesk.db.models.registry import AuditEntry, Person
from familydesk.i18n import _
from familydesk.italy.taxcode import normalise
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.paging import PAGE_SIZE, Page
from familydesk.trust import audit, permissions
from familydesk.trust.audit import AuditRow

#: The minimum time the trail is kept (privacy notice); FamilyDesk itself never deletes it.
RETENTION_MONTHS = 24


@dataclass(frozen=True)
class RecordScope:
    """What a ``record`` filter stands for: the uids it covers and the record it names."""

    uids: tuple[str, ...]
    table_name: str
    record_uid: str


def resolve_record(session: Session, key: str) -> RecordScope:
    """A record uid, or a person's uid or tax code -> the uids whose entries to show.

    A person stands for themselves, their family and their consents (as in the
    art. 15 copy, ``privacy.subject_access``). A uid of any other record, or of
    a record deleted since, stands for itself. Raises ``ValidationError``
    (field ``record``) for anything else.
    """
    key = key.strip()
    person = None
    try:
        uid = uuid.UUID(key)
    except ValueError:
        code = normalise(key)
        if len(code) != 16 or not code.isalnum():
            raise ValidationError(
                "record", _("Record: write a record uid or a tax code (16 characters).")
            ) from None
        person = session.scalar(select(Person).where(Person.tax_code == code))
        if person is None:
            raise ValidationError(
                "record", _("Record: no person has the tax code {code}.").format(code=code)
            ) from None
    else:
        person = session.scalar(select(Person).where(Person.uid == uid))
        if person is None:
            # The kind of record, from the trail itself: the record may be gone.
            table = session.scalar(
                select(AuditEntry.table_name)
                .where(AuditEntry.record_uid == str(uid), AuditEntry.table_name != "")
                .limit(1)
            )
            return RecordScope((str(uid),), table or "", str(uid))
    uids = [str(person.uid), str(person.family.uid)] + [str(c.uid) for c in person.consents]
    return RecordScope(tuple(uids), "person", str(person.uid))


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, clock.ROME)


def _filtered(
    query, operator: str, action: str, since: date | None, until: date | None, uids: tuple[str, ...]
):  # type: ignore[no-untyped-def]
    if operator:
        query = query.where(AuditEntry.operator == operator)
    if action:
        query = query.where(AuditEntry.action == action)
    if since is not None:
        query = query.where(AuditEntry.at >= _local_midnight(since))
    if until is not None:
        query = query.where(AuditEntry.at < _local_midnight(until + timedelta(days=1)))
    if uids:
        query = query.where(AuditEntry.record_uid.in_(uids))
    return query


def _writable(session: Session) -> bool:
    return bool(session.get_bind().get_execution_options().get(WRITE_OPTION))


def audit_page(
    session: Session,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    operator: str = "",
    record: str = "",
    action: str = "",
    since: date | None = None,
    until: date | None = None,
) -> Page[AuditRow]:
    """Entries newest first, ``limit`` from ``offset``, filtered; ``total`` counts all matches.

    ``operator`` and ``action`` are exact; ``since``/``until`` are local days,
    both included; ``record`` is read by :func:`resolve_record`. With a
    ``record`` the first page (``offset`` 0) writes one ``audit-read`` entry
    about that record before reading, so it shows at the top; such a query
    must run as a write (``RuntimeError`` otherwise: the entry would be lost).
    """
    permissions.require(session, permissions.VIEW_AUDIT)
    if since is not None and until is not None and until < since:
        raise ValidationError("until", _("Period: the end date comes before the start date."))
    uids: tuple[str, ...] = ()
    if record.strip():
        if not _writable(session):
            raise RuntimeError("audit_page with a record filter must run in Database.write")
        scope = resolve_record(session, record)
        uids = scope.uids
        if offset == 0:
            audit.record(
                session,
                "audit-read",
                note="filter",
                table_name=scope.table_name,
                record_uid=scope.record_uid,
            )
            session.flush()
    query = _filtered(select(AuditEntry), operator, action, since, until, uids)
    rows = [
        AuditRow(e.id, e.at, e.operator, e.action, e.table_name, e.record_uid, e.fields, e.note)
        for e in session.scalars(query.order_by(AuditEntry.id.desc()).offset(offset).limit(limit))
    ]
    total = (
        session.scalar(
            _filtered(select(func.count(AuditEntry.id)), operator, action, since, until, uids)
        )
        or 0
    )
    return Page(rows=rows, offset=offset, total=total)


def audit_operators(session: Session) -> list[str]:
    """The distinct operator names found in the trail, sorted (for the operator filter)."""
    permissions.require(session, permissions.VIEW_AUDIT)
    names = session.scalars(select(AuditEntry.operator).distinct().where(AuditEntry.operator != ""))
    return sorted(names, key=str.lower)

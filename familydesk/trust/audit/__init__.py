"""The audit trail: who did what to which record, when — hash-chained.

Every create, update and delete of a record is appended by a session hook
(:func:`record_changes`, called from ``familydesk.trust.hooks``) in the same transaction
as the change; prints, exports, imports and the opening of a family are
appended by the services that do them (:func:`record`). An entry names the
record by uid and the changed fields by name, never their values.

Each entry stores the hash of the previous one and a SHA-256 of its own
content, so :func:`verify` finds the first entry that was edited, removed or
inserted. Appends are serialised: SQLite writers take the lock at BEGIN; on
PostgreSQL an advisory transaction lock is taken before reading the last hash.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.orm import Session

from familydesk.db.base import RecordMixin, utcnow
from familydesk.db.database import refuse_read_only
from familydesk.db.models.registry import AuditEntry, Site
from familydesk.i18n import _
from familydesk.trust import permissions

GENESIS = "0" * 64
#: Advisory lock key for appending to the audit trail on PostgreSQL.
PG_LOCK_KEY = 7_001_042
#: Columns whose changes are derived or technical: not worth an audit line of their own.
_COLUMNS = (
    "at",
    "site_code",
    "operator",
    "action",
    "table_name",
    "record_uid",
    "fields",
    "note",
    "prev_hash",
    "hash",
)
_QUIET_FIELDS = frozenset({"search_text", "name_key", "updated_at", "version", "created_at"})


@dataclass(frozen=True)
class Problem:
    entry_id: int
    message: str


def desk_user() -> str:
    """Who is at the keyboard, for the audit trail, until operators sign in."""
    import getpass

    try:
        return f"{getpass.getuser()} (os)"
    except (KeyError, OSError):
        return "(os)"


def operator_of(session: Session) -> str:
    return str(session.info.get("operator") or "")


def _note(session: Session, note: str) -> str:
    """An entry's note; the system's own writes say why when they have no other note."""
    return (note or str(session.info.get("system_reason") or ""))[:300]


def _digest(entry: AuditEntry) -> str:
    content = {
        "at": entry.at.isoformat() if entry.at else "",
        "site": entry.site_code,
        "operator": entry.operator,
        "action": entry.action,
        "table": entry.table_name,
        "record": entry.record_uid,
        "fields": entry.fields,
        "note": entry.note,
        "prev": entry.prev_hash,
    }
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _last_hash(session: Session) -> str:
    pending = session.info.get("audit_tail")
    if pending is not None:
        return pending
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
    with session.no_autoflush:
        last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    return last or GENESIS


def _site_code(session: Session) -> str:
    if "site_code" not in session.info:
        site_id = session.info.get("site_id")
        with session.no_autoflush:
            site = session.get(Site, site_id) if site_id else None
        session.info["site_code"] = site.code if site else ""
    return str(session.info["site_code"])


def append(
    session: Session,
    action: str,
    table_name: str = "",
    record_uid: str = "",
    fields: Iterable[str] = (),
    note: str = "",
) -> AuditEntry:
    """Add one entry to the trail, chained to the last one (written at the next flush).

    In a read session it raises ``ReadOnlySessionError``: the entry would be lost.
    """
    refuse_read_only(session, f"An audit entry ({action})")
    entry = AuditEntry(
        at=utcnow(),
        site_code=_site_code(session),
        operator=operator_of(session),
        action=action,
        table_name=table_name,
        record_uid=record_uid,
        fields=",".join(sorted(fields)),
        note=_note(session, note),
        prev_hash=_last_hash(session),
    )
    entry.hash = _digest(entry)
    session.info["audit_tail"] = entry.hash
    session.add(entry)
    return entry


def append_bulk(
    session: Session, action: str, table_name: str, record_uids: list[str], note: str = ""
) -> None:
    """Many entries at once, with one multi-row INSERT (bulk imports, demo data)."""
    if not record_uids:
        return
    refuse_read_only(session, f"Audit entries ({action})")
    note = _note(session, note)
    previous = _last_hash(session)
    rows = []
    at, site, who = utcnow(), _site_code(session), operator_of(session)
    for uid in record_uids:
        entry = AuditEntry(
            at=at,
            site_code=site,
            operator=who,
            action=action,
            table_name=table_name,
            record_uid=uid,
            fields="",
            note=note,
            prev_hash=previous,
        )
        entry.hash = previous = _digest(entry)
        rows.append({column: getattr(entry, column) for column in _COLUMNS})
    session.execute(insert(AuditEntry.__table__), rows)
    session.info["audit_tail"] = previous


def record(
    session: Session,
    action: str,
    obj: RecordMixin | None = None,
    note: str = "",
    table_name: str = "",
    record_uid: str = "",
) -> None:
    """Audit an action that changes nothing in the record (open, print, export...)."""
    if obj is not None:
        table_name, record_uid = obj.__tablename__, str(obj.uid)  # type: ignore[attr-defined]
    append(session, action, table_name, record_uid, note=note)


def record_changes(session: Session) -> None:
    """Called before each flush: one entry per created, changed or deleted record."""
    for obj in list(session.new):
        if isinstance(obj, RecordMixin):
            if obj.uid is None:
                obj.uid = uuid.uuid4()
            append(session, "create", obj.__tablename__, str(obj.uid))  # type: ignore[attr-defined]
    for obj in list(session.dirty):
        if isinstance(obj, RecordMixin) and session.is_modified(obj):
            state = inspect(obj)
            changed = [
                attr.key
                for attr in state.attrs
                if attr.key not in _QUIET_FIELDS
                and attr.history.has_changes()
                and attr.key in state.mapper.columns
            ]
            if changed:
                append(session, "update", obj.__tablename__, str(obj.uid), changed)  # type: ignore[attr-defined]
    for obj in list(session.deleted):
        if isinstance(obj, RecordMixin):
            append(session, "delete", obj.__tablename__, str(obj.uid))  # type: ignore[attr-defined]


def clear_tail(session: Session) -> None:
    """Forget the cached last hash (after commit or rollback)."""
    session.info.pop("audit_tail", None)


def verify(session: Session) -> list[Problem]:
    """Walk the chain; the first problem found tells which entry was tampered with."""
    permissions.require(session, permissions.VIEW_AUDIT)
    previous = GENESIS
    previous_id = 0
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
    for entry in rows:
        if entry.prev_hash != previous:
            return [
                Problem(
                    entry.id,
                    _(
                        "Audit entry {id}: the chain is broken before it (an entry was removed, "
                        "inserted or changed between {previous} and {id})."
                    ).format(id=entry.id, previous=previous_id),
                )
            ]
        if _digest(entry) != entry.hash:
            return [
                Problem(
                    entry.id,
                    _("Audit entry {id} was edited after it was written.").format(id=entry.id),
                )
            ]
        previous, previous_id = entry.hash, entry.id
    return []


def count(session: Session) -> int:
    return session.scalar(select(func.count(AuditEntry.id))) or 0


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    operator: str
    action: str
    table_name: str
    record_uid: str
    fields: str
    note: str


def entries(
    session: Session, record_uids: Iterable[str] = (), limit: int = 10_000
) -> list[AuditRow]:
    """Entries, newest first; only those about ``record_uids`` when given."""
    permissions.require(session, permissions.VIEW_AUDIT)
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    uids = [str(u) for u in record_uids]
    if uids:
        query = query.where(AuditEntry.record_uid.in_(uids))
    return [
        AuditRow(e.id, e.at, e.operator, e.action, e.table_name, e.record_uid, e.fields, e.note)
        for e in session.scalars(query)
    ]

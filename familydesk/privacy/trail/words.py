"""The audit trail in words: who, what, the action and the fields, as a register reads.

The trail stores uids and column names only (``familydesk.trust.audit``). This
module turns a page of entries into :class:`AuditLine` rows that name the
person or family concerned ("Bianchi Laura, famiglia Rossi") and the record
("presenza a «Genitori imperfetti cercasi», incontro 3 di 16"), and gives the
action and the changed fields in the operator's language.

The records are looked up in batch (``familydesk.privacy.trail.subjects``): one
query per kind of record on the page, never one per entry. What is looked up
is kept as :class:`Words` (a msgid and its values), translated only when
shown, so a language switch needs no new query. A record erased since says
so, without personal data; an anonymised person is called just that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from familydesk.i18n import N_, _, format_datetime
from familydesk.kernel.paging import PAGE_SIZE, Page
from familydesk.privacy.trail.subjects import kind_words, look_up
from familydesk.privacy.trail.vocabulary import (
    ACTIONS,
    DOCUMENTS,
    EXPORTS,
    Words,
    field_label,
    shown,
    words,
)
from familydesk.trust.audit import AuditRow
from familydesk.trust.audit.query import audit_page

_EXPORT_NOTE = re.compile(
    r"^(?P<subject>[a-z ]+?) (?P<format>[a-z0-9]+)"
    r"(?: (?P<first>\d{4}-\d{2}-\d{2})\.\.(?P<last>\d{4}-\d{2}-\d{2}))?: (?P<count>\d+)$"
)
_DEMO_NOTE = re.compile(r"^(?P<count>\d+) families")


@dataclass(frozen=True)
class AuditLine:
    """One entry of the trail with its words; ``entry`` keeps the uid and the raw fields."""

    entry: AuditRow
    #: The person or family the record is about (``None`` for settings and the like).
    who: Words | str | None
    #: The record, in words.
    what: Words | str


def action_text(line: AuditLine) -> str:
    """The action, with the document printed or the register opened when the note says it."""
    entry = line.entry
    action = _(ACTIONS[entry.action]) if entry.action in ACTIONS else entry.action
    document = _document(entry.note) if entry.action in {"print", "open", "update"} else None
    if document is None:
        return action
    return _("{action}: {document}").format(action=action, document=_(document))


def _document(note: str) -> str | None:
    for key in sorted(DOCUMENTS, key=len, reverse=True):
        if note == key or note.startswith((key + " ", key + ":")):
            return DOCUMENTS[key]
    return None


def changes_text(line: AuditLine) -> str:
    """The changed fields by their names on screen, in the entry's order, each name once
    (a form line may hold two columns: "from, to")."""
    labels = [
        field_label(line.entry.table_name, name) for name in line.entry.fields.split(",") if name
    ]
    return ", ".join(dict.fromkeys(labels))


def who_text(line: AuditLine) -> str:
    return shown(line.who)


def what_text(line: AuditLine) -> str:
    return shown(line.what)


def stored_parts(line: AuditLine) -> list[str]:
    """The entry as stored: the record's uid, its table, the fields and note as written."""
    entry = line.entry
    parts = [
        _("Record uid: {value}").format(value=entry.record_uid or "-"),
        _("Table: {value}").format(value=entry.table_name or "-"),
    ]
    if entry.fields:
        parts.append(_("Fields as stored: {value}").format(value=entry.fields))
    if entry.note:
        parts.append(_("Note as stored: {value}").format(value=entry.note))
    parts.append(_("Entry number: {value}").format(value=entry.id))
    return parts


def detail_text(line: AuditLine) -> str:
    """Everything about the entry, one item a line: the words first, then as stored."""
    entry = line.entry
    parts = [
        _("When: {value}").format(value=format_datetime(entry.at)),
        _("Operator: {value}").format(value=entry.operator or "-"),
        _("Who: {value}").format(value=who_text(line) or "-"),
        _("What: {value}").format(value=what_text(line)),
        _("Action: {value}").format(value=action_text(line)),
    ]
    if entry.fields:
        parts.append(_("Changes: {value}").format(value=changes_text(line)))
    return "\n".join(parts + stored_parts(line))


def _without_record(entry: AuditRow) -> Words | str:
    """An export, a demo data run, a printout about no single record: what its note says."""
    if entry.action == "demo" and (demo := _DEMO_NOTE.match(entry.note)):
        return words(N_("families: {count}"), count=demo["count"])
    match = _EXPORT_NOTE.match(entry.note)
    if match and match["subject"] in EXPORTS:
        subject = Words(EXPORTS[match["subject"]])
        form = match["format"].upper()
        if match["first"]:
            return words(
                N_("{subject} from {first} to {last} ({format}): {count}"),
                subject=subject,
                format=form,
                count=match["count"],
                first=date.fromisoformat(match["first"]),
                last=date.fromisoformat(match["last"]),
            )
        return words(
            N_("{subject} ({format}): {count}"), subject=subject, format=form, count=match["count"]
        )
    if entry.table_name:
        return kind_words(entry.table_name)
    return entry.note


def describe(session: Session, rows: Sequence[AuditRow]) -> list[AuditLine]:
    """``rows`` with their words, looked up with one query per kind of record among them."""
    found = look_up(session, [(row.table_name, row.record_uid) for row in rows if row.record_uid])
    lines = []
    for row in rows:
        if not row.record_uid:
            lines.append(AuditLine(row, None, _without_record(row)))
            continue
        who, what = found[(row.table_name, row.record_uid)]
        lines.append(AuditLine(row, who, what))
    return lines


def described_page(
    session: Session, offset: int = 0, limit: int = PAGE_SIZE, **filters: Any
) -> Page[AuditLine]:
    """:func:`familydesk.trust.audit.query.audit_page` with each entry in words (same filters)."""
    page = audit_page(session, offset, limit, **filters)
    return Page(rows=describe(session, page.rows), offset=page.offset, total=page.total)
